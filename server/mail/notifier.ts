import type { Logger } from "pino";
import type { Database } from "../../db/client";
import { announceOpenedPolls, sendDueDigests } from "../../app/models/notification-mail.server";

export type NotifierOptions = {
  db: Database;
  logger: Logger;
  /** The origin mail links use: PUBLIC_URL, else the address the server listens on. */
  origin: string;
  /** How often to look for votes that opened and digests that are due (NOTIFY_MAIL_INTERVAL_MS). */
  intervalMs?: number;
  /** Recent announcements left for the next digest (see sendDueDigests); tests set 0. */
  digestLagMs?: number;
};

export type Notifier = {
  start(): void;
  /** Announces opened votes and queues due digests now; resolves to how many votes and people it handled. */
  runOnce(): Promise<{ polls: number; digests: number }>;
  close(): Promise<void>;
};

/**
 * Turns what happened into mail in the outbox (the mail worker sends it): votes that opened,
 * daily digests. Mentions and replies are queued by the request that stores the comment.
 * Any number of processes may run one: every step claims its rows, so each mail is queued once.
 */
export function createNotifier(options: NotifierOptions): Notifier {
  const { db, logger } = options;
  const intervalMs = options.intervalMs ?? 60_000;
  const ctx = { origin: options.origin };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let closed = false;

  async function runOnce() {
    let polls = 0;
    let digests = 0;
    // In batches, each its own short transaction, until a batch comes back short.
    for (let n = 20; n === 20 && !closed; polls += n) n = await announceOpenedPolls(db, ctx, 20);
    for (let n = 20; n === 20 && !closed; digests += n) {
      n = await sendDueDigests(db, ctx, { limit: 20, lagMs: options.digestLagMs });
    }
    return { polls, digests };
  }

  function schedule() {
    if (closed) return;
    timer = setTimeout(() => {
      running = runOnce()
        .then((done) => {
          if (done.polls || done.digests) logger.info({ msg: "notification mail queued", ...done });
        })
        // The database may be briefly unreachable; what is due waits for the next round.
        .catch((error: unknown) => logger.warn({ msg: "notification mail round failed", err: error }))
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  }

  return {
    start: schedule,
    runOnce,
    async close() {
      closed = true;
      clearTimeout(timer);
      await running;
    },
  };
}
