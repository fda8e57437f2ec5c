import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

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
