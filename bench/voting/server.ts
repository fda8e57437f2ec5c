// `npm run bench:voting:server` (part 2 of bench:voting): 500 members of one workspace submit their
// ballot at the same moment to the running production server on Postgres; p50/p99 latency and
// ballots per second, set against a bare INSERT of the same ballot row through the same driver
// (postgres.js, the server's pool size) at the same concurrency, in the same run. Every round
// checks that no ballot answered 200 is missing and none is stored twice. See bench/README.md.
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import postgres from "postgres";

type Sql = ReturnType<typeof postgres>;
import { stakeholderGroups } from "../../app/domain/roles";
import { generateApiToken, hashToken } from "../../app/utils/tokens.server";
import { setUpWorkspace } from "../collab/setup";
import { cpuByName, cpuDelta, cpuSeconds, machineBusySeconds } from "../shared/proc";
import { percentile, scratchDatabase, startProductionServer, type BenchServer } from "../shared/server";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const config = {
  voters: Math.round(envNumber("BENCH_VOTERS", 500)),
  rounds: Math.round(envNumber("BENCH_ROUNDS", 3)),
  warmupVoters: Math.round(envNumber("BENCH_WARMUP_VOTERS", 100)),
  /** Every ballot of a round must be answered within this, or the round fails. */
  roundTimeoutMs: envNumber("BENCH_ROUND_TIMEOUT_S", 60) * 1000,
  /** The server's own pool (db/client.ts): the reference INSERTs get as many connections. */
  poolSize: Math.round(envNumber("BENCH_POOL", 10)),
  adminUrl: process.env.BENCH_ADMIN_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test",
  profileDir: process.env.BENCH_PROFILE_DIR ? path.resolve(process.env.BENCH_PROFILE_DIR) : "",
};

const OPTIONS = [
  { title: "Reading tutors", cost: 40000 },
  { title: "Bus route", cost: 30000 },
  { title: "Counselor", cost: 50000 },
  { title: "Family liaison", cost: 20000 },
  { title: "Lab equipment", cost: 25000 },
  { title: "After-school meals", cost: 15000 },
  { title: "Teacher mentoring", cost: 35000 },
  { title: "Library books", cost: 10000 },
];
const BUDGET = 100_000;
const NOISY_SHARE = 0.25;

type Voter = { id: string; token: string };
type Sample = { voter: number; ms: number; status: number; receipt: string | null; choices: string[] };
type Round = {
  label: string;
  samples: Sample[];
  wallMs: number;
  /** CPU seconds in the round: the server process (null for the reference), Postgres backends, this process. */
  serverCpuS: number | null;
  postgresCpuS: number;
  benchCpuS: number;
  otherCpuS: number;
  check: string;
  ok: boolean;
};

/** Deterministic choices per voter and round (mulberry32): options in a random order, kept while they fit the budget. */
function choicesFor(voter: number, round: number): string[] {
  let a = voter * 7919 + round * 104_729 + 1;
  const rand = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = OPTIONS.map((_, i) => i).sort(() => rand() - 0.5);
  const picked: string[] = [];
  let spent = 0;
  for (const i of order) {
    if (picked.length === 4 || spent + OPTIONS[i]!.cost > BUDGET) continue;
    spent += OPTIONS[i]!.cost;
    picked.push(`P${i + 1}`);
  }
  return picked;
}

