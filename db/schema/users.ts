import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid, foreignKey } from "drizzle-orm/pg-core";
import { mailNotificationModes } from "../../app/domain/mail";

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    // Stored lower-cased; the unique index makes sign-up races safe.
    email: text().notNull(),
    name: text().notNull(),
    // Instance administrators create districts (unless DISTRICT_CREATION=anyone) and name other administrators.
    isInstanceAdmin: boolean().notNull().default(false),
    /** The language of the mail this person receives (the pages follow the browser or their choice). */
    locale: text({ enum: ["en", "es"] })
      .notNull()
      .default("en"),
    /** Set when the person opened the confirmation link sent to `email`; accounts made before verification existed count as verified. */
    emailVerifiedAt: timestamp({ withTimezone: true }),
    /** Mentions, replies and votes opening by mail: at once, in a daily digest, or never. */
    mailNotifications: text({ enum: mailNotificationModes }).notNull().default("immediate"),
    /** When the last daily digest was queued: the next one covers what came after. */
    digestSentAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(sql`lower(${t.email})`),
    check("users_locale_check", sql`${t.locale} in ('en', 'es')`),
    check("users_mail_notifications_check", sql`${t.mailNotifications} in ('immediate', 'daily', 'never')`),
  ],
);
export type User = typeof users.$inferSelect;

export const passwordCredentials = pgTable(
  "password_credentials",
  {
    userId: uuid().primaryKey(),
    hash: text().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "password_credentials_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete(
      "cascade",
    ),
  ],
);

export const sessions = pgTable(
  "sessions",
  {
    // SHA-256 of the token, hex encoded; the token itself is never stored.
    id: text().primaryKey(),
    userId: uuid().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // What the Account page names the device by ("Chrome on Android"): ids from app/domain/device.ts,
    // never the user-agent string itself.
    browser: text(),
    os: text(),
  },
  (t) => [
    foreignKey({ name: "sessions_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade"),
    index("sessions_user_id_idx").on(t.userId),
  ],
);
export type Session = typeof sessions.$inferSelect;

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().notNull(),
    name: text().notNull(),
    // SHA-256 of the token, hex encoded.
    tokenHash: text().notNull(),
    // First characters of the token, shown so people can tell tokens apart.
    prefix: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    foreignKey({ name: "api_tokens_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete("cascade"),
    uniqueIndex("api_tokens_token_hash_key").on(t.tokenHash),
    index("api_tokens_user_id_idx").on(t.userId),
  ],
);
export type ApiToken = typeof apiTokens.$inferSelect;
