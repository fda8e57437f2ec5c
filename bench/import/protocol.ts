// Messages between bench/import/run.ts and its measurement children (bench/import/child.ts).

export type Mode = "idle" | "floor" | "tokenizer" | "validate" | "import-postgres" | "import-pglite" | "metrics";

export type ChildTask = {
  mode: Mode;
  /** Folder holding schools.csv and measures.csv. */
  dir: string;
  /** Postgres modes: the scratch database and the district/user the versions belong to. */
  databaseUrl?: string;
  districtId?: string;
  userId?: string;
  /** metrics: timed calls per metric. */
  iterations?: number;
  /** Extra Node flags for this child (e.g. --expose-gc). */
  nodeArgs?: string[];
};

/** Memory of the child in MB: VmHWM (peak so far), VmRSS now, and VmRSS just before the measured work. */
export type MemoryFigures = { peakMB: number; rssMB: number; beforeMB: number };

export type ParseRun = { wallMs: number; cpuMs: number; decodeMs: number; records: number };

export type ImportRun = {
  wallMs: number;
  cpuMs: number;
  /** parseDataPackage: decode, parse, validate. */
  parseMs: number;
  /** createDataVersion (JSON + gzip, transaction) + recordAudit. */
  storeMs: number;
  rows: { schools: number; measures: number };
  version: number;
};

export type Percentiles = { p50: number; p99: number; mean: number };

export type MetricsFigures = {
  rows: { schools: number; measures: number };
  /** loadDataVersion's first call: query, gunzip, JSON.parse, columns to rows. */
  coldLoadMs: number;
  /** Heap held by the decoded (cached) package, measured with gc() around the load; NaN without --expose-gc. */
  retainedMB: number;
  /** VmHWM right after the cold load, before the metrics ran. */
  peakAfterLoadMB: number;
  iterations: number;
  /** loadDataVersion(latest) once cached: the per-request query for the latest version number + a cache hit. */
  lookup: Percentiles;
  funding: Percentiles;
  algebra: Percentiles;
  sample: { ratioQ4toQ1: number | null; algebraGap: number | null };
};

/**
 * `memory` is taken right after the first (measured) run, before the second one: its peakMB is the
 * process's peak for one import. `second` repeats the work in the same process (JIT warm) for context.
 */
export type ChildResult =
  | { mode: "idle"; memory: MemoryFigures }
  | { mode: "floor" | "tokenizer" | "validate"; memory: MemoryFigures; first: ParseRun; second: ParseRun }
  | {
      mode: "import-postgres" | "import-pglite";
      memory: MemoryFigures;
      first: ImportRun;
      second: ImportRun;
      stored: { schools: number; measures: number; bytes: number };
      /** Postgres only: CPU of the connection's backend during the first import, and over the whole connection. */
      postgresCpuMs: { firstImport: number; wholeConnection: number } | null;
    }
  | { mode: "metrics"; memory: MemoryFigures; metrics: MetricsFigures };

/** processCpuMs: user + system CPU of the whole child process (startup included), for the machine-load estimate. */
export type ChildMessage = { ok: true; result: ChildResult; processCpuMs: number } | { ok: false; error: string };
