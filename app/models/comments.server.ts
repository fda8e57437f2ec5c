import { and, asc, count, desc, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import {
  comments,
  commentThreads,
  notifications,
  planUpdates,
  users,
  workspaceMemberships,
  type Comment,
  type CommentThread,
  type ThreadPoint,
} from "../../db/schema";
import type { ThreadEventType } from "../domain/app-events";
import type { PlanAnchor } from "../domain/comments/plan-anchor";
import { targetOf } from "../domain/comments/thread-link";
import { recordAudit } from "./audit.server";
import { queueCommentNotificationMail, type NotificationMailContext } from "./notification-mail.server";
import { publishEvent } from "./events.server";
import type { Queryable } from "./plan-storage.server";

/** Comments a member may post per minute in one workspace, counted across every server process. */
export const COMMENTS_PER_MINUTE = 30;

/** `authorName` is null when the author is no longer a member of the workspace: a former member. */
export type CommentWithAuthor = Comment & { authorName: string | null };
export type ThreadWithComments = CommentThread & { comments: CommentWithAuthor[] };

export type NewThreadTarget =
  | { kind: "plan"; planId: string; anchor: PlanAnchor }
  | { kind: "view"; viewId: string; point: ThreadPoint | null; dataVersion: number | null }
  | { kind: "diagnostic"; chartKey: string; point: ThreadPoint | null; dataVersion: number | null };

export type CommentInput = {
  authorId: string;
  body: string;
  mentions: string[];
  /** Where mail links point; without it (the demo seed) nobody is mailed. */
  mail?: NotificationMailContext | null;
};

export type Refusal = { refused: "rate_limited" };

/** Threads on one target, oldest first, each with its comments oldest first. */
export async function listThreads(
  db: Database,
  workspaceId: string,
  target:
    { kind: "plan"; planId: string } | { kind: "view"; viewId: string } | { kind: "diagnostic"; chartKey: string },
): Promise<ThreadWithComments[]> {
  const where =
    target.kind === "plan"
      ? eq(commentThreads.planId, target.planId)
      : target.kind === "view"
        ? eq(commentThreads.viewId, target.viewId)
        : and(eq(commentThreads.targetKind, "diagnostic"), eq(commentThreads.chartKey, target.chartKey));
  const threads = await db
    .select()
    .from(commentThreads)
    .where(and(eq(commentThreads.workspaceId, workspaceId), where))
    .orderBy(asc(commentThreads.createdAt), asc(commentThreads.id));
  return withComments(db, threads);
}

export async function getThread(db: Database, threadId: string): Promise<ThreadWithComments | undefined> {
  const [thread] = await db.select().from(commentThreads).where(eq(commentThreads.id, threadId));
  return thread ? (await withComments(db, [thread]))[0] : undefined;
}

async function withComments(db: Database, threads: CommentThread[]): Promise<ThreadWithComments[]> {
  if (threads.length === 0) return [];
  const rows = await db
    // Someone who left the workspace (or deleted their account) shows as a former member.
    .select({ comment: comments, authorName: users.name })
    .from(comments)
    .leftJoin(
      workspaceMemberships,
      and(
        eq(workspaceMemberships.workspaceId, comments.workspaceId),
        eq(workspaceMemberships.userId, comments.authorId),
      ),
    )
    .leftJoin(users, eq(users.id, workspaceMemberships.userId))
    .where(
      inArray(
        comments.threadId,
        threads.map((t) => t.id),
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id));
  const byThread = new Map<string, CommentWithAuthor[]>();
  for (const { comment, authorName } of rows) {
    const list = byThread.get(comment.threadId) ?? [];
    list.push({ ...comment, authorName });
    byThread.set(comment.threadId, list);
  }
  return threads.map((t) => ({ ...t, comments: byThread.get(t.id) ?? [] }));
}

export async function getComment(db: Database, commentId: string): Promise<Comment | undefined> {
  const [row] = await db.select().from(comments).where(eq(comments.id, commentId));
  return row;
}

/** Starts a thread with its first comment; refused past the rate limit. */
export async function createThread(
  db: Database,
  input: { workspaceId: string; target: NewThreadTarget } & CommentInput,
): Promise<{ thread: CommentThread; comment: Comment } | Refusal> {
  return db.transaction(async (tx) => {
    if (await overRateLimit(tx, input.workspaceId, input.authorId)) return { refused: "rate_limited" } as const;
    const t = input.target;
    const [thread] = await tx
      .insert(commentThreads)
      .values({
        workspaceId: input.workspaceId,
        targetKind: t.kind,
        planId: t.kind === "plan" ? t.planId : null,
        viewId: t.kind === "view" ? t.viewId : null,
        chartKey: t.kind === "diagnostic" ? t.chartKey : null,
        anchorStart: t.kind === "plan" ? t.anchor.start : null,
        anchorEnd: t.kind === "plan" ? t.anchor.end : null,
        quote: t.kind === "plan" ? t.anchor.quote : null,
        point: t.kind === "plan" ? null : t.point,
        dataVersion: t.kind === "plan" ? null : t.dataVersion,
        createdBy: input.authorId,
      })
      .returning();
    const comment = await insertComment(tx, thread!, input);
    // People who write a plan hear about new threads on it.
    if (t.kind === "plan") {
      const writers = await tx
        .selectDistinct({ userId: planUpdates.userId })
        .from(planUpdates)
        .innerJoin(
          workspaceMemberships,
          and(
            eq(workspaceMemberships.userId, planUpdates.userId),
            eq(workspaceMemberships.workspaceId, input.workspaceId),
          ),
        )
        .where(eq(planUpdates.planId, t.planId));
      await notify(
        tx,
        thread!,
        comment,
        "new_thread",
        writers.map((w) => w.userId!),
        input,
      );
    }
    await publish(tx, "thread.created", thread!, comment.id);
    return { thread: thread!, comment };
  });
}

/** A reply: notifies the thread's other participants and anyone mentioned. */
export async function addComment(
  db: Database,
  thread: CommentThread,
  input: CommentInput,
): Promise<{ comment: Comment } | Refusal> {
  return db.transaction(async (tx) => {
    if (await overRateLimit(tx, thread.workspaceId, input.authorId)) return { refused: "rate_limited" } as const;
    const comment = await insertComment(tx, thread, input);
    const participants = await tx
      .selectDistinct({ userId: comments.authorId })
      .from(comments)
      .where(and(eq(comments.threadId, thread.id), ne(comments.id, comment.id)));
    await notify(tx, thread, comment, "reply", participants.map((p) => p.userId!).filter(Boolean), input);
    await tx.update(commentThreads).set({ updatedAt: comment.createdAt }).where(eq(commentThreads.id, thread.id));
    await publish(tx, "comment.created", thread, comment.id);
    return { comment };
  });
}

export async function editComment(
  db: Database,
  thread: CommentThread,
  commentId: string,
  body: string,
): Promise<Comment> {
  return db.transaction(async (tx) => {
    const [comment] = await tx
      .update(comments)
      .set({ body, editedAt: new Date() })
      .where(and(eq(comments.id, commentId), eq(comments.state, "visible")))
      .returning();
    await publish(tx, "comment.updated", thread, commentId);
    return comment!;
  });
}

/** The author takes their words back: the comment stays as "deleted", its text gone. */
export async function deleteComment(db: Database, thread: CommentThread, commentId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(comments)
      .set({ body: "", state: "deleted", editedAt: new Date() })
      .where(eq(comments.id, commentId));
    await publish(tx, "comment.updated", thread, commentId);
  });
}

