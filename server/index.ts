import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { pino } from "pino";
import { openDatabase } from "../db/client";
import { seedDemoDistrict, DEMO_PASSWORD, demoAccounts } from "../db/seed/demo";
import { startServer } from "./app";
import { createCollabServer } from "./collab/collab-server";
import { createEventBus } from "./event-bus";
import { createRedisFanout } from "./collab/redis-fanout";
import { ConfigError, hostHeaderWarning, loadConfig } from "./config";
import { createNotifier } from "./mail/notifier";
import { createMailWorker } from "./mail/worker";

// validate env → open db → migrate → (seed) → start

const root = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

const logger = pino({ level: config.logLevel, base: { service: "equity-workspaces" } });
const version = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).version as string;

const embedded = !config.databaseUrl;
const freshEmbedded = embedded && !existsSync(path.join(config.dataDir, "PG_VERSION"));
const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
await database.migrate();

// The demo loads into a new embedded database, or anywhere when asked for; never into production unasked.
const seed = config.seedDemo ?? freshEmbedded;
if (seed) {
  const created = await seedDemoDistrict(database.db, { packageDir: path.join(root, "db/seed/data/riverbend") });
  if (created) logger.info({ msg: "demo district loaded" });
}

const buildPath = path.join(root, "build", "index.js");
const importBuild = async () =>
  (await import(
    pathToFileURL(buildPath).href + (config.env === "development" ? `?t=${Date.now()}` : "")
  )) as ServerBuild;
const build = await importBuild();

// With Redis, several processes serve the same plans; live changes cross between them through it.
const fanout = config.redisUrl ? await createRedisFanout({ url: config.redisUrl, logger }) : undefined;
if (fanout) logger.info({ msg: "collaboration fan-out through Redis" });
// Events cross processes through Postgres (LISTEN/NOTIFY), which every process has.
const events = await createEventBus(database, logger);
const collab = createCollabServer({ db: database.db, logger, publicOrigin: config.publicOrigin, fanout, events });
const server = await startServer({
  port: config.port,
  host: config.host,
  database,
  config: {
    isProduction: config.env === "production",
    publicOrigin: config.publicOrigin,
    version,
    districtCreation: config.districtCreation,
    mailConfigured: config.mail !== null,
  },
  logger,
  loginLimits: { perEmail: 5, perAddress: config.signInLimitPerAddress },
  build: config.env === "development" ? importBuild : build,
  publicDir: path.join(root, "public"),
  upgrades: { "/collab/": collab.handleUpgrade },
  plans: collab,
  events,
});

// Every process sends mail; the outbox's row claims keep each message to one sender.
const mailWorker = config.mail ? createMailWorker({ db: database.db, logger, ...config.mail }) : undefined;
mailWorker?.start();
// Votes opening and daily digests become mail here (mentions and replies in their request). In
// production without SMTP nothing is queued: notifications sent days late, once mail is set up, are noise.
const notifier =
  config.mail || config.env !== "production"
    ? createNotifier({
        db: database.db,
        logger,
        origin: config.publicOrigin ?? `http://localhost:${server.port}`,
        intervalMs: config.notifyMailIntervalMs,
      })
    : undefined;
notifier?.start();
if (!config.mail && config.env === "production") {
  logger.warn({
    msg: "e-mail is not configured (SMTP_URL and MAIL_FROM are unset): messages such as password resets wait in the outbox and are not sent",
  });
}

const shownUrl = config.publicOrigin ?? `http://localhost:${server.port}`;
logger.info({ msg: "listening", url: shownUrl, database: database.driver, districtCreation: config.districtCreation });
const hostWarning = hostHeaderWarning(config);
if (hostWarning) logger.warn({ msg: hostWarning });
// A human starting the app wants the URL and the demo accounts, not only JSON.
if (process.stdout.isTTY || seed || process.env.npm_lifecycle_event === "start") {
  const lines = [`\n  Resource equity workspaces is running at ${shownUrl}`];
  if (await hasDemo()) {
    lines.push(`  Demo accounts (password: ${DEMO_PASSWORD}):`);
    for (const a of demoAccounts) lines.push(`    ${a.email.padEnd(34)} ${a.title}`);
  }
  process.stdout.write(lines.join("\n") + "\n\n");
}

if (config.env === "development") {
  const { broadcastDevReady } = await import("@remix-run/node");
  await broadcastDevReady(build);
}

let stopping = false;
async function shutDown(exitCode: number) {
  if (stopping) return;
  stopping = true;
  // Stop taking connections, let pending edits reach the database, then close it.
  await Promise.all([server.close(), collab.close(), mailWorker?.close(), notifier?.close()]);
  // After the collaboration server: its last stored edits are still published.
  await fanout?.close();
  await database.close();
  process.exit(exitCode);
}
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    logger.info({ msg: "shutting down", signal });
    void shutDown(0);
  });
}

// Every input has an answer (a status or a close code) and every promise chain a handler, so
// reaching these is a programming error: the state is unknown. Log it where the logs go, try
// to store pending edits, and exit non-zero so a supervisor restarts a clean process.
for (const event of ["uncaughtException", "unhandledRejection"] as const) {
  process.on(event, (err: unknown) => {
    logger.fatal({ msg: "programming error, exiting", event, err });
    process.exitCode = 1;
    setTimeout(() => process.exit(1), 5_000).unref();
    shutDown(1).catch(() => process.exit(1));
  });
}

async function hasDemo() {
  const { findUserByEmail } = await import("../app/models/users.server");
  return Boolean(await findUserByEmail(database.db, demoAccounts[0]!.email));
}

function findProjectRoot(from: string): string {
  for (let dir = from; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "remix.config.js"))) return dir;
  }
  return process.cwd();
}
