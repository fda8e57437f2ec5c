// Memory under oversized uploads: the production server against a reference that reads bodies whole.
// Prints a table and a verdict; see bench/README.md ("bench:bodies").
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { rssMB } from "../shared/proc";
import { upload, type UploadResult } from "./upload";

const root = path.resolve(import.meta.dirname, "../..");
const MB = 1024 * 1024;
const UPLOAD_BYTES = Number(process.env.BENCH_UPLOAD_MB || 50) * MB;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY || 20);
const TARGET_MB = 300;
const children = new Set<ChildProcess>();

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** VmHWM: the process's peak resident memory since it started, in MB. */
function hwmMB(pid: number): number {
  const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : 0;
}

async function start(
  script: string[],
  env: Record<string, string>,
): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, script, {
    cwd: root,
    env: { ...process.env, npm_lifecycle_event: "", HOST: "127.0.0.1", PORT: String(port), ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.add(child);
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited during start-up:\n${err}`);
    if (Date.now() > deadline) throw new Error(`server did not answer within 60 s:\n${err}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
      children.delete(child);
    },
  };
}

type Round = {
  name: string;
  path: string;
  headers: Record<string, string>;
  prefix?: string;
  mode: "announced" | "chunked";
};
type Measured = Round & {
  statuses: Map<string, number>;
  peakMB: number;
  healthMs: number[];
  healthFailures: number;
  seconds: number;
};

/** Runs `CONCURRENCY` uploads at once while sampling RSS every 50 ms and /healthz every 100 ms. */
async function measure(server: { url: string; pid: number }, round: Round): Promise<Measured> {
  let peakMB = rssMB(server.pid) ?? 0;
  const rss = setInterval(() => (peakMB = Math.max(peakMB, rssMB(server.pid) ?? 0)), 50);
  const healthMs: number[] = [];
  let healthFailures = 0;
  let probing = true;
  const probe = (async () => {
    while (probing) {
      const t = performance.now();
      try {
        const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(2_000) });
        await res.arrayBuffer();
        if (res.ok) healthMs.push(performance.now() - t);
        else healthFailures++;
      } catch {
        healthFailures++;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const started = performance.now();
  const results: UploadResult[] = await Promise.all(
    Array.from({ length: CONCURRENCY }, () =>
      upload(server.url, round.path, round.headers, UPLOAD_BYTES, round.mode, round.prefix),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  probing = false;
  await probe;
  clearInterval(rss);
  const statuses = new Map<string, number>();
  for (const r of results) statuses.set(String(r.status), (statuses.get(String(r.status)) ?? 0) + 1);
  return { ...round, statuses, peakMB, healthMs, healthFailures, seconds };
}

async function signUp(url: string): Promise<{ cookie: string; district: string }> {
  const signup = await fetch(`${url}/signup`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: url },
    body: new URLSearchParams({
      name: "Bench Admin",
      email: `bench.${Date.now()}@bench.example`,
      password: "bench-password-not-secret",
    }),
  });
  if (signup.status !== 302) throw new Error(`sign-up: ${signup.status}`);
  const cookie = signup.headers
    .getSetCookie()
    .map((l) => l.split(";")[0]!)
    .join("; ");
  const created = await fetch(`${url}/api/v1/districts`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Origin: url, Cookie: cookie },
    body: JSON.stringify({ name: "Bench District" }),
  });
  if (created.status !== 201) throw new Error(`district: ${created.status}`);
  return { cookie, district: ((await created.json()) as { slug: string }).slug };
}

function rounds(url: string, cookie: string, district: string): Round[] {
  const boundary = "bench-boundary";
  const multipart = { "Content-Type": `multipart/form-data; boundary=${boundary}` };
  const field = `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\n`;
  const file = `--${boundary}\r\nContent-Disposition: form-data; name="schools"; filename="schools.csv"\r\nContent-Type: text/csv\r\n\r\n`;
  const kinds = [
    {
      kind: "form",
      anon: "/login",
      member: "/account",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    },
    {
      kind: "JSON",
      anon: "/api/v1/districts",
      member: "/api/v1/districts",
      headers: { "Content-Type": "application/json" },
    },
    { kind: "multipart", anon: "/signup", member: "/districts", headers: multipart, prefix: field },
    {
      kind: "data package",
      anon: `/api/v1/districts/${district}/data`,
      member: `/api/v1/districts/${district}/data`,
      headers: multipart,
      prefix: file,
    },
  ];
  const out: Round[] = [];
  for (const k of kinds) {
    const base = { ...k.headers, Origin: url };
    out.push({ name: `${k.kind}, anonymous`, path: k.anon, headers: base, prefix: k.prefix, mode: "announced" });
    out.push({
      name: `${k.kind}, signed in`,
      path: k.member,
      headers: { ...base, Cookie: cookie },
      prefix: k.prefix,
      mode: "announced",
    });
    // Anonymous chunked bodies are mostly refused (401) before a byte is read; signed in, they are read and cut.
    out.push({
      name: `${k.kind}, signed in, chunked`,
      path: k.member,
      headers: { ...base, Cookie: cookie },
      prefix: k.prefix,
      mode: "chunked",
    });
  }
  return out;
}

