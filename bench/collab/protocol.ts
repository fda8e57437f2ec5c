// Messages between the bench orchestrator (run.ts) and its load-generator processes (generator.ts).

export type ClientSpec = {
  /** Global client number, embedded in every edit it makes. */
  id: number;
  /** Index of the plan (document) this client edits within the scenario. */
  plan: number;
  /** y-websocket server URL: the provider connects to `${serverUrl}/${room}`. */
  serverUrl: string;
  room: string;
  headers: Record<string, string>;
};

export type ToGenerator =
  | { type: "connect"; clients: ClientSpec[]; timeoutMs: number }
  /** Each client edits `rate` times a second from `startAt` (shared monotonic clock, ms) for `durationMs`. */
  | { type: "run"; rate: number; durationMs: number; startAt: number }
  | { type: "digest" }
  | { type: "results" }
  | { type: "close" };

export type ClientDigest = {
  id: number;
  plan: number;
  /** Base64 of the client's Yjs state vector. */
  stateVector: string;
  /** SHA-1 of the client's text. */
  contentHash: string;
  /** Edits (of any client) present in the client's document. */
  edits: number;
  connected: boolean;
};

export type FromGenerator =
  | { type: "ready" }
  | { type: "connected"; ms: number }
  | { type: "ran"; sent: { id: number; plan: number; count: number }[]; lastSentAt: number }
  | { type: "digest"; clients: ClientDigest[] }
  | {
      type: "results";
      /** Edit-to-arrival latencies in ms, one per (edit, receiving client). */
      latencies: Float64Array;
      /** Shared-clock time of the first send and the last arrival seen. */
      firstSentAt: number;
      lastArrivalAt: number;
      /** Event-loop utilization (0–1) of this generator during the run. */
      eventLoopUtilization: number;
      /** Connection drops seen during the run (should be 0). */
      disconnects: number;
    }
  | { type: "closed" }
  | { type: "error"; message: string };

/** The monotonic clock every process on this machine shares (CLOCK_MONOTONIC), in ms. */
export const sharedNow = (): number => Number(process.hrtime.bigint()) / 1e6;

/** One edit as text: `[client.seq@sentAt]`. */
export const editToken = (client: number, seq: number, sentAt: number) => `[${client}.${seq}@${sentAt.toFixed(3)}]`;
export const EDIT_PATTERN = /\[(\d+)\.(\d+)@(\d+\.\d+)\]/g;

/** The name of the shared Y.Text every client edits. */
export const TEXT_FIELD = "bench";
