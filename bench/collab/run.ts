// `npm run bench:collab`: N y-websocket clients editing at a fixed rate against our collaboration
// server (authentication + Postgres persistence on) and the reference y-websocket@2.1.0 server,
// in the same run, on the same scenarios. Prints one table per scenario and a verdict per target.
// See bench/README.md.
import { fork, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import * as Y from "yjs";
import { measureFloor, type Floor } from "./floor";
import { ProcessSampler, cpuByName, cpuDelta, cpuSeconds, machineBusySeconds } from "../shared/proc";
import {
  EDIT_PATTERN,
  TEXT_FIELD,
  sharedNow,
  type ClientDigest,
  type ClientSpec,
  type FromGenerator,
  type ToGenerator,
} from "./protocol";
import { setUpWorkspace } from "./setup";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");

// ── configuration ────────────────────────────────────────────────────────────

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return value;
}

type Scenario = { clients: number; plans: number; rate: number; label: string };

/** "10x1,100x1@0.5,200x20": clients x plans, optionally @ edits per second per client (default BENCH_RATE). */
function parseScenarios(raw: string, defaultRate: number): Scenario[] {
  return raw.split(",").map((s) => {
    const m = /^\s*(\d+)\s*[x×]\s*(\d+)\s*(?:@\s*(\d+(?:\.\d+)?))?\s*$/.exec(s);
    if (!m) throw new Error(`BENCH_SCENARIOS: "${s}" is not <clients>x<plans>[@<edits per second>]`);
    const clients = Number(m[1]);
    const plans = Number(m[2]);
    const rate = m[3] ? Number(m[3]) : defaultRate;
    if (plans < 1 || clients < 2 * plans) throw new Error(`BENCH_SCENARIOS: "${s}" needs at least 2 clients per plan`);
    if (!(rate > 0)) throw new Error(`BENCH_SCENARIOS: "${s}" needs a positive rate`);
    return { clients, plans, rate, label: `${clients}×${plans}` };
  });
}

const config = {
  seconds: envNumber("BENCH_SECONDS", 10),
  warmupSeconds: process.env.BENCH_WARMUP_SECONDS === "0" ? 0 : envNumber("BENCH_WARMUP_SECONDS", 2),
  rate: envNumber("BENCH_RATE", 2),
  // 100 clients on one plan at 2 edits/s is 19,800 deliveries/s: more than two load generators
  // on a 2-core machine can apply (each arrival costs a real Y.Doc ~0.1 ms), so it runs at 0.5/s.
  workers: Math.round(envNumber("BENCH_WORKERS", 2)),
  scenarios: parseScenarios(process.env.BENCH_SCENARIOS || "10x1,100x1@0.5,200x20", envNumber("BENCH_RATE", 2)),
  databaseUrl: process.env.BENCH_DATABASE_URL || "",
  adminUrl: process.env.BENCH_ADMIN_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test",
  convergeTimeoutMs: envNumber("BENCH_CONVERGE_TIMEOUT_MS", 30_000),
  strict: process.env.BENCH_STRICT === "1",
  /** "ours": skip the reference server (experiments comparing builds of ours); no verdict then. */
  only: process.env.BENCH_ONLY === "ours" ? ("ours" as const) : null,
  /** Where to write V8 CPU profiles of every server and generator process (for investigation); unset = none. */
  profileDir: process.env.BENCH_PROFILE_DIR ? path.resolve(process.env.BENCH_PROFILE_DIR) : "",
  /** Another build of our server to measure (an experiment); default build/server/index.js. */
  oursScript: process.env.BENCH_OURS_SERVER
    ? path.resolve(process.env.BENCH_OURS_SERVER)
    : path.join(root, "build/server/index.js"),
};

