import {
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  foreignKey,
} from "drizzle-orm/pg-core";
import { districtRoles } from "../../app/domain/roles";
import { users } from "./users";

export const districtRole = pgEnum("district_role", districtRoles);

export const districts = pgTable(
  "districts",
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull(),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("districts_slug_key").on(t.slug)],
);
export type District = typeof districts.$inferSelect;

export const districtMemberships = pgTable(
  "district_memberships",
  {
    districtId: uuid().notNull(),
    userId: uuid().notNull(),
    role: districtRole().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({
      name: "district_memberships_district_fk",
      columns: [t.districtId],
      foreignColumns: [districts.id],
    }).onDelete("cascade"),
    foreignKey({ name: "district_memberships_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete(
      "cascade",
    ),
    primaryKey({ name: "district_memberships_pk", columns: [t.districtId, t.userId] }),
    index("district_memberships_user_id_idx").on(t.userId),
  ],
);
export type DistrictMembership = typeof districtMemberships.$inferSelect;
