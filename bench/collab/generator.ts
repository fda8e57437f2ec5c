// A load-generator process: runs many real y-websocket clients (WebsocketProvider + Y.Doc each),
// makes edits at a fixed rate and records edit-to-arrival latency when other clients' edits
// arrive in each document. Driven over IPC by run.ts.
import { createHash } from "node:crypto";
import { performance } from "node:perf_hooks";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import {
  EDIT_PATTERN,
  TEXT_FIELD,
  editToken,
  sharedNow,
  type ClientSpec,
  type FromGenerator,
  type ToGenerator,
} from "./protocol";

type Client = {
  spec: ClientSpec;
  doc: Y.Doc;
  text: Y.Text;
  provider: WebsocketProvider;
  sent: number;
  received: number;
};

process.setMaxListeners(0); // every provider adds an exit listener

const clients: Client[] = [];
let latencies: number[] = [];
let firstSentAt = Infinity;
let lastSentAt = 0;
let lastArrivalAt = 0;
let running = false;
let disconnects = 0;
let eluStart: ReturnType<typeof performance.eventLoopUtilization> | null = null;
let eluRun = 0;

function send(message: FromGenerator) {
  process.send!(message);
}

/** A `ws` class that sends fixed headers (bearer token, Origin) with the upgrade, like tests/helpers/collab.ts. */
function socketWith(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
}

function connect(spec: ClientSpec): Client {
  const doc = new Y.Doc();
  const text = doc.getText(TEXT_FIELD);
  const provider = new WebsocketProvider(spec.serverUrl, spec.room, doc, {
    WebSocketPolyfill: socketWith(spec.headers) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
  });
  const client: Client = { spec, doc, text, provider, sent: 0, received: 0 };
  // New items of a remote transaction, read straight from the struct store between the
  // transaction's before/after state vectors: O(new items), unlike YTextEvent.delta which walks
  // the whole text and would make the generator cost grow with the document.
  doc.on("afterTransaction", (transaction: Y.Transaction) => {
    if (transaction.local) return;
    const now = sharedNow();
    for (const [id, after] of transaction.afterState) {
      const before = transaction.beforeState.get(id) ?? 0;
      if (after <= before) continue;
      const structs = doc.store.clients.get(id)!;
      for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
        const item = structs[i];
        if (!(item instanceof Y.Item) || !(item.content instanceof Y.ContentString)) continue;
        const str = item.id.clock < before ? item.content.str.slice(before - item.id.clock) : item.content.str;
        for (const m of str.matchAll(EDIT_PATTERN)) {
          latencies.push(now - Number(m[3]));
          client.received++;
          lastArrivalAt = now;
        }
      }
    }
  });
  provider.on("status", ({ status }: { status: string }) => {
    if (running && status === "disconnected") disconnects++;
  });
  return client;
}

async function connectAll(specs: ClientSpec[], timeoutMs: number) {
  const started = sharedNow();
  for (const spec of specs) clients.push(connect(spec));
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (clients.every((c) => c.provider.synced)) return resolve();
      if (sharedNow() - started > timeoutMs) {
        const waiting = clients.filter((c) => !c.provider.synced).length;
        return reject(new Error(`${waiting} of ${clients.length} clients did not sync within ${timeoutMs} ms`));
      }
      setTimeout(check, 20);
    };
    check();
  });
  send({ type: "connected", ms: sharedNow() - started });
}

function run(rate: number, durationMs: number, startAt: number) {
  const interval = 1000 / rate;
  latencies = [];
  firstSentAt = Infinity;
  lastArrivalAt = 0;
  disconnects = 0;
  running = true;
  let finished = 0;
  eluStart = performance.eventLoopUtilization();
  for (const client of clients) {
    // A random phase spreads the clients' edits evenly over each interval.
    const phase = Math.random() * interval;
    const tick = (n: number) => {
      const due = startAt + phase + n * interval;
      if (due - startAt >= durationMs) {
        if (++finished === clients.length) {
          send({
            type: "ran",
            sent: clients.map((c) => ({ id: c.spec.id, plan: c.spec.plan, count: c.sent })),
            lastSentAt,
          });
        }
        return;
      }
      setTimeout(
        () => {
          const now = sharedNow();
          client.sent++;
          client.text.insert(client.text.length, editToken(client.spec.id, client.sent, now));
          if (now < firstSentAt) firstSentAt = now;
          lastSentAt = now;
          tick(n + 1);
        },
        Math.max(0, due - sharedNow()),
      );
    };
    tick(0);
  }
}

function digest(): FromGenerator {
  return {
    type: "digest",
    clients: clients.map((c) => ({
      id: c.spec.id,
      plan: c.spec.plan,
      stateVector: Buffer.from(Y.encodeStateVector(c.doc)).toString("base64"),
      contentHash: createHash("sha1").update(c.text.toString()).digest("hex"),
      edits: c.sent + c.received,
      connected: c.provider.wsconnected,
    })),
  };
}

function results(): FromGenerator {
  running = false;
  eluRun = eluStart ? performance.eventLoopUtilization(eluStart).utilization : 0;
  return {
    type: "results",
    latencies: Float64Array.from(latencies),
    firstSentAt,
    lastArrivalAt,
    eventLoopUtilization: eluRun,
    disconnects,
  };
}

process.on("message", (message: ToGenerator) => {
  void (async () => {
    try {
      switch (message.type) {
        case "connect":
          await connectAll(message.clients, message.timeoutMs);
          break;
        case "run":
          run(message.rate, message.durationMs, message.startAt);
          break;
        case "digest":
          send(digest());
          break;
        case "results":
          send(results());
          break;
        case "close":
          running = false;
          for (const c of clients) {
            c.provider.destroy();
            c.doc.destroy();
          }
          process.send!({ type: "closed" } satisfies FromGenerator, () => process.exit(0));
          break;
      }
    } catch (err) {
      send({ type: "error", message: err instanceof Error ? err.message : String(err) });
    }
  })();
});

send({ type: "ready" });
