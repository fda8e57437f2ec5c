import nodemailer from "nodemailer";
import type { Logger } from "pino";
import type { Database } from "../../db/client";
import type { OutboxMessage } from "../../db/schema";
import { claimDueMail, markMailBounced, markMailRetry, markMailSent } from "../../app/models/mail-outbox.server";

export type MailWorkerOptions = {
  db: Database;
  logger: Logger;
  /** SMTP_URL, e.g. smtps://user:pass@mail.example.org:465 */
  smtpUrl: string;
  /** MAIL_FROM, e.g. "Equity Workspaces <equity@example.org>" */
  from: string;
  /** How often to look for due messages. */
  pollMs?: number;
  /** First retry delay; doubles per attempt (app/domain/mail.ts). */
  retryBaseMs?: number;
  /** How long a claimed message is kept from other workers; longer than any SMTP timeout below. */
  leaseMs?: number;
  batchSize?: number;
};

export type MailWorker = {
  start(): void;
  /** Claims and sends what is due now; resolves to how many messages it handled. */
  runOnce(): Promise<number>;
  close(): Promise<void>;
};

/** Sends the outbox through SMTP. Any number of processes may run one: each row is claimed by one of them. */
export function createMailWorker(options: MailWorkerOptions): MailWorker {
  const { db, logger } = options;
  const pollMs = options.pollMs ?? 2_000;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const batchSize = options.batchSize ?? 10;
  const transport = nodemailer.createTransport({
    url: options.smtpUrl,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let closed = false;

  async function send(message: OutboxMessage): Promise<void> {
    try {
      await transport.sendMail({
        from: options.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: message.headers,
      });
    } catch (error) {
      const reason = describe(error);
      if (isPermanentRefusal(error)) {
        await markMailBounced(db, message, reason);
        logger.warn({ msg: "mail bounced", id: message.id, kind: message.kind, reason });
      } else {
        await markMailRetry(db, message, reason, options.retryBaseMs);
        logger.warn({ msg: "mail not sent, will retry", id: message.id, attempt: message.attempts, reason });
      }
      return;
    }
    // Outside the try: a database error here must not count as a failed send and cause a second one.
    await markMailSent(db, message);
    logger.info({ msg: "mail sent", id: message.id, kind: message.kind, attempt: message.attempts });
  }

  async function runOnce(): Promise<number> {
    let handled = 0;
    for (;;) {
      const batch = await claimDueMail(db, batchSize, leaseMs);
      for (const message of batch) await send(message);
      handled += batch.length;
      if (batch.length < batchSize || closed) return handled;
    }
  }

  function schedule() {
    if (closed) return;
    timer = setTimeout(() => {
      running = runOnce()
        // The database may be briefly unreachable; the rows wait for the next round.
        .catch((error: unknown) => {
          logger.warn({ msg: "mail worker round failed", err: error });
          return 0;
        })
        .finally(schedule);
    }, pollMs);
    timer.unref();
  }

  return {
    start: schedule,
    runOnce,
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
      transport.close();
    },
  };
}

type SmtpError = { code?: string; responseCode?: number; response?: string; message?: string };

/**
 * A 5xx to the recipient or the message is the receiving server's final word ("no such
 * user"): retrying cannot help. Other failures (connection refused, 4xx, timeouts) may pass.
 */
export function isPermanentRefusal(error: unknown): boolean {
  const e = error as SmtpError;
  const code = e?.responseCode ?? 0;
  return code >= 500 && code < 600 && (e.code === "EENVELOPE" || e.code === "EMESSAGE");
}

function describe(error: unknown): string {
  const e = error as SmtpError;
  return (e?.response ?? e?.message ?? String(error)).slice(0, 500);
}