/** As the server makes them (app/models/polls.server.ts): 10 characters from 50 random bits. */
function receipt(): string {
  const code = encodeBase32UpperCaseNoPadding(crypto.getRandomValues(new Uint8Array(7))).slice(0, 10);
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

async function api<T>(server: BenchServer, token: string, method: string, p: string, body: unknown, status: number) {
  const res = await fetch(`${server.httpUrl}/api/v1${p}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status !== status)
    throw new Error(`${method} ${p}: expected ${status}, got ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

/** A new budget poll, opened: each round votes in one of its own. */
async function openPoll(server: BenchServer, owner: string, workspace: string, title: string): Promise<string> {
  const poll = await api<{ id: string }>(
    server,
    owner,
    "POST",
    `/workspaces/${workspace}/polls`,
    { title, budget: BUDGET, ballot: { type: "budget" }, options: OPTIONS },
    201,
  );
  await api(server, owner, "PATCH", `/polls/${poll.id}`, { state: "open" }, 200);
  return poll.id;
}

/**
 * The members, straight into the database (500 sign-ups would spend minutes hashing passwords):
 * accounts, memberships as viewers spread over the stakeholder groups, and a personal API token
 * each, marked used a moment ago as a member's token is while they browse (the server then skips
 * its once-a-minute "last used" write, as it does for everyone after their first request).
 */
async function insertMembers(sql: Sql, workspace: string, count: number): Promise<Voter[]> {
  const [ws] = await sql<{ id: string }[]>`select id from workspaces where slug = ${workspace}`;
  if (!ws) throw new Error(`no workspace ${workspace}`);
  const run = Date.now().toString(36);
  const people = Array.from({ length: count }, (_, i) => ({
    email: `voter${i}.${run}@bench.example`,
    name: `Voter ${i + 1}`,
  }));
  // Three statements, no transaction: the scratch database is dropped after the run anyway.
  const rows = await sql<{ id: string; email: string }[]>`insert into users ${sql(people)} returning id, email`;
  const idOf = new Map(rows.map((r) => [r.email, r.id]));
  const ids = people.map((p) => idOf.get(p.email)!);
  await sql`insert into workspace_memberships ${sql(
    ids.map((userId, i) => ({
      workspace_id: ws.id,
      user_id: userId,
      role: "viewer",
      stakeholder_group: stakeholderGroups[i % stakeholderGroups.length]!,
    })),
  )}`;
  const tokens = ids.map(() => generateApiToken());
  await sql`insert into api_tokens ${sql(
    ids.map((userId, i) => ({
      user_id: userId,
      name: "voting bench",
      token_hash: hashToken(tokens[i]!),
      prefix: tokens[i]!.slice(0, 10),
      last_used_at: new Date(),
    })),
  )}`;
  return ids.map((id, i) => ({ id, token: tokens[i]! }));
}

/** CPU figures around one burst: the server's, the bench database's backends', this process's, everyone else's. */
function cpuWindow(serverPid: number | null, dbName: string) {
  const server0 = serverPid === null ? 0 : (cpuSeconds(serverPid) ?? 0);
  const pg0 = cpuByName("postgres", ` ${dbName} `);
  const self0 = process.cpuUsage();
  const machine0 = machineBusySeconds();
  return () => {
    const serverCpuS = serverPid === null ? null : (cpuSeconds(serverPid) ?? server0) - server0;
    const postgresCpuS = cpuDelta(pg0, cpuByName("postgres", ` ${dbName} `));
    const self = process.cpuUsage(self0);
    const benchCpuS = (self.user + self.system) / 1e6;
    const otherCpuS = Math.max(0, machineBusySeconds() - machine0 - (serverCpuS ?? 0) - postgresCpuS - benchCpuS);
    return { serverCpuS, postgresCpuS, benchCpuS, otherCpuS };
  };
}

/** Every voter PUTs a ballot at once over HTTP; resolves when all have answered (or the round's time is up). */
async function ballotBurst(server: BenchServer, pollId: string, voters: Voter[], round: number): Promise<Sample[]> {
  const signal = AbortSignal.timeout(config.roundTimeoutMs);
  const one = async (voter: Voter, i: number): Promise<Sample> => {
    const choices = choicesFor(i, round);
    const started = performance.now();
    try {
      const res = await fetch(`${server.httpUrl}/api/v1/polls/${pollId}/ballot`, {
        method: "PUT",
        headers: { Authorization: `Bearer ${voter.token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ choices, clientToken: `bench-${round}-${i}` }),
        signal,
      });
      const body = (await res.json()) as { receipt?: string };
      return { voter: i, ms: performance.now() - started, status: res.status, receipt: body.receipt ?? null, choices };
    } catch {
      return { voter: i, ms: performance.now() - started, status: 0, receipt: null, choices };
    }
  };
  return Promise.all(voters.map(one));
}

/** The reference: the same row castBallot stores, one bare INSERT per voter, all at once on a pool of the server's size. */
async function insertBurst(sql: Sql, pollId: string, voters: Voter[], round: number): Promise<Sample[]> {
  const one = async (voter: Voter, i: number): Promise<Sample> => {
    const choices = choicesFor(i, round);
    const stored = sql.json(choices.map((code) => ({ code })));
    const r = receipt();
    const started = performance.now();
    try {
      await sql`insert into ballots (poll_id, voter_id, choices, receipt, client_token, stakeholder_group, school_id)
        values (${pollId}, ${voter.id}, ${stored}, ${r}, ${`bench-${round}-${i}`},
                ${stakeholderGroups[i % stakeholderGroups.length]!}, null)`;
      return { voter: i, ms: performance.now() - started, status: 200, receipt: r, choices };
    } catch {
      return { voter: i, ms: performance.now() - started, status: 0, receipt: null, choices };
    }
  };
  return Promise.all(voters.map(one));
}

/** 0 lost, 0 duplicated: every 200 has its row (same receipt, same choices), and no voter or receipt twice. */
async function checkStored(sql: Sql, pollId: string, voters: Voter[], samples: Sample[]) {
  const rows = await sql<{ voter_id: string; receipt: string; choices: { code: string }[] }[]>`
    select voter_id, receipt, choices from ballots where poll_id = ${pollId}`;
  const byVoter = new Map(rows.map((r) => [r.voter_id, r]));
  const accepted = samples.filter((s) => s.status === 200);
  let lost = 0;
  let wrong = 0;
  for (const s of accepted) {
    const row = byVoter.get(voters[s.voter]!.id);
    if (!row) lost++;
    else if (row.receipt !== s.receipt || row.choices.map((c) => c.code).join() !== s.choices.join()) wrong++;
  }
  const duplicated = rows.length - byVoter.size + (rows.length - new Set(rows.map((r) => r.receipt)).size);
  const refused = samples.length - accepted.length;
  const ok = lost === 0 && wrong === 0 && duplicated === 0 && refused === 0 && rows.length === voters.length;
  return {
    ok,
    rows: rows.length,
    line: `${rows.length} rows for ${accepted.length} × 200 (${refused} not 200); lost ${lost}, duplicated ${duplicated}, different ${wrong}`,
  };
}

const fmt = (n: number | null, digits = 1) => (n !== null && Number.isFinite(n) ? n.toFixed(digits) : "–");

function summary(samples: Sample[], wallMs: number) {
  const ms = Float64Array.from(samples.map((s) => s.ms)).sort();
  return {
    p50: percentile(ms, 0.5),
    p99: percentile(ms, 0.99),
    max: ms[ms.length - 1] ?? NaN,
    perSecond: (samples.filter((s) => s.status === 200).length * 1000) / wallMs,
  };
}

function table(rounds: Round[]): string {
  const head = [
    "",
    "ok",
    "p50 ms",
    "p99 ms",
    "max ms",
    "ballots/s",
    "server CPU s",
    "Postgres CPU s",
    "client CPU s",
    "other CPU s",
  ];
  const body = rounds.map((r) => {
    const s = summary(r.samples, r.wallMs);
    return [
      r.label,
      `${r.samples.filter((x) => x.status === 200).length}/${r.samples.length}`,
      fmt(s.p50),
      fmt(s.p99),
      fmt(s.max),
      fmt(s.perSecond, 0),
      fmt(r.serverCpuS, 2),
      fmt(r.postgresCpuS, 2),
      fmt(r.benchCpuS, 2),
      fmt(r.otherCpuS, 2),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}

async function main() {
  if (!existsSync(path.join(root, "build/server/index.js"))) {
    throw new Error("no production build: run `npm run build` (npm run bench:voting:server does it for you)");
  }
  const started = Date.now();
  console.log(
    `Voting bench, part 2: ${config.voters} members submit a ballot at the same moment to the production server ` +
      `(Postgres), ${config.rounds} rounds, each against a bare INSERT of the same rows through postgres.js on ` +
      `${config.poolSize} connections (the server's pool). ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}.`,
  );
  const db = await scratchDatabase(config.adminUrl);
  let server: BenchServer | null = null;
  const sql = postgres(db.url, { max: config.poolSize, onnotice: () => {} });
  const cleanup = async () => {
    server?.process.kill("SIGKILL");
    await sql.end({ timeout: 5 }).catch(() => {});
    await db.drop().catch((err) => console.error(`could not drop the scratch database: ${err}`));
  };
  process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));
  try {
    server = await startProductionServer(db.url, {
      nodeArgs: config.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.join(config.profileDir, "server")}`] : [],
    });
    const running = server;
    try {
      process.stdout.write(`setting up ${config.voters} members … `);
      const setupStart = Date.now();
      // The owner signs up through the app and makes the district and workspace through the API.
      const created = await setUpWorkspace(running.httpUrl, { users: 1, plans: 0 });
      const owner = created.tokens[0]!;
      const voters = await insertMembers(sql, created.workspace, config.voters);
      // A member's token works through the app as any other (the poll list is for members only).
      await api(
        running,
        voters[voters.length - 1]!.token,
        "GET",
        `/workspaces/${created.workspace}/polls`,
        undefined,
        200,
      );
      process.stdout.write(`done in ${((Date.now() - setupStart) / 1000).toFixed(1)} s\n`);

      // Warm-up (not counted): both paths once, so neither pays for cold code or empty caches.
      const warm = voters.slice(0, config.warmupVoters);
      await ballotBurst(running, await openPoll(running, owner, created.workspace, "Warm-up"), warm, 0);
      await insertBurst(sql, await openPoll(running, owner, created.workspace, "Warm-up reference"), warm, 0);

      const rounds: Round[] = [];
      for (let r = 1; r <= config.rounds; r++) {
        // Alternating which goes first, so load from elsewhere falls on both alike.
        const order = r % 2 ? (["server", "insert"] as const) : (["insert", "server"] as const);
        for (const kind of order) {
          const pollId = await openPoll(running, owner, created.workspace, `Round ${r} (${kind})`);
          process.stdout.write(`round ${r}: ${kind === "server" ? "PUT ballot" : "bare INSERT"} … `);
          const cpu = cpuWindow(kind === "server" ? running.pid : null, db.name);
          const t0 = performance.now();
          const samples =
            kind === "server"
              ? await ballotBurst(running, pollId, voters, r)
              : await insertBurst(sql, pollId, voters, r);
          const wallMs = performance.now() - t0;
          const figures = cpu();
          const check = await checkStored(sql, pollId, voters, samples);
          let ok = check.ok;
          let line = check.line;
          if (kind === "server") {
            // The count the results page and API give must be every stored ballot.
            const results = await api<{ ballots: number }>(
              running,
              owner,
              "GET",
              `/polls/${pollId}/results?rule=votes`,
              undefined,
              200,
            );
            line += `; results count ${results.ballots}`;
            ok &&= results.ballots === check.rows;
          }
          process.stdout.write(`${ok ? "ok" : "FAILED"}\n`);
          rounds.push({
            label: `${kind === "server" ? "PUT ballot (server)" : "bare INSERT (postgres.js)"} #${r}`,
            samples,
            wallMs,
            ...figures,
            check: line,
            ok,
          });
        }
      }

      console.log(`\n${table(rounds)}\n`);
      const cores = os.cpus().length;
      let noisy = 0;
      for (const r of rounds) {
        // Other processes' share of the machine during the round: above a quarter, the figures mostly show them.
        const other = r.otherCpuS / ((r.wallMs / 1000) * cores);
        if (other > NOISY_SHARE) noisy++;
        console.log(
          `${r.label}: ${r.check}; ${fmt(r.wallMs, 0)} ms from the first send to the last answer; ` +
            `other processes ${fmt(other * 100, 0)}% of the machine${other > NOISY_SHARE ? " (NOISY)" : ""}`,
        );
      }
      const pooled = (kind: string) => {
        const of = rounds.filter((r) => r.label.startsWith(kind));
        return summary(
          of.flatMap((r) => r.samples),
          of.reduce((n, r) => n + r.wallMs, 0),
        );
      };
      const ours = pooled("PUT ballot");
      const floor = pooled("bare INSERT");
      const serverRounds = rounds.filter((r) => r.label.startsWith("PUT ballot"));
      const cpuPerBallot =
        (serverRounds.reduce((n, r) => n + (r.serverCpuS ?? 0), 0) * 1000) /
        serverRounds.reduce((n, r) => n + r.samples.length, 0);
      console.log(
        `\nAll rounds: PUT ballot p50 ${fmt(ours.p50)} ms, p99 ${fmt(ours.p99)} ms, ${fmt(ours.perSecond, 0)} ballots/s` +
          ` (server CPU ${fmt(cpuPerBallot, 2)} ms per ballot); bare INSERT p50 ${fmt(floor.p50)} ms, p99 ${fmt(
            floor.p99,
          )} ms, ${fmt(floor.perSecond, 0)} rows/s.` +
          ` Ratio: p50 ×${fmt(ours.p50 / floor.p50, 1)}, p99 ×${fmt(ours.p99 / floor.p99, 1)}, throughput ${fmt(
            (ours.perSecond / floor.perSecond) * 100,
            0,
          )}% of the INSERT's.`,
      );
      const allOk = rounds.every((r) => r.ok);
      if (noisy)
        console.log(
          `${noisy} of ${rounds.length} rounds ran while other processes used more than ${NOISY_SHARE * 100}% of the ` +
            `machine: rerun on a quiet machine before comparing figures.`,
        );
      console.log(
        `Ballots: ${allOk ? "every 200 stored once, none lost, none duplicated" : "FAILED (see the lines above)"}. ` +
          `Run time ${((Date.now() - started) / 1000).toFixed(0)} s.`,
      );
      if (!allOk) process.exitCode = 1;
    } catch (error) {
      console.error(`\nserver output (last lines):\n${running.output().split("\n").slice(-30).join("\n")}`);
      throw error;
    } finally {
      await running.stop();
    }
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
