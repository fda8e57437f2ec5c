import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./columns";
import { dataViews } from "./district-data";
import { plans } from "./plans";
import { users } from "./users";
import { workspaces } from "./workspaces";

/** A data point a thread is about: a school or a bucket (level, quartile, neighborhood), a measure, a group. */
export type ThreadPoint = { school?: string; bucket?: string; measure: string; group?: string };

/**
 * A discussion on a plan passage or on a chart (a saved view, or one of a diagnostic's
 * charts), whole or one of its points. Lives beside the plan, never in its Yjs document:
 * commenters may not write to the document.
 */
export const commentThreads = pgTable(
  "comment_threads",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid().notNull(),
    targetKind: text({ enum: ["plan", "view", "diagnostic"] }).notNull(),
    planId: uuid(),
    viewId: uuid(),
    /** A diagnostic's chart, by dimension and chart key ("school_funding/by-quartile"). */
    chartKey: text(),
    /** Plan threads: Yjs relative positions of the passage's ends, and its text when the thread began. */
    anchorStart: bytea(),
    anchorEnd: bytea(),
    quote: text(),
    /** Chart threads: the point (null for the whole chart) and the data version when the thread began. */
    point: jsonb().$type<ThreadPoint>(),
    dataVersion: integer(),
    resolvedAt: timestamp({ withTimezone: true }),
    resolvedBy: uuid(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The latest comment or resolution: threads sort and count as new by it. */
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: "comment_threads_workspace_fk",
      columns: [t.workspaceId],
      foreignColumns: [workspaces.id],
    }).onDelete("cascade"),
    foreignKey({ name: "comment_threads_plan_fk", columns: [t.planId], foreignColumns: [plans.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "comment_threads_view_fk", columns: [t.viewId], foreignColumns: [dataViews.id] }).onDelete(
      "cascade",
    ),
    foreignKey({
      name: "comment_threads_resolved_by_fk",
      columns: [t.resolvedBy],
      foreignColumns: [users.id],
    }).onDelete("set null"),
    foreignKey({ name: "comment_threads_created_by_fk", columns: [t.createdBy], foreignColumns: [users.id] }).onDelete(
      "set null",
    ),
    check(
      "comment_threads_target_check",
      sql`(${t.targetKind} = 'plan' and ${t.planId} is not null and ${t.viewId} is null and ${t.anchorStart} is not null and ${t.anchorEnd} is not null and ${t.quote} is not null)
        or (${t.targetKind} = 'view' and ${t.viewId} is not null and ${t.planId} is null)
        or (${t.targetKind} = 'diagnostic' and ${t.chartKey} is not null and ${t.planId} is null and ${t.viewId} is null)`,
    ),
    index("comment_threads_workspace_id_updated_at_idx").on(t.workspaceId, t.updatedAt),
    index("comment_threads_plan_id_idx").on(t.planId),
    index("comment_threads_view_id_idx").on(t.viewId),
    index("comment_threads_resolved_by_idx").on(t.resolvedBy),
    index("comment_threads_created_by_idx").on(t.createdBy),
  ],
);
export type CommentThread = typeof commentThreads.$inferSelect;

export const comments = pgTable(
  "comments",
  {
    id: uuid().primaryKey().defaultRandom(),
    threadId: uuid().notNull(),
    /** Copied from the thread: the per-member rate limit counts a workspace's comments by index. */
    workspaceId: uuid().notNull(),
    authorId: uuid(),
    /** Kept when a moderator hides the comment (for the audit log); emptied when its author deletes it. */
    body: text().notNull(),
    state: text({ enum: ["visible", "deleted", "hidden"] })
      .notNull()
      .default("visible"),
    hiddenReason: text(),
    hiddenBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    editedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    foreignKey({ name: "comments_thread_fk", columns: [t.threadId], foreignColumns: [commentThreads.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "comments_workspace_fk", columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "comments_author_fk", columns: [t.authorId], foreignColumns: [users.id] }).onDelete("set null"),
    foreignKey({ name: "comments_hidden_by_fk", columns: [t.hiddenBy], foreignColumns: [users.id] }).onDelete(
      "set null",
    ),
    index("comments_thread_id_created_at_idx").on(t.threadId, t.createdAt),
    index("comments_workspace_id_author_id_created_at_idx").on(t.workspaceId, t.authorId, t.createdAt),
    index("comments_author_id_idx").on(t.authorId),
    index("comments_hidden_by_idx").on(t.hiddenBy),
  ],
);
export type Comment = typeof comments.$inferSelect;

/**
 * Something a member should know about. A mailer picks up rows with `emailedAt` null
 * (and marks them) without the app changing: delivery is a separate concern.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().notNull(),
    kind: text({ enum: ["mention", "reply", "new_thread"] }).notNull(),
    workspaceId: uuid().notNull(),
    threadId: uuid().notNull(),
    commentId: uuid().notNull(),
    readAt: timestamp({ withTimezone: true }),
    emailedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "notifications_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade"),
    foreignKey({
      name: "notifications_workspace_fk",
      columns: [t.workspaceId],
      foreignColumns: [workspaces.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "notifications_thread_fk",
      columns: [t.threadId],
      foreignColumns: [commentThreads.id],
    }).onDelete("cascade"),
    foreignKey({ name: "notifications_comment_fk", columns: [t.commentId], foreignColumns: [comments.id] }).onDelete(
      "cascade",
    ),
    index("notifications_user_id_created_at_idx").on(t.userId, t.createdAt),
    index("notifications_workspace_id_idx").on(t.workspaceId),
    index("notifications_thread_id_idx").on(t.threadId),
    index("notifications_comment_id_idx").on(t.commentId),
  ],
);
export type Notification = typeof notifications.$inferSelect;
