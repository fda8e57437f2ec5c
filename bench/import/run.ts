// `npm run bench:import`: importing a generated data package of 2,000 schools × the full measure
// vocabulary, against the floor of parsing the same files with the project's own CSV reader, in the
// same run; then the funding and algebra-access metrics on the stored package. Every measurement runs
// in a fresh child process (bench/import/child.ts) so that its peak memory is its own.
// See bench/README.md.
import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { openDatabase } from "../../db/client";
import { districts, users } from "../../db/schema";
import { generatePackage } from "../../db/seed/data/generate-package";
import { machineBusySeconds } from "../shared/proc";
import type { ChildMessage, ChildResult, ChildTask, ImportRun, Mode, ParseRun, Percentiles } from "./protocol";

const here = path.dirname(fileURLToPath(import.meta.url));

// ── configuration ────────────────────────────────────────────────────────────

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

const config = {
  schools: envNumber("BENCH_SCHOOLS", 2000),
  seed: envNumber("BENCH_SEED", 7),
  repeats: envNumber("BENCH_REPEATS", 5),
  iterations: envNumber("BENCH_METRIC_ITERATIONS", 200),
  adminUrl: process.env.BENCH_ADMIN_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test",
  databaseUrl: process.env.BENCH_DATABASE_URL || "",
  pglite: process.env.BENCH_PGLITE !== "0",
  profileDir: process.env.BENCH_PROFILE_DIR ? path.resolve(process.env.BENCH_PROFILE_DIR) : "",
  strict: process.env.BENCH_STRICT === "1",
};

/** The targets: import wall time ≤ 3× the parse-only floor, peak memory ≤ 400 MB. */
const MAX_FLOOR_RATIO = 3;
const MAX_PEAK_MB = 400;
/** Past this share of the machine used by other processes, the figures are noisy. */
const OTHER_LOAD_NOISY = 0.25;
/** A child is killed past this; the metrics child gets 2 s more per timed call (calls take ~0.3 s each today). */
const CHILD_TIMEOUT_MS = 180_000;

const MEASURED: { mode: Mode; label: string }[] = [
  { mode: "idle", label: "idle child (baseline)" },
  { mode: "floor", label: "floor: decode + parseCsv" },
  { mode: "tokenizer", label: "decode + readCsv, empty handler" },
  { mode: "validate", label: "parseDataPackage only" },
  { mode: "import-postgres", label: "import → Postgres" },
  ...(config.pglite ? [{ mode: "import-pglite" as const, label: "import → PGlite (memory)" }] : []),
];

// ── children ─────────────────────────────────────────────────────────────────

const children = new Set<ChildProcess>();
let childrenCpuMs = 0;
/** CPU of the Postgres backends the children used (read by each child from /proc before closing its connection). */
let backendsCpuMs = 0;

function runChild(task: ChildTask, profileName: string): Promise<ChildResult> {
  const profileArgs = config.profileDir
    ? ["--cpu-prof", `--cpu-prof-dir=${path.join(config.profileDir, profileName)}`]
    : [];
  if (config.profileDir) mkdirSync(path.join(config.profileDir, profileName), { recursive: true });
  return new Promise((resolve, reject) => {
    const child = fork(path.join(here, "child.ts"), [JSON.stringify(task)], {
      execArgv: [...process.execArgv, ...(task.nodeArgs ?? []), ...profileArgs], // tsx's loader, when run through tsx
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    children.add(child);
    let message: ChildMessage | null = null;
    const timeoutMs = CHILD_TIMEOUT_MS + (task.mode === "metrics" ? 2 * 2000 * (task.iterations ?? 0) : 0);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("message", (m) => (message = m as ChildMessage));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      const m = message as ChildMessage | null;
      if (m?.ok) {
        childrenCpuMs += m.processCpuMs;
        if ("postgresCpuMs" in m.result && m.result.postgresCpuMs)
          backendsCpuMs += m.result.postgresCpuMs.wholeConnection;
        resolve(m.result);
      } else {
        const why = signal === "SIGKILL" && !m ? `killed after ${timeoutMs / 1000} s` : (signal ?? `exit ${code}`);
        reject(new Error(`${task.mode} child failed (${why}): ${m ? m.error : "no answer"}`));
      }
    });
  });
}

