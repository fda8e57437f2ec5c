import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  foreignKey,
} from "drizzle-orm/pg-core";
import { stakeholderGroups, workspaceRoles } from "../../app/domain/roles";
import { districts } from "./districts";
import { mailOutbox } from "./mail";
import { users } from "./users";

export const workspaceRole = pgEnum("workspace_role", workspaceRoles);
export const stakeholderGroup = pgEnum("stakeholder_group", stakeholderGroups);

export const workspaces = pgTable(
  "workspaces",
  {
    id: uuid().primaryKey().defaultRandom(),
    districtId: uuid().notNull(),
    // Unique across the whole app so /workspaces/:slug needs no district.
    slug: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(""),
    /** Viewers may comment too (families are often invited as viewers); off unless an owner allows it. */
    viewersMayComment: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "workspaces_district_fk", columns: [t.districtId], foreignColumns: [districts.id] }).onDelete(
      "cascade",
    ),
    uniqueIndex("workspaces_slug_key").on(t.slug),
    index("workspaces_district_id_idx").on(t.districtId),
  ],
);
export type Workspace = typeof workspaces.$inferSelect;

export const workspaceMemberships = pgTable(
  "workspace_memberships",
  {
    workspaceId: uuid().notNull(),
    userId: uuid().notNull(),
    role: workspaceRole().notNull(),
    stakeholderGroup: stakeholderGroup().notNull(),
    /** When the member last opened the workspace's home: what is new is counted from here. */
    lastVisitedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: "workspace_memberships_workspace_fk",
      columns: [t.workspaceId],
      foreignColumns: [workspaces.id],
    }).onDelete("cascade"),
    foreignKey({ name: "workspace_memberships_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete(
      "cascade",
    ),
    primaryKey({ name: "workspace_memberships_pk", columns: [t.workspaceId, t.userId] }),
    index("workspace_memberships_user_id_idx").on(t.userId),
  ],
);
export type WorkspaceMembership = typeof workspaceMemberships.$inferSelect;

export const invitations = pgTable(
  "invitations",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid().notNull(),
    // SHA-256 of the link token; the token itself lives only in the link.
    tokenHash: text().notNull(),
    role: workspaceRole().notNull(),
    stakeholderGroup: stakeholderGroup().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    maxUses: integer().notNull(),
    uses: integer().notNull().default(0),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    /** Invitations sent by mail go to one address (lower-cased) and are used once. */
    email: text(),
    /** The language the invitation mail was written in. */
    locale: text({ enum: ["en", "es"] }),
    /** The latest mail that carried it: its delivery state shows as sent or bounced. */
    mailId: uuid(),
    acceptedAt: timestamp({ withTimezone: true }),
    acceptedBy: uuid(),
  },
  (t) => [
    foreignKey({
      name: "invitations_workspace_fk",
      columns: [t.workspaceId],
      foreignColumns: [workspaces.id],
    }).onDelete("cascade"),
    foreignKey({ name: "invitations_created_by_fk", columns: [t.createdBy], foreignColumns: [users.id] }).onDelete(
      "set null",
    ),
    uniqueIndex("invitations_token_hash_key").on(t.tokenHash),
    index("invitations_workspace_id_idx").on(t.workspaceId),
    index("invitations_created_by_idx").on(t.createdBy),
    foreignKey({ name: "invitations_mail_fk", columns: [t.mailId], foreignColumns: [mailOutbox.id] }).onDelete(
      "set null",
    ),
    foreignKey({ name: "invitations_accepted_by_fk", columns: [t.acceptedBy], foreignColumns: [users.id] }).onDelete(
      "set null",
    ),
    index("invitations_email_idx").on(sql`lower(${t.email})`),
    index("invitations_mail_id_idx").on(t.mailId),
    index("invitations_accepted_by_idx").on(t.acceptedBy),
    check("invitations_locale_check", sql`${t.locale} in ('en', 'es')`),
    check("invitations_uses_within_limit", sql`${t.uses} >= 0 and ${t.uses} <= ${t.maxUses}`),
    check("invitations_max_uses_positive", sql`${t.maxUses} > 0`),
  ],
);
export type Invitation = typeof invitations.$inferSelect;
