// `npm run bench:comments`: 200 members follow one workspace's event stream while comments are
// posted at 20 per second; p50/p99 from the POST's start to the comment's event arriving at every
// follower, and the server's CPU per comment. In the same run, on the same server, the plan
// socket's edit relay at the same rate to 200 y-websocket clients, for comparison (target:
// comment delivery p99 within 2× the relay's p99). See bench/README.md.
import { fork, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { ProcessSampler, cpuByName, cpuDelta } from "../shared/proc";
import { sharedNow, type ClientSpec, type FromGenerator, type ToGenerator } from "../collab/protocol";
import { setUpWorkspace } from "../collab/setup";
import type { FromFollower, ToFollower } from "./follower";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const config = {
  members: Math.round(envNumber("BENCH_MEMBERS", 200)),
  rate: envNumber("BENCH_RATE", 20),
  seconds: envNumber("BENCH_SECONDS", 15),
  warmupSeconds: envNumber("BENCH_WARMUP_SECONDS", 2),
  /** Replies spread over this many threads (each reply notifies its thread's other participants). */
  threads: Math.round(envNumber("BENCH_THREADS", 20)),
  workers: 2,
  adminUrl: process.env.BENCH_ADMIN_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test",
  arrivalTimeoutMs: envNumber("BENCH_ARRIVAL_TIMEOUT_MS", 30_000),
  strict: process.env.BENCH_STRICT === "1",
  profileDir: process.env.BENCH_PROFILE_DIR ? path.resolve(process.env.BENCH_PROFILE_DIR) : "",
};
/** The server's limit: 30 comments per member per minute (decision 016). */
const COMMENTS_PER_MEMBER_MINUTE = 30;
const TARGET_RATIO = 2;

const children = new Set<ChildProcess>();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** The production build on the scratch database (as bench/collab starts "ours"). */
async function startServer(databaseUrl: string) {
  const port = await freePort();
  const httpUrl = `http://127.0.0.1:${port}`;
  const nodeArgs = config.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.join(config.profileDir, "server")}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, "build/server/index.js")], {
    cwd: root,
    env: {
      ...process.env,
      npm_lifecycle_event: "",
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: "warn",
      SEED_DEMO: "0",
      DISTRICT_CREATION: "anyone",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let out = "";
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-8000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let gone = false;
  const exited = new Promise<void>((resolve) =>
    child.on("exit", () => ((gone = true), children.delete(child), resolve())),
  );
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (gone) throw new Error(`server exited during start-up:\n${out}`);
    if (Date.now() > deadline) throw new Error(`server did not answer /healthz within 60 s:\n${out}`);
    try {
      if ((await fetch(`${httpUrl}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    pid: child.pid!,
    httpUrl,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    output: () => out,
    async stop() {
      if (gone) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A child process driven over IPC (a follower or a collab load generator) with a queue of its replies. */
class Worker<To extends { type: string }, From extends { type: string; message?: string }> {
  readonly child: ChildProcess;
  private waiting: { type: string; resolve: (m: From) => void; reject: (e: Error) => void }[] = [];
  private failure: Error | null = null;

  constructor(script: string, name: string) {
    const prof = config.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.join(config.profileDir, name)}`] : [];
    this.child = fork(script, [], {
      execArgv: [...process.execArgv, ...prof],
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    children.add(this.child);
    this.child.on("message", (m: From) => {
      if (m.type === "error") return this.fail(new Error(`${name}: ${m.message}`));
      const i = this.waiting.findIndex((w) => w.type === m.type);
      if (i >= 0) this.waiting.splice(i, 1)[0]!.resolve(m);
    });
    this.child.on("exit", (code) => {
      children.delete(this.child);
      this.fail(new Error(`${name} exited (${code})`));
    });
  }

  get pid() {
    return this.child.pid!;
  }

  private fail(error: Error) {
    this.failure ??= error;
    for (const w of this.waiting.splice(0)) w.reject(error);
  }

  next<T extends From["type"]>(type: T): Promise<Extract<From, { type: T }>> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiting.push({ type, resolve: resolve as (m: From) => void, reject }));
  }

  ask<T extends From["type"]>(message: To, reply: T) {
    const answer = this.next(reply);
    this.child.send(message);
    return answer;
  }

  async close() {
    if (this.child.exitCode !== null || this.failure) return;
    const exited = new Promise((r) => this.child.once("exit", r));
    await this.ask({ type: "close" } as To, "closed").catch(() => {});
    await exited;
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

async function api<T>(baseUrl: string, token: string, method: string, p: string, body: unknown, status: number) {
  const res = await fetch(`${baseUrl}/api/v1${p}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status !== status)
    throw new Error(`${method} ${p}: expected ${status}, got ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

type Phase = {
  label: string;
  sent: number;
  p50: number;
  p99: number;
  max: number;
  arrivals: number;
  expected: number;
  serverCpuS: number;
  cpuMsPer: number;
  postgresCpuS: number;
  windowS: number;
  loadEluMax: number;
  extra: string;
};

// ── comments: POSTs at a fixed rate, followers on the workspace's event stream ──

async function commentPhase(
  server: Awaited<ReturnType<typeof startServer>>,
  ctx: { tokens: string[]; workspace: string; threadIds: string[]; dbName: string },
): Promise<Phase> {
  const followers = Array.from(
    { length: config.workers },
    (_, i) => new Worker<ToFollower, FromFollower>(path.join(here, "follower.ts"), `follower${i}`),
  );
  try {
    await Promise.all(followers.map((f) => f.next("ready")));
    const url = `${server.httpUrl}/api/v1/workspaces/${ctx.workspace}/events`;
    // One stream per member, the members split over the follower processes.
    await Promise.all(
      followers.map((f, i) =>
        f.ask(
          { type: "open", url, tokens: ctx.tokens.filter((_, t) => t % followers.length === i), timeoutMs: 60_000 },
          "opened",
        ),
      ),
    );
    let author = 0;
    const post = async (n: number) => {
      const token = ctx.tokens[author++ % ctx.tokens.length]!;
      const startedAt = sharedNow();
      const res = await fetch(`${server.httpUrl}/api/v1/threads/${ctx.threadIds[n % ctx.threadIds.length]}/comments`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ body: `Bench comment ${n}: does this line up with the budget?` }),
      });
      if (res.status !== 201) throw new Error(`POST comment: ${res.status} ${await res.text()}`);
      const { id } = (await res.json()) as { id: string };
      return { id, startedAt, answeredAt: sharedNow() };
    };
    // Open loop: each POST starts on its schedule, whether or not earlier ones have been answered.
    const paced = async (seconds: number, first: number) => {
      const count = Math.round(seconds * config.rate);
      const startAt = sharedNow() + 100;
      const posts: Promise<Awaited<ReturnType<typeof post>>>[] = [];
      for (let n = 0; n < count; n++) {
        const due = startAt + (n * 1000) / config.rate;
        await new Promise((r) => setTimeout(r, Math.max(0, due - sharedNow())));
        posts.push(post(first + n));
      }
      return Promise.all(posts);
    };
    const expectedPer = ctx.tokens.length;
    const collect = async () =>
      (await Promise.all(followers.map((f) => f.ask({ type: "results" }, "results")))).reduce(
        (acc, r) => ({
          arrivals: acc.arrivals.concat(r.arrivals),
          ended: acc.ended + r.streamsEnded,
          elu: Math.max(acc.elu, r.eventLoopUtilization),
        }),
        { arrivals: [] as [string, number][], ended: 0, elu: 0 },
      );
    /** Waits (polling, with a timeout) until every follower has every comment; returns the arrivals. */
    const settle = async (ids: Set<string>) => {
      const all: [string, number][] = [];
      let ended = 0;
      let elu = 0;
      const deadline = sharedNow() + config.arrivalTimeoutMs;
      for (;;) {
        const got = await collect();
        all.push(...got.arrivals.filter(([id]) => ids.has(id)));
        ended += got.ended;
        elu = Math.max(elu, got.elu);
        if (all.length >= ids.size * expectedPer || sharedNow() > deadline) return { all, ended, elu };
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    const warm = await paced(config.warmupSeconds, 0);
    await settle(new Set(warm.map((w) => w.id)));

    const sampler = new ProcessSampler(server.pid);
    const pgBefore = cpuByName("postgres", ` ${ctx.dbName} `);
    sampler.start();
    const windowStart = sharedNow();
    const posted = await paced(config.seconds, warm.length);
    const { all, ended, elu } = await settle(new Set(posted.map((p) => p.id)));
    const serverCpuS = sampler.stop();
    const postgresCpuS = cpuDelta(pgBefore, cpuByName("postgres", ` ${ctx.dbName} `));
    const windowS = (sharedNow() - windowStart) / 1000;

    const startOf = new Map(posted.map((p) => [p.id, p.startedAt]));
    const latencies = Float64Array.from(all.map(([id, at]) => at - startOf.get(id)!)).sort();
    const answers = Float64Array.from(posted.map((p) => p.answeredAt - p.startedAt)).sort();
    return {
      label: "comments (SSE)",
      sent: posted.length,
      p50: percentile(latencies, 0.5),
      p99: percentile(latencies, 0.99),
      max: latencies[latencies.length - 1] ?? NaN,
      arrivals: latencies.length,
      expected: posted.length * expectedPer,
      serverCpuS,
      cpuMsPer: (serverCpuS * 1000) / posted.length,
      postgresCpuS,
      windowS,
      loadEluMax: elu,
      extra:
        `POST answered p50 ${answers[Math.floor(answers.length / 2)]!.toFixed(1)} ms, p99 ${percentile(
          answers,
          0.99,
        ).toFixed(1)} ms; ` + `${ended} streams ended early`,
    };
  } finally {
    await Promise.all(followers.map((f) => f.close()));
  }
}

// ── the edit relay: bench/collab's generators, 200 clients on one plan, 20 edits/s in all ──

async function relayPhase(
  server: Awaited<ReturnType<typeof startServer>>,
  ctx: { tokens: string[]; planId: string; dbName: string },
): Promise<Phase> {
  const generators = Array.from(
    { length: config.workers },
    (_, i) => new Worker<ToGenerator, FromGenerator>(path.join(root, "bench/collab/generator.ts"), `generator${i}`),
  );
  try {
    await Promise.all(generators.map((g) => g.next("ready")));
    const clients = config.members;
    const perGenerator: ClientSpec[][] = generators.map(() => []);
    for (let i = 0; i < clients; i++) {
      perGenerator[i % generators.length]!.push({
        id: i,
        plan: 0,
        serverUrl: server.wsUrl,
        room: ctx.planId,
        headers: { Authorization: `Bearer ${ctx.tokens[i % ctx.tokens.length]}`, Origin: server.httpUrl },
      });
    }
    await Promise.all(
      generators.map((g, i) => g.ask({ type: "connect", clients: perGenerator[i]!, timeoutMs: 90_000 }, "connected")),
    );
    // Every client writes, each at rate/clients, so the plan sees `rate` edits a second in all.
    const perClient = config.rate / clients;
    let sentSoFar = 0;
    /** One phase of edits; returns how many were made in it (the generators count from the start). */
    const run = async (seconds: number) => {
      const startAt = sharedNow() + 200;
      const ran = await Promise.all(
        generators.map((g) => g.ask({ type: "run", rate: perClient, durationMs: seconds * 1000, startAt }, "ran")),
      );
      const total = ran.reduce((n, r) => n + r.sent.reduce((m, s) => m + s.count, 0), 0);
      const made = total - sentSoFar;
      sentSoFar = total;
      return made;
    };
    /** Waits until every client holds every edit so far (the digest counts edits present). */
    const settle = async (total: number) => {
      const deadline = sharedNow() + config.arrivalTimeoutMs;
      while (sharedNow() < deadline) {
        const digests = (await Promise.all(generators.map((g) => g.ask({ type: "digest" }, "digest")))).flatMap(
          (d) => d.clients,
        );
        if (digests.every((d) => d.edits >= total)) return true;
        await new Promise((r) => setTimeout(r, 50));
      }
      return false;
    };
    const warm = await run(config.warmupSeconds);
    await settle(warm);
    await Promise.all(generators.map((g) => g.ask({ type: "results" }, "results"))); // drop the warm-up's

    const sampler = new ProcessSampler(server.pid);
    const pgBefore = cpuByName("postgres", ` ${ctx.dbName} `);
    sampler.start();
    const windowStart = sharedNow();
    const sent = await run(config.seconds);
    const converged = await settle(warm + sent);
    const serverCpuS = sampler.stop();
    const postgresCpuS = cpuDelta(pgBefore, cpuByName("postgres", ` ${ctx.dbName} `));
    const windowS = (sharedNow() - windowStart) / 1000;
    const results = await Promise.all(generators.map((g) => g.ask({ type: "results" }, "results")));
    const all = new Float64Array(results.reduce((n, r) => n + r.latencies.length, 0));
    let offset = 0;
    for (const r of results) {
      all.set(r.latencies, offset);
      offset += r.latencies.length;
    }
    all.sort();
    return {
      label: "edit relay (socket)",
      sent,
      p50: percentile(all, 0.5),
      p99: percentile(all, 0.99),
      max: all[all.length - 1] ?? NaN,
      arrivals: all.length,
      expected: sent * (clients - 1),
      serverCpuS,
      cpuMsPer: (serverCpuS * 1000) / sent,
      postgresCpuS,
      windowS,
      loadEluMax: Math.max(...results.map((r) => r.eventLoopUtilization)),
      extra: `${converged ? "converged" : "NOT converged"}; ${results.reduce(
        (n, r) => n + r.disconnects,
        0,
      )} disconnects`,
    };
  } finally {
    await Promise.all(generators.map((g) => g.close()));
  }
}

// ── main ─────────────────────────────────────────────────────────────────────

async function scratchDatabase() {
  const name = `bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`;
  const admin = postgres(config.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(config.adminUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const a = postgres(config.adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "–");

function table(rows: Phase[]): string {
  const head = [
    "",
    "sent",
    "p50 ms",
    "p99 ms",
    "max ms",
    "arrivals",
    "server CPU s",
    "CPU ms/each",
    "Postgres CPU s",
    "load ELU",
  ];
  const body = rows.map((r) => [
    r.label,
    String(r.sent),
    fmt(r.p50),
    fmt(r.p99),
    fmt(r.max),
    `${r.arrivals}/${r.expected}`,
    fmt(r.serverCpuS, 2),
    fmt(r.cpuMsPer, 2),
    fmt(r.postgresCpuS, 2),
    `${Math.round(r.loadEluMax * 100)}%`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}

async function main() {
  if (!existsSync(path.join(root, "build/server/index.js"))) {
    throw new Error("no production build: run `npm run build` (npm run bench:comments does it for you)");
  }
  const authorsNeeded = Math.ceil(((config.seconds + config.warmupSeconds) * config.rate) / COMMENTS_PER_MEMBER_MINUTE);
  if (config.members < authorsNeeded)
    throw new Error(`${config.members} members cannot post ${config.rate}/s under the rate limit`);
  console.log(
    `Comments bench: ${config.members} members following the workspace's event stream, comments at ${config.rate}/s ` +
      `for ${config.seconds} s (after ${config.warmupSeconds} s of warm-up) as replies over ${config.threads} threads, ` +
      `authors in turn; then the plan socket's edit relay at ${config.rate} edits/s to ${config.members} clients. ` +
      `${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}.`,
  );
  const db = await scratchDatabase();
  const cleanup = async () => {
    for (const c of children) c.kill("SIGKILL");
    await db.drop().catch((err) => console.error(`could not drop the scratch database: ${err}`));
  };
  process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));
  try {
    const server = await startServer(db.url);
    try {
      process.stdout.write(`setting up ${config.members} members through the app … `);
      const setupStart = Date.now();
      const created = await setUpWorkspace(server.httpUrl, { users: config.members, plans: 1, spreadAddresses: true });
      const owner = created.tokens[0]!;
      // A plan with text to anchor threads on, and the threads the comments reply to.
      const plan = await api<{ id: string }>(
        server.httpUrl,
        owner,
        "POST",
        `/workspaces/${created.workspace}/plans`,
        {
          title: "Equity plan",
          template: "equity_action_plan",
        },
        201,
      );
      const threadIds: string[] = [];
      for (let i = 0; i < config.threads; i++) {
        const thread = await api<{ id: string }>(
          server.httpUrl,
          owner,
          "POST",
          `/plans/${plan.id}/threads`,
          {
            body: `Thread ${i + 1}`,
            anchor: { quote: "Where we are" },
          },
          201,
        );
        threadIds.push(thread.id);
      }
      process.stdout.write(`done in ${((Date.now() - setupStart) / 1000).toFixed(0)} s\n`);

      process.stdout.write("comments … ");
      const comments = await commentPhase(server, {
        tokens: created.tokens,
        workspace: created.workspace,
        threadIds,
        dbName: db.name,
      });
      process.stdout.write("edit relay … ");
      const relay = await relayPhase(server, { tokens: created.tokens, planId: created.planIds[0]!, dbName: db.name });
      process.stdout.write("done\n\n");

      console.log(table([comments, relay]));
      for (const r of [comments, relay]) {
        console.log(`${r.label}: window ${fmt(r.windowS)} s (first send to last arrival); ${r.extra}`);
      }
      const ratio = comments.p99 / relay.p99;
      const ok = ratio <= TARGET_RATIO && comments.arrivals === comments.expected;
      console.log(
        `\nTarget: comment delivery p99 ≤ ${TARGET_RATIO}× the edit relay's p99 → ` +
          `${fmt(comments.p99)} ms vs ${fmt(relay.p99)} ms = ${fmt(ratio, 2)}× — ${ok ? "met" : "MISSED"}` +
          (comments.arrivals === comments.expected
            ? ""
            : ` (${comments.expected - comments.arrivals} arrivals missing)`),
      );
      console.log(
        `CPU per comment ${fmt(comments.cpuMsPer, 2)} ms vs per edit ${fmt(
          relay.cpuMsPer,
          2,
        )} ms (server process only; Postgres shown apart).`,
      );
      if (config.strict && !ok) process.exitCode = 1;
    } catch (error) {
      console.error(`\nserver output (last lines):\n${server.output().split("\n").slice(-30).join("\n")}`);
      throw error;
    } finally {
      await server.stop();
    }
  } finally {
    await cleanup();
  }
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.stack : error);
  for (const c of children) c.kill("SIGKILL");
  process.exit(1);
});