/** Node options that write a CPU profile named after the process's role, when profiling. */
function profileArgs(name: string): string[] {
  if (!config.profileDir) return [];
  // One folder per process: a process may write several profiles (one per thread, e.g. tsx's loader).
  return ["--cpu-prof", `--cpu-prof-dir=${path.join(config.profileDir, name)}`];
}
/** The scenarios the issue sets a target for. */
const TARGETS = ["10×1", "200×20"];
/** server/collab/collab-server.ts defaultCollabLimits.connectionsPerUser; the bench stays below it rather than raising it. */
const CONNECTIONS_PER_USER = 20;
const CLIENTS_PER_USER = 16;

// ── child processes ──────────────────────────────────────────────────────────

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

type RunningServer = {
  kind: Kind;
  pid: number;
  httpUrl: string;
  wsUrl: string;
  stop(): Promise<void>;
  output(): string;
};
type Kind = "ours" | "reference";

async function startServer(kind: Kind, databaseUrl: string, profileName = ""): Promise<RunningServer> {
  const port = await freePort();
  const httpUrl = `http://127.0.0.1:${port}`;
  const [script, env, ready]: [string, Record<string, string>, string] =
    kind === "ours"
      ? [
          config.oursScript,
          {
            NODE_ENV: "production",
            HOST: "127.0.0.1",
            PORT: String(port),
            DATABASE_URL: databaseUrl,
            LOG_LEVEL: "warn",
            SEED_DEMO: "0",
            // Each scenario's owner is a new account that starts a district of its own.
            DISTRICT_CREATION: "anyone",
          },
          `${httpUrl}/healthz`,
        ]
      : [
          path.join(root, "node_modules/y-websocket-ref/bin/server.cjs"),
          { HOST: "127.0.0.1", PORT: String(port) },
          httpUrl,
        ];
  const nodeArgs = profileName ? profileArgs(profileName) : [];
  // The reference server has no SIGTERM handler; exit normally so V8 writes the profile.
  if (nodeArgs.length && kind === "reference")
    nodeArgs.push("--import", 'data:text/javascript,process.on("SIGTERM",()=>process.exit(0))');
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: root,
    env: { ...process.env, npm_lifecycle_event: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let out = "";
  const keep = (d: Buffer) => (out = (out + d.toString()).slice(-8000));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.on("exit", () => (children.delete(child), resolve())));
  let gone = false;
  void exited.then(() => (gone = true));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (gone) throw new Error(`${kind} server exited during start-up:\n${out}`);
    if (Date.now() > deadline) throw new Error(`${kind} server did not answer ${ready} within 60 s:\n${out}`);
    try {
      if ((await fetch(ready)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    kind,
    pid: child.pid!,
    httpUrl,
    wsUrl: kind === "ours" ? `ws://127.0.0.1:${port}/collab` : `ws://127.0.0.1:${port}`,
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

/** One load-generator process (generator.ts) and a queue of its replies. */
class Generator {
  readonly child: ChildProcess;
  private waiting: { type: FromGenerator["type"]; resolve: (m: FromGenerator) => void; reject: (e: Error) => void }[] =
    [];
  private failure: Error | null = null;

  constructor(profileName: string) {
    this.child = fork(path.join(here, "generator.ts"), [], {
      execArgv: [...process.execArgv, ...profileArgs(profileName)], // tsx's loader, when run through tsx
      serialization: "advanced", // typed arrays cross IPC as such
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    children.add(this.child);
    this.child.on("message", (m: FromGenerator) => {
      if (m.type === "error") return this.fail(new Error(`load generator: ${m.message}`));
      const i = this.waiting.findIndex((w) => w.type === m.type);
      if (i >= 0) this.waiting.splice(i, 1)[0]!.resolve(m);
    });
    this.child.on("exit", (code) => {
      children.delete(this.child);
      this.fail(new Error(`load generator exited (${code})`));
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  private fail(error: Error) {
    this.failure ??= error;
    for (const w of this.waiting.splice(0)) w.reject(error);
  }

  next<T extends FromGenerator["type"]>(type: T): Promise<Extract<FromGenerator, { type: T }>> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) =>
      this.waiting.push({ type, resolve: resolve as (m: FromGenerator) => void, reject }),
    );
  }

  ask<T extends FromGenerator["type"]>(message: ToGenerator, reply: T) {
    const answer = this.next(reply);
    this.child.send(message);
    return answer;
  }

  async close() {
    if (this.child.exitCode !== null || this.failure) return;
    const exited = new Promise((r) => this.child.once("exit", r));
    await this.ask({ type: "close" }, "closed").catch(() => {});
    await exited;
  }
}

// ── one scenario against one server ─────────────────────────────────────────

type Result = {
  kind: Kind;
  scenario: Scenario;
  editsSent: number;
  p50: number;
  p99: number;
  arrivals: number;
  expectedArrivals: number;
  deliveriesPerSecond: number;
  serverCpuS: number;
  cpuMsPerEdit: number;
  peakRssMB: number;
  generatorCpuS: number;
  generatorEluMax: number;
  postgresCpuS: number;
  /** Busy CPU seconds of the whole machine in the window (all processes, all CPUs). */
  machineCpuS: number;
  windowS: number;
  connectS: number;
  converged: boolean;
  convergeMs: number;
  disconnects: number;
  persisted: { present: number; expected: number } | null;
  /** Postgres work over the whole server run (connect, warm-up, measured phase, shut-down), and the edits in it. */
  database: (PgStats & { edits: number }) | null;
};

type PgStats = { commits: number; inserted: number; updated: number };

/** The bench database's transaction and row counters (pg_stat_database). */
async function pgStats(databaseUrl: string): Promise<PgStats> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [row] = await sql<{ commits: string; inserted: string; updated: string }[]>`
      select xact_commit as commits, tup_inserted as inserted, tup_updated as updated
      from pg_stat_database where datname = current_database()`;
    return { commits: Number(row!.commits), inserted: Number(row!.inserted), updated: Number(row!.updated) };
  } finally {
    await sql.end();
  }
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

async function runScenario(
  kind: Kind,
  scenario: Scenario,
  ctx: { databaseUrl: string; planIds: string[]; tokens: string[] },
): Promise<Result> {
  const name = `${kind}-${scenario.clients}x${scenario.plans}`;
  const statsBefore = kind === "ours" ? await pgStats(ctx.databaseUrl) : null;
  const server = await startServer(kind, ctx.databaseUrl, `server-${name}`);
  const generators = Array.from(
    { length: Math.min(config.workers, scenario.clients) },
    (_, i) => new Generator(`generator${i}-${name}`),
  );
  try {
    await Promise.all(generators.map((g) => g.next("ready")));
    // Clients of one plan are spread over the generators, so edits cross processes.
    const perGenerator: ClientSpec[][] = generators.map(() => []);
    for (let i = 0; i < scenario.clients; i++) {
      const plan = i % scenario.plans;
      const headers: Record<string, string> =
        kind === "ours" ? { Authorization: `Bearer ${ctx.tokens[i % ctx.tokens.length]}`, Origin: server.httpUrl } : {};
      perGenerator[Math.floor(i / scenario.plans) % generators.length]!.push({
        id: i,
        plan,
        serverUrl: server.wsUrl,
        room: ctx.planIds[plan]!,
        headers,
      });
    }
    const connectStarted = sharedNow();
    await Promise.all(
      generators.map((g, i) => g.ask({ type: "connect", clients: perGenerator[i]!, timeoutMs: 60_000 }, "connected")),
    );
    const connectS = (sharedNow() - connectStarted) / 1000;

    // One phase of edits, then a wait (polling, with a timeout) until every plan's clients agree
    // and hold every edit made so far. Counts are cumulative over phases.
    const phase = async (seconds: number) => {
      const startAt = sharedNow() + 200;
      const ran = await Promise.all(
        generators.map((g) => g.ask({ type: "run", rate: scenario.rate, durationMs: seconds * 1000, startAt }, "ran")),
      );
      const sentByPlan = new Array<number>(scenario.plans).fill(0);
      const sentByClient = new Map<number, number>();
      for (const r of ran) {
        for (const s of r.sent) {
          sentByPlan[s.plan]! += s.count;
          sentByClient.set(s.id, s.count);
        }
      }
      const lastSentAt = Math.max(...ran.map((r) => r.lastSentAt));
      let convergedAt = NaN;
      const deadline = sharedNow() + config.convergeTimeoutMs;
      while (sharedNow() < deadline) {
        const digests = (await Promise.all(generators.map((g) => g.ask({ type: "digest" }, "digest")))).flatMap(
          (d) => d.clients,
        );
        if (planAgreement(digests, sentByPlan)) {
          convergedAt = sharedNow();
          break;
        }
        await new Promise((r) => setTimeout(r, 25));
      }
      return { startAt, sentByPlan, sentByClient, lastSentAt, convergedAt, converged: !Number.isNaN(convergedAt) };
    };

    // Warm-up (JIT, connection pools, first rows), not measured; then the measured phase.
    let warmByPlan = new Array<number>(scenario.plans).fill(0);
    if (config.warmupSeconds > 0) {
      const warm = await phase(config.warmupSeconds);
      if (!warm.converged) throw new Error(`${kind} ${scenario.label}: clients did not converge after the warm-up`);
      warmByPlan = warm.sentByPlan;
    }

    // The measured window: from the first measured edit until every client holds every edit.
    const serverSampler = new ProcessSampler(server.pid);
    const genCpuBefore = generators.map((g) => cpuSeconds(g.pid) ?? 0);
    const dbName = kind === "ours" ? new URL(ctx.databaseUrl).pathname.slice(1) : null;
    const pgBefore = dbName ? cpuByName("postgres", ` ${dbName} `) : new Map<number, number>();
    const machineBefore = machineBusySeconds();
    serverSampler.start();
    const measured = await phase(config.seconds);
    const { sentByPlan, sentByClient, lastSentAt, converged, convergedAt, startAt } = measured;
    const windowEnd = converged ? convergedAt : sharedNow();
    const serverCpuS = serverSampler.stop();
    const generatorCpuS = generators.reduce((sum, g, i) => sum + ((cpuSeconds(g.pid) ?? 0) - genCpuBefore[i]!), 0);
    const postgresCpuS = dbName ? cpuDelta(pgBefore, cpuByName("postgres", ` ${dbName} `)) : 0;
    const machineCpuS = machineBusySeconds() - machineBefore;
    const measuredByPlan = sentByPlan.map((n, plan) => n - warmByPlan[plan]!);
    const editsSent = measuredByPlan.reduce((a, b) => a + b, 0);

    const results = await Promise.all(generators.map((g) => g.ask({ type: "results" }, "results")));
    const all = new Float64Array(results.reduce((n, r) => n + r.latencies.length, 0));
    let offset = 0;
    for (const r of results) {
      all.set(r.latencies, offset);
      offset += r.latencies.length;
    }
    all.sort();
    const firstSentAt = Math.min(...results.map((r) => r.firstSentAt));
    const lastArrivalAt = Math.max(...results.map((r) => r.lastArrivalAt));
    const clientsPerPlan = (plan: number) =>
      Math.floor(scenario.clients / scenario.plans) + (plan < scenario.clients % scenario.plans ? 1 : 0);
    const expectedArrivals = measuredByPlan.reduce((n, sent, plan) => n + sent * (clientsPerPlan(plan) - 1), 0);

    const persisted =
      kind === "ours"
        ? await checkPersisted(ctx.databaseUrl, ctx.planIds.slice(0, scenario.plans), scenario, sentByClient)
        : null;

    const totalEdits = sentByPlan.reduce((a, b) => a + b, 0);
    await Promise.all(generators.map((g) => g.close()));
    await server.stop();
    let database: Result["database"] = null;
    if (statsBefore) {
      const after = await pgStats(ctx.databaseUrl);
      database = {
        commits: after.commits - statsBefore.commits,
        inserted: after.inserted - statsBefore.inserted,
        updated: after.updated - statsBefore.updated,
        edits: totalEdits,
      };
    }
    return {
      database,
      kind,
      scenario,
      editsSent,
      p50: percentile(all, 0.5),
      p99: percentile(all, 0.99),
      arrivals: all.length,
      expectedArrivals,
      deliveriesPerSecond: all.length / ((lastArrivalAt - firstSentAt) / 1000),
      serverCpuS,
      cpuMsPerEdit: (serverCpuS * 1000) / editsSent,
      peakRssMB: serverSampler.peakRssMB,
      generatorCpuS,
      generatorEluMax: Math.max(...results.map((r) => r.eventLoopUtilization)),
      postgresCpuS,
      machineCpuS,
      windowS: (windowEnd - startAt) / 1000,
      connectS,
      converged,
      convergeMs: converged ? convergedAt - lastSentAt : NaN,
      disconnects: results.reduce((n, r) => n + r.disconnects, 0),
      persisted,
    };
  } catch (error) {
    console.error(`\n${kind} server output (last lines):\n${server.output().split("\n").slice(-30).join("\n")}`);
    throw error;
  } finally {
    await Promise.all(generators.map((g) => g.close()));
    await server.stop();
  }
}

/** Every plan's clients are connected, share one state vector and one content, and hold all the plan's edits. */
function planAgreement(digests: ClientDigest[], sentByPlan: number[]): boolean {
  const byPlan = new Map<number, ClientDigest[]>();
  for (const d of digests) byPlan.set(d.plan, [...(byPlan.get(d.plan) ?? []), d]);
  for (const [plan, list] of byPlan) {
    const first = list[0]!;
    for (const d of list) {
      if (!d.connected || d.edits !== sentByPlan[plan]) return false;
      if (d.stateVector !== first.stateVector || d.contentHash !== first.contentHash) return false;
    }
  }
  return true;
}

/** Reads each plan's stored state straight from Postgres (snapshot + updates, as the server loads it) and counts the edits in it. */
async function checkPersisted(
  databaseUrl: string,
  planIds: string[],
  scenario: Scenario,
  sentByClient: Map<number, number>,
): Promise<{ present: number; expected: number }> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    let present = 0;
    let expected = 0;
    for (const [plan, planId] of planIds.entries()) {
      const parts = await sql.begin("isolation level repeatable read read only", async (tx) => {
        const snapshot = await tx<{ state: Uint8Array }[]>`select state from plan_snapshots where plan_id = ${planId}`;
        const rows = await tx<
          { update: Uint8Array }[]
        >`select update from plan_updates where plan_id = ${planId} order by id`;
        return [...snapshot.map((r) => r.state), ...rows.map((r) => r.update)];
      });
      const doc = new Y.Doc();
      if (parts.length) Y.applyUpdate(doc, Y.mergeUpdates(parts.map((p) => new Uint8Array(p))));
      const stored = new Set<string>();
      for (const m of doc.getText(TEXT_FIELD).toString().matchAll(EDIT_PATTERN)) stored.add(`${m[1]}.${m[2]}`);
      doc.destroy();
      for (const [client, count] of sentByClient) {
        if (client % scenario.plans !== plan) continue;
        for (let seq = 1; seq <= count; seq++) {
          expected++;
          if (stored.has(`${client}.${seq}`)) present++;
        }
      }
    }
    return { present, expected };
  } finally {
    await sql.end();
  }
}

// ── output ───────────────────────────────────────────────────────────────────

const COLUMNS: [string, (r: Result) => string][] = [
  ["server", (r) => (r.kind === "ours" ? "ours" : "reference")],
  ["clients×plans", (r) => r.scenario.label],
  ["edits sent", (r) => String(r.editsSent)],
  ["p50 ms", (r) => r.p50.toFixed(2)],
  ["p99 ms", (r) => r.p99.toFixed(2)],
  ["deliveries/s", (r) => r.deliveriesPerSecond.toFixed(0)],
  ["server CPU s", (r) => r.serverCpuS.toFixed(2)],
  ["CPU ms/edit", (r) => r.cpuMsPerEdit.toFixed(3)],
  ["peak RSS MB", (r) => r.peakRssMB.toFixed(0)],
  ["generator CPU s", (r) => r.generatorCpuS.toFixed(2)],
  ["converged", (r) => (r.converged ? `yes (${r.convergeMs.toFixed(0)} ms)` : "NO")],
  [
    "persisted",
    (r) =>
      r.persisted === null
        ? "n/a (none)"
        : `${r.persisted.present === r.persisted.expected ? "yes" : "NO"} (${r.persisted.present}/${
            r.persisted.expected
          } edits)`,
  ],
];

function table(rows: Result[]): string {
  const cells = [COLUMNS.map(([h]) => h), ...rows.map((r) => COLUMNS.map(([, f]) => f(r)))];
  const widths = COLUMNS.map((_, c) => Math.max(...cells.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    "| " + row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(" | ") + " |";
  const rule = "|" + widths.map((w, c) => (c < 2 ? ":" + "-".repeat(w + 1) : "-".repeat(w + 1) + ":")).join("|") + "|";
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join("\n");
}

/** Past this event-loop utilization a generator delays its own sends and arrivals: latency then measures it. */
const GENERATOR_SATURATED = 0.8;
/** Past this share of the machine used by other processes, the figures are noisy. */
const OTHER_LOAD_NOISY = 0.25;

function otherLoad(r: Result): { cpuS: number; share: number } {
  const capacity = r.windowS * os.cpus().length;
  const cpuS = Math.max(0, r.machineCpuS - r.serverCpuS - r.generatorCpuS - r.postgresCpuS);
  return { cpuS, share: capacity > 0 ? cpuS / capacity : 0 };
}

function details(r: Result): string {
  const name = r.kind === "ours" ? "ours     " : "reference";
  const other = otherLoad(r);
  const warnings = [
    r.generatorEluMax > GENERATOR_SATURATED
      ? "⚠ load generator saturated: latency and throughput measure the generator too"
      : "",
    other.share > OTHER_LOAD_NOISY
      ? `⚠ other processes used ${(other.share * 100).toFixed(0)}% of the machine: noisy`
      : "",
    r.arrivals !== r.expectedArrivals ? "⚠ deliveries missing" : "",
    r.disconnects > 0 ? `⚠ ${r.disconnects} disconnects` : "",
  ].filter(Boolean);
  const db = r.database
    ? `; Postgres over the server run: ${(r.database.commits / r.database.edits).toFixed(2)} commits, ` +
      `${(r.database.inserted / r.database.edits).toFixed(2)} rows inserted, ${(
        r.database.updated / r.database.edits
      ).toFixed(2)} rows updated per edit ` +
      `(${r.database.commits} commits for ${r.database.edits} edits)`
    : "";
  return (
    `  ${name} window ${r.windowS.toFixed(1)} s; deliveries ${r.arrivals}/${r.expectedArrivals}; ` +
    `generator CPU ${((r.generatorCpuS / r.windowS) * 100).toFixed(0)}% of a core, busiest event loop ${(
      r.generatorEluMax * 100
    ).toFixed(0)}%; ` +
    (r.kind === "ours" ? `Postgres backends CPU ${r.postgresCpuS.toFixed(2)} s; ` : "") +
    `other processes ${other.cpuS.toFixed(1)} CPU-s (${(other.share * 100).toFixed(0)}% of the machine); ` +
    `connect+sync ${r.connectS.toFixed(1)} s${db}` +
    (warnings.length ? `\n            ${warnings.join("; ")}` : "")
  );
}

function ratio(a: number, b: number): string {
  return b > 0 ? `${(a / b).toFixed(2)}×` : "n/a";
}

function verdict(ours: Result, ref: Result): { line: string; ok: boolean } {
  const p99Ok = ours.p99 <= ref.p99;
  const cpuOk = ours.cpuMsPerEdit <= ref.cpuMsPerEdit;
  const persistedOk = ours.persisted !== null && ours.persisted.present === ours.persisted.expected;
  const convergedOk = ours.converged && ref.converged;
  const ok = p99Ok && cpuOk && persistedOk && convergedOk;
  const mark = (b: boolean) => (b ? "within target" : "NOT within target");
  return {
    ok,
    line:
      `${ours.scenario.label}: p99 ${ours.p99.toFixed(2)} ms vs reference ${ref.p99.toFixed(2)} ms (${ratio(
        ours.p99,
        ref.p99,
      )}) → ${mark(p99Ok)}; ` +
      `CPU/edit ${ours.cpuMsPerEdit.toFixed(3)} ms vs reference ${ref.cpuMsPerEdit.toFixed(3)} ms (${ratio(
        ours.cpuMsPerEdit,
        ref.cpuMsPerEdit,
      )}) → ${mark(cpuOk)}; ` +
      `persisted ${ours.persisted ? `${ours.persisted.present}/${ours.persisted.expected}` : "n/a"}; converged ${
        convergedOk ? "yes" : "NO"
      } ` +
      `⇒ ${ok ? "WITHIN TARGET" : "NOT WITHIN TARGET"}` +
      ([ours, ref].some((r) => r.generatorEluMax > GENERATOR_SATURATED || otherLoad(r).share > OTHER_LOAD_NOISY)
        ? " (⚠ measured with a saturated generator or a busy machine: see the notes above)"
        : ""),
  };
}

/** The floor in words, set against the reference's figures for the same scenario. */
function floorLines(floors: Floor[], runs: { scenario: Scenario; ref: Result }[]): string {
  const lines = floors.map((f) => {
    const ref = runs.find((r) => r.scenario.label === f.label)?.ref;
    return (
      `${f.label} pace (one edit every ${Number(f.everyMs.toFixed(2))} ms, ${
        f.count
      } times): a durable Postgres commit of one small row ` +
      `(postgres.js, prepared) takes p50 ${f.commitP50Ms.toFixed(2)} / p99 ${f.commitP99Ms.toFixed(2)} ms and ` +
      `${f.commitCpuUs.toFixed(
        0,
      )} µs of CPU in the committing process (otherwise idle; Postgres's own CPU not counted); a 40-byte relay write to a waiting client ` +
      `${f.relayWriteCpuUs.toFixed(0)} µs, so one commit costs as much CPU as ${(
        f.commitCpuUs / f.relayWriteCpuUs
      ).toFixed(1)} relay writes` +
      (ref
        ? `; the reference's whole p99 is ${ref.p99.toFixed(2)} ms and its CPU ${(ref.cpuMsPerEdit * 1000).toFixed(
            0,
          )} µs/edit.`
        : ".")
    );
  });
  lines.push(
    "Ours stores every edit before relaying it (about one commit per edit at these rates: see 'Postgres over the server run'); " +
      "the reference relays from memory. See docs/decisions/008-durable-relay-cost.md.",
  );
  return lines.join("\n");
}

// ── main ─────────────────────────────────────────────────────────────────────

async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (config.databaseUrl) return { url: config.databaseUrl, drop: async () => {} };
  const name = `bench_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`;
  const admin = postgres(config.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(config.adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = postgres(config.adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

async function main() {
  if (!existsSync(config.oursScript)) {
    throw new Error("no production build: run `npm run build` (npm run bench:collab does it for you)");
  }
  const maxClients = Math.max(...config.scenarios.map((s) => s.clients));
  const totalPlans = config.scenarios.reduce((n, s) => n + s.plans, 0);
  const users = Math.ceil(maxClients / CLIENTS_PER_USER);

  console.log(
    `Collaboration bench: ${config.seconds} s of edits per scenario after a ${config.warmupSeconds} s warm-up; ` +
      `${config.workers} load-generator processes; ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}); ` +
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
  );
  console.log(
    `ours: build/server/index.js, NODE_ENV=production, bearer-token auth, Postgres persistence; ` +
      `${users} users (≤ ${CLIENTS_PER_USER} connections each, limit ${CONNECTIONS_PER_USER}). ` +
      `reference: y-websocket@2.1.0 bin/server.cjs, in memory.`,
  );

  const db = await scratchDatabase();
  const cleanup = async () => {
    for (const c of children) c.kill("SIGKILL");
    await db.drop().catch((err) => console.error(`could not drop the scratch database: ${err}`));
  };
  process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));

  try {
    // Users, workspace and plans, created once through the app's own HTTP surface.
    const setupServer = await startServer("ours", db.url);
    let ctx: { databaseUrl: string; planIds: string[]; tokens: string[] };
    try {
      // Every scenario gets plans of its own, so no scenario sees another's edits.
      const created = await setUpWorkspace(setupServer.httpUrl, { users, plans: totalPlans });
      ctx = { databaseUrl: db.url, tokens: created.tokens, planIds: created.planIds };
    } finally {
      await setupServer.stop();
    }

    const byScenario: { scenario: Scenario; ours: Result; ref: Result }[] = [];
    let firstPlan = 0;
    for (const scenario of config.scenarios) {
      const planIds = ctx.planIds.slice(firstPlan, firstPlan + scenario.plans);
      firstPlan += scenario.plans;
      const scenarioCtx = { ...ctx, planIds };
      process.stdout.write(
        `\n${scenario.label}: ${scenario.clients} clients on ${scenario.plans} plan(s), ${scenario.rate} edits/s each … `,
      );
      const ours = await runScenario("ours", scenario, scenarioCtx);
      process.stdout.write("ours done … ");
      if (config.only === "ours") {
        process.stdout.write("\n\n");
        console.log(table([ours]));
        console.log(details(ours));
        continue;
      }
      const ref = await runScenario("reference", scenario, scenarioCtx);
      process.stdout.write("reference done\n\n");
      console.log(table([ours, ref]));
      console.log(details(ours));
      console.log(details(ref));
      byScenario.push({ scenario, ours, ref });
    }

    process.stdout.write("\nDurability floor (bench/collab/floor.ts) … ");
    // At each target scenario's overall edit rate (every client of every plan together).
    const paces = config.scenarios
      .filter((sc) => TARGETS.includes(sc.label))
      .map((sc) => {
        const everyMs = 1000 / (sc.clients * sc.rate);
        return { label: sc.label, everyMs, count: Math.min(1000, Math.ceil(8000 / everyMs)) };
      });
    const floor = await measureFloor(ctx.databaseUrl, paces);
    process.stdout.write("done\n");
    console.log(floorLines(floor, byScenario));

    console.log(
      "\nTargets (ours no worse than the reference on p99 latency and server CPU per edit, everything persisted):",
    );
    let allOk = true;
    for (const label of TARGETS) {
      const s = byScenario.find((x) => x.scenario.label === label);
      if (!s) {
        console.log(`${label}: not run`);
        continue;
      }
      const v = verdict(s.ours, s.ref);
      allOk &&= v.ok;
      console.log(v.line);
    }
    console.log(
      "\nNotes: latency is from the sender's edit to its arrival in each other client's document (shared monotonic clock); " +
        "server CPU excludes Postgres (shown separately); the measured window runs from the first edit to convergence.",
    );
    if (config.strict && !allOk) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.stack : error);
  for (const c of children) c.kill("SIGKILL");
  process.exit(1);
});
