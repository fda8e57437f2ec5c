import { bigint, bigserial, foreignKey, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./columns";
import { users } from "./users";
import { workspaces } from "./workspaces";

export const plans = pgTable(
  "plans",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid().notNull(),
    title: text().notNull(),
    template: text(),
    createdBy: uuid(),
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "plans_workspace_fk", columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "plans_created_by_fk", columns: [t.createdBy], foreignColumns: [users.id] }).onDelete(
      "set null",
    ),
    index("plans_workspace_id_idx").on(t.workspaceId),
    index("plans_created_by_idx").on(t.createdBy),
  ],
);
export type Plan = typeof plans.$inferSelect;

/** Yjs updates appended as they arrive; stored before they are relayed, so nothing seen is lost. */
export const planUpdates = pgTable(
  "plan_updates",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    planId: uuid().notNull(),
    update: bytea().notNull(),
    userId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "plan_updates_plan_fk", columns: [t.planId], foreignColumns: [plans.id] }).onDelete("cascade"),
    foreignKey({ name: "plan_updates_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete("set null"),
    index("plan_updates_plan_id_id_idx").on(t.planId, t.id),
    index("plan_updates_user_id_idx").on(t.userId),
  ],
);

/** A plan's state merged up to (and including) update `lastUpdateId`; later updates apply on top. */
export const planSnapshots = pgTable(
  "plan_snapshots",
  {
    planId: uuid().primaryKey(),
    state: bytea().notNull(),
    lastUpdateId: bigint({ mode: "number" }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "plan_snapshots_plan_fk", columns: [t.planId], foreignColumns: [plans.id] }).onDelete("cascade"),
  ],
);

/**
 * Saved states of a plan: automatic ones (at most one per interval of activity)
 * and named ones. Restoring one adds a new change; versions are never rewritten.
 */
export const planVersions = pgTable(
  "plan_versions",
  {
    id: uuid().primaryKey().defaultRandom(),
    planId: uuid().notNull(),
    kind: text({ enum: ["auto", "named", "before_restore"] }).notNull(),
    name: text(),
    state: bytea().notNull(),
    /** Who saved it, or for automatic versions the last person who edited before it. */
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "plan_versions_plan_fk", columns: [t.planId], foreignColumns: [plans.id] }).onDelete("cascade"),
    foreignKey({ name: "plan_versions_created_by_fk", columns: [t.createdBy], foreignColumns: [users.id] }).onDelete(
      "set null",
    ),
    index("plan_versions_plan_id_created_at_idx").on(t.planId, t.createdAt),
    index("plan_versions_created_by_idx").on(t.createdBy),
  ],
);
export type PlanVersion = typeof planVersions.$inferSelect;
