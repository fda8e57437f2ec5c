import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { emailConfirmationPurposes, mailKinds, mailStates } from "../../app/domain/mail";
import { users } from "./users";

/**
 * Outgoing mail, stored in the transaction of the change that causes it (so an answered
 * request's mail survives a crash) and sent by the worker in server/mail/. A row is due when
 * queued and `nextAttemptAt` has passed; claiming it pushes `nextAttemptAt` ahead, which is
 * the lease that keeps other workers away while it is being sent.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    to: text().notNull(),
    locale: text({ enum: ["en", "es"] }).notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    html: text().notNull(),
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    kind: text({ enum: mailKinds }).notNull(),
    state: text({ enum: mailStates }).notNull().default("queued"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    check("mail_outbox_state_check", sql`${t.state} in ('queued', 'sent', 'failed', 'bounced')`),
    check("mail_outbox_locale_check", sql`${t.locale} in ('en', 'es')`),
    // The worker's query: due queued rows, oldest first.
    index("mail_outbox_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.state} = 'queued'`),
  ],
);
export type OutboxMessage = typeof mailOutbox.$inferSelect;

/** Password reset links: only the SHA-256 of the token is kept, like sessions. */
export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    id: text().primaryKey(),
    userId: uuid().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "password_reset_tokens_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete(
      "cascade",
    ),
    index("password_reset_tokens_user_id_idx").on(t.userId),
  ],
);

/**
 * Links that confirm an address: the one given at sign-up (`verify`) or a new one the person
 * wants to move to (`change`). Only the SHA-256 of the token is kept; `email` is the address the
 * link was sent to, so a link confirms exactly that address.
 */
export const emailConfirmations = pgTable(
  "email_confirmations",
  {
    id: text().primaryKey(),
    userId: uuid().notNull(),
    email: text().notNull(),
    purpose: text({ enum: emailConfirmationPurposes }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "email_confirmations_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete(
      "cascade",
    ),
    check("email_confirmations_purpose_check", sql`${t.purpose} in ('verify', 'change')`),
    index("email_confirmations_user_id_idx").on(t.userId),
  ],
);

/**
 * One-click unsubscribe links (RFC 8058) carried by notification mail: each message gets its own
 * token, only its hash kept, so the link works signed out and names nothing guessable.
 */
export const unsubscribeTokens = pgTable(
  "unsubscribe_tokens",
  {
    id: text().primaryKey(),
    userId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "unsubscribe_tokens_user_fk", columns: [t.userId], foreignColumns: [users.id] }).onDelete(
      "cascade",
    ),
    index("unsubscribe_tokens_user_id_idx").on(t.userId),
  ],
);