// ── setup ────────────────────────────────────────────────────────────────────

async function scratchDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  if (config.databaseUrl) {
    return { url: config.databaseUrl, name: new URL(config.databaseUrl).pathname.slice(1), drop: async () => {} };
  }
  const name = `bench_import_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`;
  const admin = postgres(config.adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(config.adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const a = postgres(config.adminUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`);
      await a.end();
    },
  };
}

/** Migrates the database and creates the district and the user the imported versions belong to. */
async function prepareDatabase(url: string): Promise<{ districtId: string; userId: string }> {
  const handle = await openDatabase({ url, maxConnections: 1 });
  try {
    await handle.migrate();
    const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
    const [user] = await handle.db
      .insert(users)
      .values({ email: `import-bench-${suffix}@bench.example`, name: "Import bench" })
      .returning({ id: users.id });
    const [district] = await handle.db
      .insert(districts)
      .values({ slug: `import-bench-${suffix}`, name: "Import bench district" })
      .returning({ id: districts.id });
    return { districtId: district!.id, userId: user!.id };
  } finally {
    await handle.close();
  }
}

// ── figures ──────────────────────────────────────────────────────────────────

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

type Row = {
  mode: Mode;
  label: string;
  results: ChildResult[];
};

type Timed = { first: ParseRun | ImportRun; second: ParseRun | ImportRun };
const timed = (r: ChildResult): Timed | null => ("first" in r ? { first: r.first, second: r.second } : null);

function summarize(row: Row) {
  const runs = row.results.map(timed).filter((t): t is Timed => t !== null);
  return {
    runs: row.results.length,
    wall: runs.length ? runs.map((t) => t.first.wallMs) : [],
    warm: runs.length ? runs.map((t) => t.second.wallMs) : [],
    cpu: runs.length ? runs.map((t) => t.first.cpuMs) : [],
    peakMB: Math.max(...row.results.map((r) => r.memory.peakMB)),
    beforeMB: median(row.results.map((r) => r.memory.beforeMB)),
    /** The largest rise of the peak over the RSS just before the measured work. */
    peakAboveMB: Math.max(...row.results.map((r) => r.memory.peakMB - r.memory.beforeMB)),
  };
}

function table(header: string[], rows: string[][], leftColumns = 1): string {
  const cells = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...cells.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    "| " +
    row.map((cell, c) => (c < leftColumns ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(" | ") +
    " |";
  const rule =
    "|" + widths.map((w, c) => (c < leftColumns ? ":" + "-".repeat(w + 1) : "-".repeat(w + 1) + ":")).join("|") + "|";
  return [line(header), rule, ...rows.map(line)].join("\n");
}

const f0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : "–");
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "–");
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "–");
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);

// ── main ─────────────────────────────────────────────────────────────────────

async function main() {
  const cpus = os.cpus();
  const loadBefore = os.loadavg();
  console.log(
    `Import bench: generatePackage({ schools: ${config.schools}, seed: ${config.seed} }); ${config.repeats} fresh processes per measurement; ` +
      `${cpus.length} CPUs (${cpus[0]?.model.trim()}); Node ${process.version}; load average ${loadBefore
        .map(f2)
        .join(" ")}`,
  );

  // The package, written once: every child reads the same bytes.
  const tGen = performance.now();
  const pkg = generatePackage({ schools: config.schools, seed: config.seed });
  const genMs = performance.now() - tGen;
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-import-"));
  writeFileSync(path.join(dir, "schools.csv"), pkg.schools);
  writeFileSync(path.join(dir, "measures.csv"), pkg.measures);
  const bytes = {
    schools: statSync(path.join(dir, "schools.csv")).size,
    measures: statSync(path.join(dir, "measures.csv")).size,
  };

  const db = await scratchDatabase();
  const cleanup = async () => {
    for (const c of children) c.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    await db.drop().catch((err) => console.error(`could not drop the scratch database: ${err}`));
  };
  process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));

  try {
    const owner = await prepareDatabase(db.url);
    const task = (mode: Mode): ChildTask => ({
      mode,
      dir,
      databaseUrl: db.url,
      ...owner,
      iterations: config.iterations,
    });

    const machineBefore = machineBusySeconds();
    const parentCpuBefore = process.cpuUsage();
    const wallBefore = performance.now();

    // Round-robin over the measurements, so that a burst of load elsewhere hits them all alike.
    const rows: Row[] = MEASURED.map((m) => ({ ...m, results: [] }));
    for (let rep = 1; rep <= config.repeats; rep++) {
      process.stdout.write(`run ${rep}/${config.repeats}: `);
      for (const row of rows) {
        row.results.push(await runChild(task(row.mode), `${row.mode}-${rep}`));
        process.stdout.write(`${row.mode} `);
      }
      process.stdout.write("\n");
    }
    process.stdout.write(`metrics: ${config.iterations} calls each … `);
    const metrics = await runChild({ ...task("metrics"), nodeArgs: ["--expose-gc"] }, "metrics");
    process.stdout.write("done\n");
    if (metrics.mode !== "metrics") throw new Error("unexpected answer from the metrics child");

    const windowS = (performance.now() - wallBefore) / 1000;
    const parentCpu = process.cpuUsage(parentCpuBefore);
    const pgCpuS = backendsCpuMs / 1000;
    const machineS = machineBusySeconds() - machineBefore;
    const ownS = childrenCpuMs / 1000 + (parentCpu.user + parentCpu.system) / 1e6 + pgCpuS;
    const otherS = Math.max(0, machineS - ownS);
    const otherShare = otherS / (windowS * cpus.length);

    // ── the package ──
    const floorRow = rows.find((r) => r.mode === "floor")!;
    const floorRuns = floorRow.results
      .map((r) => (r.mode === "floor" ? r.first : null))
      .filter((r): r is ParseRun => r !== null);
    const records = floorRuns[0]?.records ?? NaN;
    const importRows = rows.filter((r) => r.mode.startsWith("import-"));
    const stored = importRows
      .flatMap((r) => r.results.map((x) => ("stored" in x ? x.stored : null)))
      .filter((x) => x !== null);
    const measureRows = metrics.metrics.rows.measures;
    const schoolRows = metrics.metrics.rows.schools;
    console.log(
      `\nPackage: ${schoolRows.toLocaleString("en-US")} schools, ${measureRows.toLocaleString("en-US")} measure rows ` +
        `(schools.csv ${mb(bytes.schools)} MB, measures.csv ${mb(bytes.measures)} MB; generated in ${f0(genMs)} ms). ` +
        `The floor read ${records.toLocaleString("en-US")} data records; every import stored ` +
        (stored.every((s) => s.schools === schoolRows && s.measures === measureRows)
          ? `${schoolRows} schools and ${measureRows.toLocaleString("en-US")} measures`
          : "DIFFERENT COUNTS: " + JSON.stringify(stored)) +
        ` (stored version: ${mb(stored[0]?.bytes ?? NaN)} MB of gzipped JSON).`,
    );

    // ── import table ──
    const floor = summarize(floorRow);
    const floorMs = median(floor.wall);
    const floorWarmMs = median(floor.warm);
    const header = [
      "measurement",
      "median ms",
      "× floor",
      "min–max ms",
      "CPU ms",
      "2nd run ms",
      "× floor (2nd)",
      "peak RSS MB",
      "RSS before MB",
      "peak − before MB",
    ];
    const body = rows.map((row) => {
      const s = summarize(row);
      if (!s.wall.length) return [row.label, "–", "–", "–", "–", "–", "–", f0(s.peakMB), f0(s.beforeMB), "–"];
      const m = median(s.wall);
      const w = median(s.warm);
      return [
        row.label,
        f0(m),
        `${f2(m / floorMs)}×`,
        `${f0(Math.min(...s.wall))}–${f0(Math.max(...s.wall))}`,
        f0(median(s.cpu)),
        f0(w),
        `${f2(w / floorWarmMs)}×`,
        f0(s.peakMB),
        f0(s.beforeMB),
        f0(s.peakAboveMB),
      ];
    });
    console.log("\n" + table(header, body));
    console.log(
      `  median over ${config.repeats} fresh processes of the first (cold) run; peak RSS is the highest VmHWM of those ` +
        `processes right after that run (whole process: Node + tsx + modules + input files${
          config.pglite ? "; for PGlite the embedded database too" : ""
        }). ` +
        `"2nd run" repeats the same work in the same process (JIT warm, heap already grown). CPU ms is the process's user+system ` +
        `CPU during the first run, V8's parallel GC threads included (so it can exceed the wall time). Not measured here: ` +
        `reading the multipart upload (the API route does it before parseDataPackage).`,
    );
    for (const row of importRows) {
      const runs = row.results.filter((r): r is Extract<ChildResult, { first: ImportRun }> => "stored" in r);
      const pg = runs.map((r) => r.postgresCpuMs?.firstImport).filter((x): x is number => x !== undefined);
      console.log(
        `  ${row.label}: parseDataPackage ${f0(
          median(runs.map((r) => r.first.parseMs)),
        )} ms + createDataVersion/recordAudit ` +
          `${f0(median(runs.map((r) => r.first.storeMs)))} ms (medians, first run); 2nd run ${f0(
            median(runs.map((r) => r.second.parseMs)),
          )} + ` +
          `${f0(median(runs.map((r) => r.second.storeMs)))} ms` +
          (pg.length ? `; Postgres backend CPU ${f0(median(pg))} ms per import (not in the CPU column)` : ""),
      );
    }
    const tokenizerRow = rows.find((r) => r.mode === "tokenizer");
    if (floorRuns.length) {
      console.log(
        `  floor detail: TextDecoder on both files ${f1(median(floorRuns.map((r) => r.decodeMs)))} ms of it` +
          (tokenizerRow
            ? `; the bare tokenizer (readCsv, nothing kept) ${f0(median(summarize(tokenizerRow).wall))} ms`
            : ""),
      );
    }

    // ── metrics table ──
    const mt = metrics.metrics;
    const pct = (p: Percentiles) => [f2(p.p50), f2(p.p99), f2(p.mean)];
    console.log(
      `\nMetrics on the stored package (one process, Postgres, ${mt.iterations} calls each): ` +
        `cold loadDataVersion (read + gunzip + JSON.parse + columns to rows) ${f0(mt.coldLoadMs)} ms; the decoded package holds ${f0(
          mt.retainedMB,
        )} MB of heap ` +
        `in the version cache; process peak RSS ${f0(mt.peakAfterLoadMB)} MB after the load, ${f0(
          metrics.memory.peakMB,
        )} MB after the metrics\n`,
    );
    console.log(
      table(
        ["per request", "p50 ms", "p99 ms", "mean ms"],
        [
          ["loadDataVersion(latest), cached: 1 query + cache hit", ...pct(mt.lookup)],
          ["fundingByQuartile", ...pct(mt.funding)],
          ["algebraAccess(white, latinx)", ...pct(mt.algebra)],
          ["≈ funding request (lookup p50 + metric p50)", f2(mt.lookup.p50 + mt.funding.p50), "", ""],
          ["≈ algebra-access request (lookup p50 + metric p50)", f2(mt.lookup.p50 + mt.algebra.p50), "", ""],
        ],
      ),
    );
    console.log(
      `  (results: funding ratio Q4/Q1 ${mt.sample.ratioQ4toQ1?.toFixed(4) ?? "n/a"}, white − latinx Algebra 1 gap ${
        mt.sample.algebraGap?.toFixed(4) ?? "n/a"
      }; ` + `the request estimates leave out HTTP, authentication and JSON encoding)`,
    );

    // ── load ──
    const loadAfter = os.loadavg();
    console.log(
      `\nMachine: ${f0(windowS)} s of measurements; bench processes ${f1(
        childrenCpuMs / 1000 + (parentCpu.user + parentCpu.system) / 1e6,
      )} CPU-s, ` +
        `Postgres backends ${f1(pgCpuS)} CPU-s, other processes ${f1(otherS)} CPU-s (${f0(
          otherShare * 100,
        )}% of the machine); ` +
        `load average ${loadBefore.map(f2).join(" ")} before, ${loadAfter.map(f2).join(" ")} after` +
        (otherShare > OTHER_LOAD_NOISY
          ? `\n⚠ other processes used ${f0(
              otherShare * 100,
            )}% of the machine: figures are noisy, rerun on a quiet machine`
          : ""),
    );

    // ── verdict ──
    console.log(`\nTargets (import ≤ ${MAX_FLOOR_RATIO}× the parse-only floor, peak ≤ ${MAX_PEAK_MB} MB):`);
    const mark = (b: boolean) => (b ? "within target" : "NOT within target");
    let coldOk = true;
    let warmOk = true;
    let memOkAll = true;
    for (const row of importRows) {
      const s = summarize(row);
      const ratio = median(s.wall) / floorMs;
      const warmRatio = median(s.warm) / floorWarmMs;
      const timeOk = ratio <= MAX_FLOOR_RATIO;
      const warmTimeOk = warmRatio <= MAX_FLOOR_RATIO;
      const memOk = s.peakMB <= MAX_PEAK_MB;
      if (row.mode === "import-postgres") {
        coldOk = timeOk;
        warmOk = warmTimeOk;
        memOkAll = memOk;
      }
      console.log(
        `${row.label}: fresh process ${f0(median(s.wall))} ms vs floor ${f0(floorMs)} ms = ${f2(ratio)}× → ${mark(
          timeOk,
        )}; ` +
          `2nd run in the process ${f0(median(s.warm))} ms vs ${f0(floorWarmMs)} ms = ${f2(warmRatio)}× → ${mark(
            warmTimeOk,
          )}; ` +
          `peak RSS ${f0(s.peakMB)} MB → ${mark(memOk)}` +
          (row.mode === "import-pglite" ? " (embedded database in the same process; informative only)" : ""),
      );
    }
    const allOk = coldOk && warmOk && memOkAll;
    console.log(
      `⇒ Postgres import (the production path): time ${
        coldOk && warmOk
          ? "WITHIN TARGET"
          : coldOk
            ? "WITHIN TARGET in a fresh process, NOT with warm code"
            : warmOk
              ? "WITHIN TARGET with warm code only"
              : "NOT WITHIN TARGET"
      }; ` +
        `memory ${memOkAll ? "WITHIN TARGET" : "NOT WITHIN TARGET"}` +
        (otherShare > OTHER_LOAD_NOISY ? " (⚠ measured on a busy machine)" : ""),
    );
    if (config.profileDir) {
      console.log(
        `\nCPU profiles in ${config.profileDir} (one folder per child; *.001.cpuprofile is the main thread). Top costs with file:line: ` +
          `npx tsx bench/import/profile-lines.ts ${config.profileDir}/import-postgres-1/*.001.cpuprofile ${config.profileDir}/metrics/*.001.cpuprofile`,
      );
    }
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