/** A moderator hides a comment: its text is kept (and audited), never shown. */
export async function hideComment(
  db: Database,
  thread: CommentThread,
  commentId: string,
  input: { moderatorId: string; reason: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(comments)
      .set({ state: "hidden", hiddenBy: input.moderatorId, hiddenReason: input.reason })
      .where(eq(comments.id, commentId));
    await recordAudit(tx as unknown as Database, {
      action: "comment.hidden",
      actorId: input.moderatorId,
      workspaceId: thread.workspaceId,
      data: { commentId, threadId: thread.id, reason: input.reason },
    });
    await publish(tx, "comment.updated", thread, commentId);
  });
}

export async function setThreadResolved(
  db: Database,
  thread: CommentThread,
  input: { userId: string; resolved: boolean },
): Promise<CommentThread> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const [updated] = await tx
      .update(commentThreads)
      .set(
        input.resolved
          ? { resolvedAt: now, resolvedBy: input.userId, updatedAt: now }
          : { resolvedAt: null, resolvedBy: null, updatedAt: now },
      )
      .where(eq(commentThreads.id, thread.id))
      .returning();
    await publish(tx, input.resolved ? "thread.resolved" : "thread.reopened", thread, null);
    return updated!;
  });
}

/** A plan thread whose passage came back elsewhere: its anchor moves there. */
export async function moveAnchor(db: Database, threadId: string, anchor: PlanAnchor): Promise<void> {
  await db
    .update(commentThreads)
    .set({ anchorStart: anchor.start, anchorEnd: anchor.end })
    .where(eq(commentThreads.id, threadId));
}

