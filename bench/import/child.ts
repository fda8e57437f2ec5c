// One measurement of `npm run bench:import`, in a fresh process so that its peak memory (VmHWM) is its
// own. Forked by run.ts with one JSON argument (a ChildTask); answers with one ChildResult over IPC
// and exits. See bench/README.md.
import { readFileSync } from "node:fs";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { openDatabase, type Database, type DatabaseHandle } from "../../db/client";
import { districts, districtDataVersions, users } from "../../db/schema";
import { parseCsv, readCsv } from "../../app/domain/district-data/csv";
import { parseDataPackage } from "../../app/domain/district-data/parse";
import { createDataVersion, loadDataVersion } from "../../app/models/district-data.server";
import { recordAudit } from "../../app/models/audit.server";
import { algebraAccess, fundingByQuartile } from "../../app/domain/metrics";
import { cpuSeconds } from "../shared/proc";
import type { ChildResult, ChildTask, ImportRun, MemoryFigures } from "./protocol";

/** VmHWM (peak resident set of this process so far) and VmRSS, in MB, from /proc/self/status. */
function memory(): { peakMB: number; rssMB: number } {
  const status = readFileSync("/proc/self/status", "utf8");
  const kB = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)\\s+kB`, "m").exec(status)?.[1] ?? NaN);
  return { peakMB: kB("VmHWM") / 1024, rssMB: kB("VmRSS") / 1024 };
}

const ms = (from: number) => performance.now() - from;
const cpuMs = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};

/** The upload as the API route hands it to the importer: the raw bytes of each file. */
function readFiles(dir: string): { schools: Uint8Array; measures: Uint8Array } {
  const asBytes = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return {
    schools: asBytes(readFileSync(path.join(dir, "schools.csv"))),
    measures: asBytes(readFileSync(path.join(dir, "measures.csv"))),
  };
}

/** What createDataVersion needs to exist: a district and the importing user. */
async function seedOwner(db: Database): Promise<{ districtId: string; userId: string }> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
  const [user] = await db
    .insert(users)
    .values({ email: `import-bench-${suffix}@bench.example`, name: "Import bench" })
    .returning({ id: users.id });
  const [district] = await db
    .insert(districts)
    .values({ slug: `import-bench-${suffix}`, name: "Import bench district" })
    .returning({ id: districts.id });
  return { districtId: district!.id, userId: user!.id };
}

/**
 * Exactly what POST /api/v1/districts/:district/data does once the multipart body is read:
 * parseDataPackage (decode, parse, validate) → createDataVersion (JSON + gzip, one transaction) →
 * recordAudit. Returns the phase timings.
 */
async function importPackage(
  db: Database,
  files: { schools: Uint8Array; measures: Uint8Array },
  owner: { districtId: string; userId: string },
): Promise<ImportRun> {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const result = parseDataPackage(files);
  const parseMs = ms(t0);
  if (!result.ok) throw new Error(`the generated package was refused: ${JSON.stringify(result.errors.slice(0, 3))}`);
  const t1 = performance.now();
  const created = await createDataVersion(db, {
    districtId: owner.districtId,
    data: result.data,
    warnings: result.warnings,
    createdBy: owner.userId,
  });
  await recordAudit(db, {
    action: "district.data_imported",
    actorId: owner.userId,
    districtId: owner.districtId,
    data: { version: created.version },
  });
  const storeMs = ms(t1);
  return {
    wallMs: ms(t0),
    cpuMs: cpuMs(cpu),
    parseMs,
    storeMs,
    rows: { schools: created.schools, measures: created.measures },
    version: created.version,
  };
}

/** The Postgres backend serving this process's (single) connection, to read its CPU time from /proc. */
async function backendPid(db: Database): Promise<number> {
  const rows = (await db.execute(sql`select pg_backend_pid() as pid`)) as unknown as { pid: number }[];
  return Number(rows[0]!.pid);
}

/** Reads the stored row back: the counts and the compressed size, to check the import really landed. */
async function storedRow(db: Database, districtId: string, version: number) {
  const [row] = await db
    .select({
      schools: districtDataVersions.schoolCount,
      measures: districtDataVersions.measureCount,
      data: districtDataVersions.data,
    })
    .from(districtDataVersions)
    .where(and(eq(districtDataVersions.districtId, districtId), eq(districtDataVersions.version, version)));
  if (!row) throw new Error(`version ${version} was not stored`);
  return { schools: row.schools, measures: row.measures, bytes: row.data.byteLength };
}

function percentiles(samples: number[]): { p50: number; p99: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  return { p50: at(0.5), p99: at(0.99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

async function run(task: ChildTask): Promise<ChildResult> {
  const before = memory();
  const memoryAfter = (): MemoryFigures => ({ ...memory(), beforeMB: before.rssMB });

  switch (task.mode) {
    case "idle": {
      // Same modules loaded as the import children (tsx, the importer, drizzle, postgres.js), nothing run.
      return { mode: task.mode, memory: memoryAfter() };
    }

    case "floor":
    case "tokenizer": {
      // The floor: the same bytes decoded (as parseDataPackage does) and parsed with the project's CSV
      // reader, every record kept (parseCsv), no validation. "tokenizer": readCsv with an empty handler.
      const files = readFiles(task.dir);
      const atStart = memory();
      const runOnce = () => {
        const cpu = process.cpuUsage();
        const t0 = performance.now();
        const decoder = new TextDecoder("utf-8", { fatal: true });
        const schoolsText = decoder.decode(files.schools);
        const measuresText = decoder.decode(files.measures);
        const decodeMs = ms(t0);
        let records = 0;
        if (task.mode === "floor") {
          const s = parseCsv(schoolsText);
          const m = parseCsv(measuresText);
          if (s.errors.length || m.errors.length) throw new Error("CSV syntax errors in the generated package");
          records = s.records.length - 1 + m.records.length - 1;
        } else {
          const count = () => {
            records++;
          };
          readCsv(schoolsText, count, () => {});
          readCsv(measuresText, count, () => {});
          records -= 2; // headers
        }
        return { wallMs: ms(t0), cpuMs: cpuMs(cpu), decodeMs, records };
      };
      const first = runOnce();
      const memoryFirst = { ...memory(), beforeMB: atStart.rssMB };
      const second = runOnce();
      return { mode: task.mode, memory: memoryFirst, first, second };
    }

    case "validate": {
      // parseDataPackage alone (no database): where the import's CPU goes before storage.
      const files = readFiles(task.dir);
      const atStart = memory();
      const runOnce = () => {
        const cpu = process.cpuUsage();
        const t0 = performance.now();
        const result = parseDataPackage(files);
        if (!result.ok) throw new Error("the generated package was refused");
        return {
          wallMs: ms(t0),
          cpuMs: cpuMs(cpu),
          decodeMs: NaN,
          records: result.data.schools.length + result.data.measures.length,
        };
      };
      const first = runOnce();
      const memoryFirst = { ...memory(), beforeMB: atStart.rssMB };
      const second = runOnce();
      return { mode: task.mode, memory: memoryFirst, first, second };
    }

    case "import-postgres":
    case "import-pglite": {
      let handle: DatabaseHandle;
      let owner: { districtId: string; userId: string };
      if (task.mode === "import-postgres") {
        // One connection (the import is sequential anyway), so its backend's CPU can be read.
        handle = await openDatabase({ url: task.databaseUrl!, maxConnections: 1 });
        owner = { districtId: task.districtId!, userId: task.userId! };
      } else {
        handle = await openDatabase({ memory: true });
        await handle.migrate();
        owner = await seedOwner(handle.db);
      }
      try {
        if (!(await handle.ping())) throw new Error(`${handle.driver}: the database does not answer`);
        const backend = handle.driver === "postgres" ? await backendPid(handle.db) : null;
        const files = readFiles(task.dir);
        const atStart = memory();
        const backendBefore = backend === null ? null : cpuSeconds(backend);
        const first = await importPackage(handle.db, files, owner);
        const backendAfter = backend === null ? null : cpuSeconds(backend);
        const memoryFirst = { ...memory(), beforeMB: atStart.rssMB };
        const stored = await storedRow(handle.db, owner.districtId, first.version);
        const second = await importPackage(handle.db, files, owner);
        const backendEnd = backend === null ? null : cpuSeconds(backend);
        const postgresCpuMs =
          backendBefore === null || backendAfter === null || backendEnd === null
            ? null
            : { firstImport: (backendAfter - backendBefore) * 1000, wholeConnection: backendEnd * 1000 };
        return { mode: task.mode, memory: memoryFirst, first, second, stored, postgresCpuMs };
      } finally {
        await handle.close();
      }
    }

    case "metrics": {
      // What GET …/metrics/funding and …/metrics/algebra-access do after authentication: load the
      // version (loadDataVersion: the first call reads and decodes it, later ones hit the cache), compute.
      const gc = (globalThis as { gc?: () => void }).gc;
      const heapMB = () => {
        gc?.();
        return process.memoryUsage().heapUsed / 1024 / 1024;
      };
      const handle = await openDatabase({ url: task.databaseUrl!, maxConnections: 1 });
      try {
        if (!(await handle.ping())) throw new Error("postgres: the database does not answer");
        const districtId = task.districtId!;
        const heapBefore = heapMB();
        const t0 = performance.now();
        const cold = await loadDataVersion(handle.db, districtId, null);
        const coldLoadMs = ms(t0);
        if (!cold) throw new Error("no stored version to compute metrics on");
        const retainedMB = gc ? heapMB() - heapBefore : NaN;
        const afterLoad = memory();

        const iterations = task.iterations!;
        const time = async (f: () => unknown) => {
          const samples: number[] = [];
          for (let i = 0; i < iterations; i++) {
            const t = performance.now();
            await f();
            samples.push(ms(t));
          }
          return percentiles(samples);
        };
        const data = cold.data;
        // As every request does: the latest version number (one query), then the cached package.
        const lookup = await time(() => loadDataVersion(handle.db, districtId, null));
        const funding = await time(() => fundingByQuartile(data));
        const algebra = await time(() => algebraAccess(data, "white", "latinx"));
        const check = fundingByQuartile(data);
        const a = algebraAccess(data, "white", "latinx");
        return {
          mode: task.mode,
          memory: memoryAfter(),
          metrics: {
            rows: { schools: data.schools.length, measures: data.measures.length },
            coldLoadMs,
            retainedMB,
            peakAfterLoadMB: afterLoad.peakMB,
            iterations,
            lookup,
            funding,
            algebra,
            sample: {
              ratioQ4toQ1: check.ratioQ4toQ1.kind === "value" ? check.ratioQ4toQ1.value : null,
              algebraGap: a.gap.kind === "value" ? a.gap.value : null,
            },
          },
        };
      } finally {
        await handle.close();
      }
    }
  }
}

const task = JSON.parse(process.argv[2] ?? "{}") as ChildTask;
run(task).then(
  (result) => {
    const total = process.cpuUsage();
    process.send!({ ok: true, result, processCpuMs: (total.user + total.system) / 1000 }, () => process.exit(0));
  },
  (error: unknown) => {
    process.send!({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () =>
      process.exit(1),
    );
  },
);
