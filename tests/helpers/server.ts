import path from "node:path";
import { Writable } from "node:stream";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { pino } from "pino";
import type { Database, DatabaseHandle } from "../../db/client";
import type { DistrictCreation } from "../../app/domain/permissions";
import { startServer, type RunningServer } from "../../server/app";
import { createEventBus } from "../../server/event-bus";
import { createCollabServer, type CollabServer, type CollabServerOptions } from "../../server/collab/collab-server";
import { createMailWorker, type MailWorker, type MailWorkerOptions } from "../../server/mail/worker";
import { createTestDatabase } from "./db";

const root = path.resolve(import.meta.dirname, "../..");

export type TestServer = {
  url: string;
  db: Database;
  database: DatabaseHandle;
  server: RunningServer;
  collab: CollabServer;
  /** The outbox's sender, when started with `mail`. */
  mailWorker?: MailWorker;
  /** Every line the server logged, parsed. */
  logs: Record<string, unknown>[];
  close(): Promise<void>;
};

/**
 * The real server, in-process on a free port, over a fresh database (or a given one,
 * which it then leaves open: a second server over the same plans). Needs `npm run build` first.
 */
export async function startTestServer(
  options: {
    publicOrigin?: string | null;
    loginLimits?: { perEmail: number; perAddress: number };
    resetLimits?: { perEmail: number; perAddress: number };
    collab?: Partial<Omit<CollabServerOptions, "db" | "logger">>;
    database?: DatabaseHandle;
    /**
     * DISTRICT_CREATION. Most tests play strangers who each start a district of their own,
     * so they run as DISTRICT_CREATION=anyone; the tests of the default say "admins".
     */
    districtCreation?: DistrictCreation;
    /** SMTP settings: a mail worker then polls the outbox quickly. Without them mail stays queued. */
    mail?: Pick<MailWorkerOptions, "smtpUrl" | "from" | "retryBaseMs">;
  } = {},
): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase());
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n")) if (line.trim()) logs.push(JSON.parse(line));
      done();
    },
  });
  const logger = pino({ level: "info" }, sink);
  const build = (await import(pathToFileURL(path.join(root, "build/index.js")).href)) as ServerBuild;
  const events = await createEventBus(database, logger);
  const collab = createCollabServer({
    db: database.db,
    events,
    logger,
    publicOrigin: options.publicOrigin ?? null,
    reauthorizeEveryMs: 300,
    unloadAfterMs: 200,
    ...options.collab,
  });
  const server = await startServer({
    port: 0,
    host: "127.0.0.1",
    database,
    config: {
      isProduction: false,
      publicOrigin: options.publicOrigin ?? null,
      version: "test",
      districtCreation: options.districtCreation ?? "anyone",
      mailConfigured: Boolean(options.mail),
    },
    logger,
    build,
    publicDir: path.join(root, "public"),
    // Every test request comes from 127.0.0.1; only the rate-limit test wants the real per-address limit.
    loginLimits: options.loginLimits ?? { perEmail: 5, perAddress: 10_000 },
    resetLimits: options.resetLimits ?? { perEmail: 3, perAddress: 10_000 },
    upgrades: { "/collab/": collab.handleUpgrade },
    plans: collab,
    events,
  });
  const mailWorker = options.mail
    ? createMailWorker({ db: database.db, logger, pollMs: 50, ...options.mail })
    : undefined;
  mailWorker?.start();
  return {
    url: `http://127.0.0.1:${server.port}`,
    db: database.db,
    database,
    server,
    collab,
    mailWorker,
    logs,
    async close() {
      await Promise.all([server.close(), collab.close(), mailWorker?.close()]);
      if (!options.database) await database.close();
    },
  };
}
