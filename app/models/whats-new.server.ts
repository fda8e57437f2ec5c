import { and, desc, eq, gt, inArray, isNotNull, ne, or, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import {
  comments,
  commentThreads,
  dataViews,
  plans,
  workspaceMemberships,
  type WorkspaceMembership,
} from "../../db/schema";
import type { ThreadTarget } from "../domain/app-events";
import { targetOf } from "../domain/comments/thread-link";

/** Threads listed on the home; the counts cover all of them. */
const LISTED = 8;

export type WhatsNewThread = {
  threadId: string;
  target: ThreadTarget;
  targetTitle: string | null;
  quote: string | null;
  started: boolean;
  replies: number;
  resolved: boolean;
};

export type WhatsNew = {
  counts: { threads: number; replies: number; resolved: number };
  threads: WhatsNewThread[];
  /** Threads with news beyond the listed ones. */
  more: number;
};

/** Someone else did it: one's own comments and resolutions are not news to oneself. */
const byOthers = (column: typeof commentThreads.createdBy | typeof comments.authorId, userId: string) =>
  or(isNull(column), ne(column, userId));

/**
 * What happened in a workspace's discussions since the member's last visit to its home
 * (their joining, before a first visit), by others: threads started, replies (visible
 * ones: a deleted or hidden comment is not news), resolutions. Every member may read
 * every thread of the workspace (decision 016), so nothing is filtered further.
 */
export async function whatsNewSince(db: Database, workspaceId: string, userId: string, since: Date): Promise<WhatsNew> {
  const [started, replies, resolved] = await Promise.all([
    db
      .select({ id: commentThreads.id, at: commentThreads.createdAt })
      .from(commentThreads)
      .where(
        and(
          eq(commentThreads.workspaceId, workspaceId),
          gt(commentThreads.createdAt, since),
          byOthers(commentThreads.createdBy, userId),
        ),
      ),
    db
      .select({ threadId: comments.threadId, at: comments.createdAt })
      .from(comments)
      .innerJoin(commentThreads, eq(commentThreads.id, comments.threadId))
      .where(
        and(
          eq(comments.workspaceId, workspaceId),
          gt(comments.createdAt, since),
          // A thread's first comment is written with it, in one transaction (same time): later ones are replies.
          gt(comments.createdAt, commentThreads.createdAt),
          eq(comments.state, "visible"),
          byOthers(comments.authorId, userId),
        ),
      ),
    db
      .select({ id: commentThreads.id, at: commentThreads.resolvedAt })
      .from(commentThreads)
      .where(
        and(
          eq(commentThreads.workspaceId, workspaceId),
          isNotNull(commentThreads.resolvedAt),
          gt(commentThreads.resolvedAt, since),
          or(isNull(commentThreads.resolvedBy), ne(commentThreads.resolvedBy, userId)),
        ),
      ),
  ]);

  const news = new Map<string, { started: boolean; replies: number; resolved: boolean; latest: number }>();
  const entry = (id: string, at: Date | null) => {
    const e = news.get(id) ?? { started: false, replies: 0, resolved: false, latest: 0 };
    e.latest = Math.max(e.latest, at?.getTime() ?? 0);
    news.set(id, e);
    return e;
  };
  for (const t of started) entry(t.id, t.at).started = true;
  for (const c of replies) entry(c.threadId, c.at).replies++;
  for (const t of resolved) entry(t.id, t.at).resolved = true;

  const listedIds = [...news.entries()]
    .sort((a, b) => b[1].latest - a[1].latest)
    .slice(0, LISTED)
    .map(([id]) => id);
  const rows = listedIds.length
    ? await db
        .select({ thread: commentThreads, planTitle: plans.title, viewTitle: dataViews.title })
        .from(commentThreads)
        .leftJoin(plans, eq(plans.id, commentThreads.planId))
        .leftJoin(dataViews, eq(dataViews.id, commentThreads.viewId))
        .where(inArray(commentThreads.id, listedIds))
        .orderBy(desc(commentThreads.updatedAt))
    : [];
  const byId = new Map(rows.map((r) => [r.thread.id, r]));
  return {
    counts: { threads: started.length, replies: replies.length, resolved: resolved.length },
    threads: listedIds.flatMap((id) => {
      const row = byId.get(id);
      const e = news.get(id)!;
      if (!row) return [];
      return [
        {
          threadId: id,
          target: targetOf(row.thread),
          targetTitle: row.planTitle ?? row.viewTitle ?? null,
          quote: row.thread.quote,
          started: e.started,
          replies: e.replies,
          // Resolved since, and still resolved now.
          resolved: e.resolved && row.thread.resolvedAt !== null,
        },
      ];
    }),
    more: Math.max(0, news.size - LISTED),
  };
}

/**
 * What's new for the member opening the workspace's home, then the visit recorded: the
 * next visit counts from now. (Computed first, so this visit still shows it.)
 */
export async function whatsNewOnVisit(
  db: Database,
  membership: Pick<WorkspaceMembership, "workspaceId" | "userId" | "lastVisitedAt" | "createdAt">,
): Promise<WhatsNew> {
  const since = membership.lastVisitedAt ?? membership.createdAt;
  const news = await whatsNewSince(db, membership.workspaceId, membership.userId, since);
  await db
    .update(workspaceMemberships)
    .set({ lastVisitedAt: sql`now()` })
    .where(
      and(
        eq(workspaceMemberships.workspaceId, membership.workspaceId),
        eq(workspaceMemberships.userId, membership.userId),
      ),
    );
  return news;
}
