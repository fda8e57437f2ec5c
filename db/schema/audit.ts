import { bigserial, index, jsonb, pgTable, text, timestamp, uuid, foreignKey } from "drizzle-orm/pg-core";
import { districts } from "./districts";
import { users } from "./users";
import { workspaces } from "./workspaces";

/** Security-relevant and membership events. Rows outlive the things they mention. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    action: text().notNull(),
    actorId: uuid(),
    targetUserId: uuid(),
    districtId: uuid(),
    workspaceId: uuid(),
    ip: text(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    foreignKey({ name: "audit_events_actor_fk", columns: [t.actorId], foreignColumns: [users.id] }).onDelete(
      "set null",
    ),
    foreignKey({ name: "audit_events_target_user_fk", columns: [t.targetUserId], foreignColumns: [users.id] }).onDelete(
      "set null",
    ),
    foreignKey({ name: "audit_events_district_fk", columns: [t.districtId], foreignColumns: [districts.id] }).onDelete(
      "set null",
    ),
    foreignKey({
      name: "audit_events_workspace_fk",
      columns: [t.workspaceId],
      foreignColumns: [workspaces.id],
    }).onDelete("set null"),
    index("audit_events_actor_id_idx").on(t.actorId),
    index("audit_events_target_user_id_idx").on(t.targetUserId),
    index("audit_events_district_id_idx").on(t.districtId),
    index("audit_events_workspace_id_idx").on(t.workspaceId),
    index("audit_events_at_idx").on(t.at),
  ],
);
export type AuditEvent = typeof auditEvents.$inferSelect;