const pct = (xs: number[], p: number) =>
  xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]! : NaN;
const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : "–");

function table(title: string, idleMB: number, results: Measured[]) {
  console.log(`\n${title} (idle RSS ${idleMB.toFixed(0)} MB)`);
  console.log("| round | statuses | peak RSS MB | above idle MB | /healthz p50 / max ms | /healthz failed | seconds |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const r of results) {
    const statuses = [...r.statuses].map(([s, n]) => `${n}×${s}`).join(", ");
    const health = `${fmt(pct(r.healthMs, 0.5))} / ${fmt(Math.max(...r.healthMs))}`;
    console.log(
      `| ${r.name} | ${statuses} | ${r.peakMB.toFixed(0)} | ${(r.peakMB - idleMB).toFixed(0)} | ${health} | ${r.healthFailures} | ${r.seconds.toFixed(1)} |`,
    );
  }
}

/**
 * Idle RSS once start-up memory has been given back: the process keeps releasing it for a while
 * after it first answers, so a single early sample overstates idle (and so understates "above idle").
 * Sampled every 250 ms until two seconds' worth vary by under 5 MB (at most 30 s); the lowest of those.
 */
async function settle(pid: number): Promise<number> {
  const window: number[] = [];
  for (const started = Date.now(); Date.now() - started < 30_000;) {
    await new Promise((r) => setTimeout(r, 250));
    window.push(rssMB(pid) ?? 0);
    if (window.length > 8) window.shift();
    if (window.length === 8 && Math.max(...window) - Math.min(...window) < 5) break;
  }
  return Math.min(...window);
}

async function main() {
  console.log(`${CONCURRENCY} concurrent uploads of ${UPLOAD_BYTES / MB} MB per round, one connection each, 127.0.0.1`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "bench-bodies-"));
  const ours = await start([path.join(root, "build/server/index.js")], {
    NODE_ENV: "production",
    DATA_DIR: path.join(dataDir, "pglite"),
    LOG_LEVEL: "warn",
    SEED_DEMO: "0",
    // The bench's account starts a district of its own.
    DISTRICT_CREATION: "anyone",
  });
  const ourResults: Measured[] = [];
  let ourIdle = 0;
  let ourHwm = 0;
  try {
    const { cookie, district } = await signUp(ours.url);
    ourIdle = await settle(ours.pid);
    for (const round of rounds(ours.url, cookie, district)) ourResults.push(await measure(ours, round));
    ourHwm = hwmMB(ours.pid);
  } finally {
    await ours.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  table("ours: build/server/index.js, NODE_ENV=production, fresh PGlite", ourIdle, ourResults);
  console.log(`VmHWM (peak since start, start-up included): ${ourHwm.toFixed(0)} MB`);

  // The reference reads every body whole; one round shows what that costs (more would only repeat it).
  const reference = await start(["--import", "tsx", path.join(root, "bench/bodies/reference-server.ts")], {});
  let refResults: Measured[] = [];
  let refIdle = 0;
  try {
    refIdle = await settle(reference.pid);
    refResults = [
      await measure(reference, {
        name: "form, anonymous",
        path: "/login",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        mode: "announced",
      }),
    ];
  } finally {
    await reference.stop();
  }
  table("reference: minimal express, reads the whole body, then checks 64 KB", refIdle, refResults);

  const above = Math.max(...ourResults.map((r) => r.peakMB)) - ourIdle;
  const all413 = ourResults.every((r) => r.statuses.size === 1 && r.statuses.has("413"));
  const healthy = ourResults.every((r) => r.healthFailures === 0 && r.healthMs.length > 0);
  const ok = above < TARGET_MB && all413 && healthy;
  console.log(
    `\nverdict: ${ok ? "PASS" : "FAIL"} — peak ${above.toFixed(0)} MB above idle (target < ${TARGET_MB}), ` +
      `${all413 ? "every upload 413" : "NOT every upload 413"}, /healthz ${healthy ? "answered throughout" : "missed answers"}; ` +
      `reference peak ${(Math.max(...refResults.map((r) => r.peakMB)) - refIdle).toFixed(0)} MB above idle`,
  );
  if (process.env.BENCH_STRICT === "1" && !ok) process.exitCode = 1;
}

process.on("exit", () => {
  for (const c of children) c.kill("SIGKILL");
});
await main();
