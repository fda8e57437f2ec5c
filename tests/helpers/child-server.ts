import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import { openDatabase, type Database } from "../../db/client";
import { startSmtpServer, type TestSmtpServer } from "./smtp";

const root = path.resolve(import.meta.dirname, "../..");

export type ChildServer = {
  url: string;
  process: ChildProcess;
  exited: Promise<number | null>;
  /** Everything the server has printed so far (JSON log lines and the banner). */
  output(): string;
};

/** Storage for a server run as a child process: a PGlite folder, or a scratch database on TEST_DATABASE_URL. */
export async function scratchStorage(): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }> {
  if (process.env.TEST_DB === "postgres") {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const name = `crash_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString() },
      async cleanup() {
        const a = postgres(adminUrl, { max: 1, onnotice: () => {} });
        await a.unsafe(`drop database if exists "${name}" with (force)`);
        await a.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "equity-crash-"));
  return {
    env: { DATA_DIR: path.join(dir, "db") },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Starts the built production server (build/server/index.js) and resolves once it listens. */
export function spawnServer(env: Record<string, string>): Promise<ChildServer> {
  const child = spawn(process.execPath, [path.join(root, "build/server/index.js")], {
    cwd: root,
    // DISTRICT_CREATION=anyone: these tests' strangers start districts of their own.
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: "0",
      SEED_DEMO: "0",
      LOG_LEVEL: "info",
      DISTRICT_CREATION: "anyone",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    child.stderr!.on("data", (d) => (out += d));
    child.stdout!.on("data", (d) => {
      out += d;
      for (const line of String(d).split("\n")) {
        if (!line.startsWith("{")) continue;
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === "listening" && entry.url) {
          clearTimeout(timer);
          resolve({ url: entry.url, process: child, exited, output: () => out });
        }
      }
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

/** Runs `work` on a stopped child server's database (PGlite lets one process in at a time). */
export async function withStorage<T>(
  storage: { env: Record<string, string> },
  work: (db: Database) => Promise<T>,
): Promise<T> {
  const handle = await openDatabase(
    storage.env.DATABASE_URL ? { url: storage.env.DATABASE_URL } : { dataDir: storage.env.DATA_DIR! },
  );
  try {
    return await work(handle.db);
  } finally {
    await handle.close();
  }
}

/**
 * Production servers run one after another over one scratch storage, with a test SMTP server,
 * for a test file that kills them between requests. Registers the file's hooks: everything
 * started is stopped, and the storage removed, after the file.
 */
export function crashScene() {
  const scene = {
    storage: undefined as unknown as Awaited<ReturnType<typeof scratchStorage>>,
    smtp: undefined as unknown as TestSmtpServer,
    /** SMTP_URL and MAIL_FROM for the scene's mail server. */
    mailEnv: () => ({ SMTP_URL: scene.smtp.url, MAIL_FROM: "Equity Workspaces <equity@example.org>" }),
    async start(env: Record<string, string> = {}) {
      const child = await spawnServer({ ...scene.storage.env, ...env });
      running.push(child);
      return child;
    },
    async stop(child: ChildServer, signal: NodeJS.Signals) {
      child.process.kill(signal);
      await child.exited;
    },
  };
  const running: ChildServer[] = [];
  beforeAll(async () => {
    scene.storage = await scratchStorage();
    scene.smtp = await startSmtpServer();
  });
  afterAll(async () => {
    for (const child of running) await scene.stop(child, "SIGTERM");
    await scene.smtp.close();
    await scene.storage.cleanup();
  });
  return scene;
}
