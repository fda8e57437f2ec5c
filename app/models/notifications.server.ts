import { and, count, desc, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../db/client";
import {
  comments,
  commentThreads,
  dataViews,
  notifications,
  plans,
  users,
  workspaceMemberships,
  workspaces,
} from "../../db/schema";
import type { ThreadTarget } from "../domain/app-events";
import { excerpt, targetOf } from "../domain/comments/thread-link";

/** One inbox line: what happened, who did it, where, and the comment's first words as its reader may see them. */
export type InboxItem = {
  id: string;
  kind: "mention" | "reply" | "new_thread";
  read: boolean;
  createdAt: Date;
  threadId: string;
  target: ThreadTarget;
  /** The plan's or view's title; null for a diagnostic chart (its key names it). */
  targetTitle: string | null;
  workspace: { slug: string; name: string };
  author: string | null;
  /** The comment's first words while it is shown; null when it was deleted or hidden. */
  excerpt: string | null;
  commentState: "visible" | "deleted" | "hidden";
  quote: string | null;
};

const author = alias(users, "comment_author");
const authorMembership = alias(workspaceMemberships, "comment_author_membership");

/**
 * The comment's author as a member of its workspace now, as two left joins: `user.name` is null
 * for someone who left or deleted their account, who is shown as a former member (decision 023).
 */
export const currentCommentAuthor = {
  membership: authorMembership,
  membershipOn: and(
    eq(authorMembership.workspaceId, comments.workspaceId),
    eq(authorMembership.userId, comments.authorId),
  ),
  user: author,
  userOn: eq(author.id, authorMembership.userId),
};

/**
 * Only one's own notifications, and only from workspaces one still belongs to: leaving a
 * workspace ends what one hears of it (the rows stay, should one be invited back).
 */
const ownInMemberWorkspaces = (userId: string) =>
  and(eq(notifications.userId, userId), eq(workspaceMemberships.userId, userId));

const membershipJoin = and(
  eq(workspaceMemberships.workspaceId, notifications.workspaceId),
  eq(workspaceMemberships.userId, notifications.userId),
);

/** A member's inbox, newest first. */
export async function listInbox(db: Database, userId: string, limit = 100): Promise<InboxItem[]> {
  const rows = await db
    .select({
      notification: notifications,
      thread: {
        targetKind: commentThreads.targetKind,
        planId: commentThreads.planId,
        viewId: commentThreads.viewId,
        chartKey: commentThreads.chartKey,
        quote: commentThreads.quote,
      },
      comment: { state: comments.state, body: comments.body },
      author: author.name,
      workspace: { slug: workspaces.slug, name: workspaces.name },
      planTitle: plans.title,
      viewTitle: dataViews.title,
    })
    .from(notifications)
    .innerJoin(workspaceMemberships, membershipJoin)
    .innerJoin(workspaces, eq(workspaces.id, notifications.workspaceId))
    .innerJoin(commentThreads, eq(commentThreads.id, notifications.threadId))
    .innerJoin(comments, eq(comments.id, notifications.commentId))
    .leftJoin(currentCommentAuthor.membership, currentCommentAuthor.membershipOn)
    .leftJoin(currentCommentAuthor.user, currentCommentAuthor.userOn)
    .leftJoin(plans, eq(plans.id, commentThreads.planId))
    .leftJoin(dataViews, eq(dataViews.id, commentThreads.viewId))
    .where(ownInMemberWorkspaces(userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.notification.id,
    kind: r.notification.kind,
    read: r.notification.readAt !== null,
    createdAt: r.notification.createdAt,
    threadId: r.notification.threadId,
    target: targetOf(r.thread),
    targetTitle: r.planTitle ?? r.viewTitle ?? null,
    workspace: r.workspace,
    author: r.author,
    // A hidden comment's text is kept for the audit log: never shown here.
    excerpt: r.comment.state === "visible" ? excerpt(r.comment.body) : null,
    commentState: r.comment.state,
    quote: r.thread.quote,
  }));
}

/** The bell's number: unread notifications from workspaces one still belongs to. */
export async function unreadNotificationCount(db: Database, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .innerJoin(workspaceMemberships, membershipJoin)
    .where(and(ownInMemberWorkspaces(userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}
