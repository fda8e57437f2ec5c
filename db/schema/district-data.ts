import { foreignKey, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./columns";
import { districts } from "./districts";
import { users } from "./users";
import { workspaces } from "./workspaces";

/** A problem found in an uploaded file, where a data team can find it. */
export type DataIssue = { file: string; line: number | null; column: string | null; message: string };

/**
 * Each successful import is a new, immutable version of a district's data.
 * The validated package is stored whole (compressed JSON): views and metrics
 * read a version at a time, and a version never changes once written.
 */
export const districtDataVersions = pgTable(
  "district_data_versions",
  {
    id: uuid().primaryKey().defaultRandom(),
    districtId: uuid().notNull(),
    version: integer().notNull(),
    schoolCount: integer().notNull(),
    measureCount: integer().notNull(),
    warnings: jsonb().$type<DataIssue[]>().notNull().default([]),
    data: bytea().notNull(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: "district_data_versions_district_fk",
      columns: [t.districtId],
      foreignColumns: [districts.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "district_data_versions_created_by_fk",
      columns: [t.createdBy],
      foreignColumns: [users.id],
    }).onDelete("set null"),
    uniqueIndex("district_data_versions_district_version_key").on(t.districtId, t.version),
    index("district_data_versions_created_by_idx").on(t.createdBy),
  ],
);
export type DistrictDataVersion = typeof districtDataVersions.$inferSelect;

/** A validated upload waiting for the admin to confirm it after the preview; short-lived. */
export const districtDataDrafts = pgTable(
  "district_data_drafts",
  {
    id: uuid().primaryKey().defaultRandom(),
    districtId: uuid().notNull(),
    schoolCount: integer().notNull(),
    measureCount: integer().notNull(),
    warnings: jsonb().$type<DataIssue[]>().notNull().default([]),
    data: bytea().notNull(),
    createdBy: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: "district_data_drafts_district_fk",
      columns: [t.districtId],
      foreignColumns: [districts.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "district_data_drafts_created_by_fk",
      columns: [t.createdBy],
      foreignColumns: [users.id],
    }).onDelete("cascade"),
    index("district_data_drafts_district_id_idx").on(t.districtId),
    index("district_data_drafts_created_by_idx").on(t.createdBy),
  ],
);

/** A chart a member saved in a workspace; it follows the latest data version unless pinned to one. */
export const dataViews = pgTable(
  "data_views",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid().notNull(),
    title: text().notNull(),
    caption: text(),
    spec: jsonb().$type<Record<string, unknown>>().notNull(),
    /** null: always the district's latest data. */
    dataVersion: integer(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "data_views_workspace_fk", columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "data_views_created_by_fk", columns: [t.createdBy], foreignColumns: [users.id] }).onDelete(
      "set null",
    ),
    index("data_views_workspace_id_idx").on(t.workspaceId),
    index("data_views_created_by_idx").on(t.createdBy),
  ],
);
export type DataView = typeof dataViews.$inferSelect;