/** Of these user ids, the ones who are members of the workspace (mentions of anyone else are dropped). */
export async function membersAmong(db: Queryable, workspaceId: string, userIds: string[]): Promise<string[]> {
  const ids = [...new Set(userIds)].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (ids.length === 0) return [];
  const rows = await db
    .select({ userId: workspaceMemberships.userId })
    .from(workspaceMemberships)
    .where(and(eq(workspaceMemberships.workspaceId, workspaceId), inArray(workspaceMemberships.userId, ids)));
  return rows.map((r) => r.userId);
}

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

async function insertComment(tx: Tx, thread: CommentThread, input: CommentInput): Promise<Comment> {
  const [comment] = await tx
    .insert(comments)
    .values({ threadId: thread.id, workspaceId: thread.workspaceId, authorId: input.authorId, body: input.body })
    .returning();
  return comment!;
}

/**
 * Notifications for one comment: mentions first (a mentioned participant gets one
 * notification, a mention), never to the author, only to current members.
 */
async function notify(
  tx: Tx,
  thread: CommentThread,
  comment: Comment,
  kind: "reply" | "new_thread",
  audience: string[],
  input: CommentInput,
) {
  const mentioned = await membersAmong(tx, thread.workspaceId, input.mentions);
  const rows = new Map<string, "mention" | "reply" | "new_thread">();
  for (const userId of mentioned) rows.set(userId, "mention");
  for (const userId of await membersAmong(tx, thread.workspaceId, audience))
    if (!rows.has(userId)) rows.set(userId, kind);
  rows.delete(input.authorId);
  if (rows.size === 0) return;
  const created = await tx
    .insert(notifications)
    .values(
      [...rows].map(([userId, k]) => ({
        userId,
        kind: k,
        workspaceId: thread.workspaceId,
        threadId: thread.id,
        commentId: comment.id,
      })),
    )
    .returning();
  // In this transaction: the mail is stored exactly when the comment is.
  if (input.mail) await queueCommentNotificationMail(tx as unknown as Database, input.mail, created);
}

/** Counted inside the transaction under a per-member lock, so concurrent posts on any process count. */
async function overRateLimit(tx: Tx, workspaceId: string, authorId: string): Promise<boolean> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`comments:${workspaceId}:${authorId}`}))`);
  const [row] = await tx
    .select({ n: count() })
    .from(comments)
    .where(
      and(
        eq(comments.workspaceId, workspaceId),
        eq(comments.authorId, authorId),
        gt(comments.createdAt, sql`now() - interval '1 minute'`),
      ),
    );
  return (row?.n ?? 0) >= COMMENTS_PER_MINUTE;
}

async function publish(tx: Tx, type: ThreadEventType, thread: CommentThread, commentId: string | null) {
  await publishEvent(tx, {
    type,
    workspaceId: thread.workspaceId,
    threadId: thread.id,
    target: targetOf(thread),
    commentId,
  });
}

export type NotificationItem = {
  id: string;
  kind: "mention" | "reply" | "new_thread";
  threadId: string;
  commentId: string;
  read: boolean;
  createdAt: Date;
};

/** A member's notifications, newest first, from workspaces they still belong to. */
export async function listNotifications(
  db: Database,
  userId: string,
  limit = 50,
): Promise<{ unread: number; notifications: NotificationItem[] }> {
  const member = and(
    eq(notifications.userId, userId),
    sql`exists (select 1 from ${workspaceMemberships} m where m.workspace_id = ${notifications.workspaceId} and m.user_id = ${userId})`,
  );
  const [rows, [unread]] = await Promise.all([
    db.select().from(notifications).where(member).orderBy(desc(notifications.createdAt)).limit(limit),
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(member, isNull(notifications.readAt))),
  ]);
  return {
    unread: unread?.n ?? 0,
    notifications: rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      threadId: n.threadId,
      commentId: n.commentId,
      read: n.readAt !== null,
      createdAt: n.createdAt,
    })),
  };
}

export async function markNotificationsRead(db: Database, userId: string, which: { ids: string[] } | { all: true }) {
  const mine = and(eq(notifications.userId, userId), isNull(notifications.readAt));
  const ids = "ids" in which ? which.ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id)) : null;
  if (ids && ids.length === 0) return;
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(ids ? and(mine, inArray(notifications.id, ids)) : mine);
}
