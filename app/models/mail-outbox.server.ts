import { and, desc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { mailOutbox, type OutboxMessage } from "../../db/schema";
import { MAX_MAIL_ATTEMPTS, retryDelayMs, type MailKind } from "../domain/mail";
import type { Locale } from "../i18n/locales";

export type NewMail = {
  /** Set by a caller that must point at the row before it is stored (an invitation's mail). */
  id?: string;
  to: string;
  locale: Locale;
  kind: MailKind;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
};

/**
 * Stores a message for the worker and returns its id. Pass the caller's transaction: the mail
 * then exists exactly when the change does.
 */
export async function enqueueMail(tx: Database, mail: NewMail): Promise<string> {
  const [row] = await tx
    .insert(mailOutbox)
    .values({ ...mail, headers: mail.headers ?? {} })
    .returning({ id: mailOutbox.id });
  return row!.id;
}

/** Queues several messages with one insert (mail to many recipients of one event). */
export async function enqueueMails(tx: Database, mails: NewMail[]): Promise<void> {
  if (mails.length === 0) return;
  await tx.insert(mailOutbox).values(mails.map((mail) => ({ ...mail, headers: mail.headers ?? {} })));
}

/**
 * Claims up to `limit` due messages for one worker. SKIP LOCKED lets workers in other
 * processes claim other rows at the same moment; pushing `nextAttemptAt` ahead by
 * `leaseMs` keeps them away from these after this short transaction commits, without
 * holding a transaction open during the SMTP conversation (PGlite has one connection).
 * A worker that dies mid-send leaves the row to be claimed again when the lease ends.
 */
export async function claimDueMail(db: Database, limit: number, leaseMs: number): Promise<OutboxMessage[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.state, "queued"), lte(mailOutbox.nextAttemptAt, sql`now()`)))
      .orderBy(mailOutbox.nextAttemptAt)
      .limit(limit)
      .for("update", { skipLocked: true });
    const ids = due.map((r) => r.id);
    if (ids.length === 0) return [];
    return tx
      .update(mailOutbox)
      .set({
        attempts: sql`${mailOutbox.attempts} + 1`,
        nextAttemptAt: sql`now() + ${leaseMs} * interval '1 millisecond'`,
      })
      .where(inArray(mailOutbox.id, ids))
      .returning();
  });
}

// Each outcome applies only to the attempt that claimed the row, never to a later claim of it.
const claimed = (message: OutboxMessage) =>
  and(eq(mailOutbox.id, message.id), eq(mailOutbox.attempts, message.attempts), eq(mailOutbox.state, "queued"));

export async function markMailSent(db: Database, message: OutboxMessage): Promise<void> {
  await db.update(mailOutbox).set({ state: "sent", sentAt: new Date(), lastError: null }).where(claimed(message));
}

/** The server refused the recipient for good (a 5xx): no retry. */
export async function markMailBounced(db: Database, message: OutboxMessage, error: string): Promise<void> {
  await db.update(mailOutbox).set({ state: "bounced", lastError: error }).where(claimed(message));
}

/** A temporary failure: try again after the back-off, or give up after the last attempt. */
export async function markMailRetry(
  db: Database,
  message: OutboxMessage,
  error: string,
  retryBaseMs?: number,
): Promise<void> {
  const giveUp = message.attempts >= MAX_MAIL_ATTEMPTS;
  await db
    .update(mailOutbox)
    .set(
      giveUp
        ? { state: "failed", lastError: error }
        : { lastError: error, nextAttemptAt: new Date(Date.now() + retryDelayMs(message.attempts, retryBaseMs)) },
    )
    .where(claimed(message));
}

/** The newest messages, for the development mail page. */
export async function listRecentMail(db: Database, limit = 50): Promise<OutboxMessage[]> {
  return db.select().from(mailOutbox).orderBy(desc(mailOutbox.createdAt)).limit(limit);
}
