import { randomBytes } from "node:crypto";
import type { Logger } from "pino";

/** What crosses processes: a document update (already stored) or an awareness (presence) update. */
export type FanoutKind = "update" | "awareness";
export type FanoutHandler = (kind: FanoutKind, payload: Uint8Array) => void;

/** Carries a plan's live changes to the other server processes that have it open. */
export type Fanout = {
  /** Sends to every other process; resolves once sent. Failures are logged, not thrown. */
  publish(planId: string, kind: FanoutKind, payload: Uint8Array): Promise<void>;
  /** Resolves once messages for the plan are being received. */
  subscribe(planId: string, handler: FanoutHandler): Promise<void>;
  unsubscribe(planId: string, handler: FanoutHandler): void;
  /** Called once a lost subscription is back: anything sent meanwhile was missed. Returns a remover. */
  onReconnect(listener: () => void): () => void;
  close(): Promise<void>;
};

const KINDS: readonly FanoutKind[] = ["update", "awareness"];
const ID_BYTES = 16;

/**
 * A fan-out over Redis pub/sub: one channel per plan (`<prefix>:<planId>`), each
 * message `[kind byte][sender id][payload]`. Redis holds nothing durable here;
 * Postgres stays the source of truth.
 */
export async function createRedisFanout(options: {
  url: string;
  logger: Logger;
  /** Channel prefix; tests use their own to stay apart. */
  prefix?: string;
}): Promise<Fanout & { id: string }> {
  // Loaded only when Redis is configured: a single process never pays for it.
  const { Redis } = await import("ioredis");
  const { logger } = options;
  const prefix = options.prefix ?? "collab";
  const id = randomBytes(ID_BYTES);
  const name = (role: string) => `${prefix}-${role}-${id.toString("hex")}`;
  // A subscribed connection can send nothing but (un)subscribe commands, hence two.
  const pub = new Redis(options.url, { connectionName: name("pub") });
  const sub = new Redis(options.url, { connectionName: name("sub") });
  const channels = new Map<string, { handlers: Set<FanoutHandler>; ready: Promise<void> }>();
  const reconnectListeners = new Set<() => void>();
  const channelOf = (planId: string) => `${prefix}:${planId}`;
  let closing = false;

  for (const [role, conn] of [
    ["publisher", pub],
    ["subscriber", sub],
  ] as const) {
    // Without an "error" listener ioredis prints every failed reconnect attempt to the console.
    conn.on("error", (err: Error) => logger.warn({ msg: "redis error", role, err: err.message }));
    conn.on("close", () => {
      if (!closing)
        logger.warn({ msg: "redis connection lost, reconnecting; remote collaboration updates may be missed", role });
    });
  }

  let connectedBefore = false;
  sub.on("ready", () => {
    if (!connectedBefore) {
      connectedBefore = true;
      return;
    }
    // ioredis resubscribes right after emitting "ready"; a PING queued behind that
    // resubscription answers once it is in place, and only then is a resync complete.
    setImmediate(() => {
      sub.ping().then(
        () => {
          logger.warn({ msg: "redis subscription restored, reloading open plans from the database" });
          for (const listener of reconnectListeners) listener();
        },
        (err: Error) => logger.warn({ msg: "redis resubscription check failed", err: err.message }),
      );
    });
  });

  sub.on("messageBuffer", (channel: Buffer, message: Buffer) => {
    const entry = channels.get(channel.toString());
    if (!entry || message.length < 1 + ID_BYTES) return;
    // Our own messages come back to us too; their changes are already here.
    if (id.equals(message.subarray(1, 1 + ID_BYTES))) return;
    const kind = KINDS[message[0]!];
    if (!kind) return;
    const payload = new Uint8Array(message.buffer, message.byteOffset + 1 + ID_BYTES, message.length - 1 - ID_BYTES);
    for (const handler of [...entry.handlers]) {
      try {
        handler(kind, payload);
      } catch (err) {
        logger.warn({ msg: "fan-out handler failed", channel: channel.toString(), err: String(err) });
      }
    }
  });

  return {
    id: id.toString("hex"),
    async publish(planId, kind, payload) {
      const message = Buffer.concat([Buffer.of(KINDS.indexOf(kind)), id, payload]);
      try {
        await pub.publish(channelOf(planId), message);
      } catch (err) {
        logger.warn({ msg: "redis publish failed", planId, kind, err: String(err) });
      }
    },
    async subscribe(planId, handler) {
      const channel = channelOf(planId);
      let entry = channels.get(channel);
      if (!entry) {
        const created = { handlers: new Set<FanoutHandler>(), ready: sub.subscribe(channel).then(() => {}) };
        created.ready.catch(() => {
          if (channels.get(channel) === created) channels.delete(channel);
        });
        channels.set(channel, created);
        entry = created;
      }
      entry.handlers.add(handler);
      await entry.ready;
    },
    unsubscribe(planId, handler) {
      const channel = channelOf(planId);
      const entry = channels.get(channel);
      if (!entry || !entry.handlers.delete(handler) || entry.handlers.size > 0) return;
      channels.delete(channel);
      sub
        .unsubscribe(channel)
        .catch((err: Error) => logger.warn({ msg: "redis unsubscribe failed", planId, err: err.message }));
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    async close() {
      closing = true;
      channels.clear();
      reconnectListeners.clear();
      // QUIT would wait in the offline queue while Redis is unreachable.
      await Promise.all(
        [pub, sub].map((conn) =>
          conn.status === "ready"
            ? conn.quit().then(
                () => {},
                () => conn.disconnect(),
              )
            : conn.disconnect(),
        ),
      );
    },
  };
}
