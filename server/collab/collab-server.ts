import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { Logger } from "pino";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Database } from "../../db/client";
import { isPlanId, touchPlan } from "../../app/models/plans.server";
import { authorizeCollab, recheckConnections } from "./authorize";
import { createAutoVersions } from "./auto-versions";
import { CloseCode } from "../../app/domain/collab-close-codes";
import { compactPlan, createUpdateWriter, loadPlanState } from "./persistence";
import type { Fanout, FanoutHandler } from "./redis-fanout";
import { Room, remoteOrigin, type Connection } from "./room";

export type CollabLimits = {
  maxMessageBytes: number;
  maxDocumentBytes: number;
  messagesPerSecond: number;
  connectionsPerUser: number;
};

export const defaultCollabLimits: CollabLimits = {
  maxMessageBytes: 2 * 1024 * 1024,
  maxDocumentBytes: 16 * 1024 * 1024,
  messagesPerSecond: 200,
  connectionsPerUser: 20,
};

export type CollabServerOptions = {
  db: Database;
  logger: Logger;
  publicOrigin: string | null;
  limits?: Partial<CollabLimits>;
  /** How often open connections are re-authorized (role changes, removals, sign-outs). */
  reauthorizeEveryMs?: number;
  /** How long an empty document stays in memory. */
  unloadAfterMs?: number;
  /** Stored updates that trigger a background compaction. */
  compactEvery?: number;
  /** Shares live changes with other server processes serving the same plans (Redis, with REDIS_URL). */
  fanout?: Fanout;
  /** At most one automatic version per this interval of editing (10 minutes). */
  autoVersionEveryMs?: number;
};

export type CollabServer = {
  handleUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void;
  /** Documents in memory, by plan id (for tests and metrics). */
  rooms: Map<string, Promise<Room>>;
  /**
   * Applies a change made on a member's behalf (a version restore) to the live
   * document: stored, then seen by everyone connected. Resolves once durable.
   */
  changePlan(planId: string, userId: string, change: (doc: Y.Doc) => void): Promise<void>;
  /** Re-checks every open connection now (see PlanChanges.rightsChanged). */
  rightsChanged(): void;
  close(): Promise<void>;
};

const STATUS_TEXT: Record<number, string> = {
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  429: "Too Many Requests",
};

/** The y-websocket protocol endpoint at /collab/<planId>, with authorization and Postgres persistence. */
export function createCollabServer(options: CollabServerOptions): CollabServer {
  const { db, logger } = options;
  const limits = { ...defaultCollabLimits, ...options.limits };
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  const rooms = new Map<string, Promise<Room>>();
  const connectionsByUser = new Map<string, number>();
  const sockets = new Map<WebSocket, { conn: Connection; room: Room; req: IncomingMessage }>();
  const sinceCompaction = new Map<string, number>();
  const compacting = new Map<string, Promise<void>>();
  const writer = createUpdateWriter(db);
  const versions = createAutoVersions({ db, logger, everyMs: options.autoVersionEveryMs ?? 10 * 60_000 });

  const storage = {
    load: (planId: string) => loadPlanState(db, planId),
    async store(planId: string, updates: { update: Uint8Array; userId: string | null }[]) {
      await writer.store(planId, updates);
      // Published only once stored, like the local relay: no process shows an edit the database lacks.
      void options.fanout?.publish(planId, "update", Y.mergeUpdates(updates.map((u) => u.update)));
      const editor = updates.findLast((u) => u.userId !== null)?.userId ?? null;
      versions.edited(planId, editor);
      const n = (sinceCompaction.get(planId) ?? 0) + updates.length;
      sinceCompaction.set(planId, n);
      if (n >= (options.compactEvery ?? 500)) void compact(planId);
    },
  };

  function compact(planId: string): Promise<void> {
    const running = compacting.get(planId);
    if (running) return running;
    sinceCompaction.set(planId, 0);
    const job = compactPlan(db, planId)
      .then(() => touchPlan(db, planId))
      .catch((err) => logger.error({ msg: "plan compaction failed", planId, err }))
      .finally(() => compacting.delete(planId));
    compacting.set(planId, job);
    return job;
  }

  function getRoom(planId: string): Promise<Room> {
    let room = rooms.get(planId);
    if (!room) {
      // Loaded once, even when several clients open the plan at the same moment.
      const created = new Room(planId, storage, limits, logger, (broken) => {
        rooms.delete(planId);
        unlink(broken);
        broken.close(CloseCode.storageFailed, "storage failed");
      });
      room = link(created)
        .then(() => created.load())
        .then(() => created);
      room.catch(() => {
        rooms.delete(planId);
        unlink(created);
      });
      rooms.set(planId, room);
    }
    return room;
  }

  // Each loaded room's subscription to other processes' changes (with a fan-out).
  const links = new Map<Room, FanoutHandler>();

  async function link(room: Room): Promise<void> {
    const { fanout } = options;
    if (!fanout) return;
    const handler: FanoutHandler = (kind, payload) => {
      try {
        room.applyRemote(kind, payload);
      } catch (err) {
        logger.warn({ msg: "malformed fan-out message", planId: room.planId, err: String(err) });
      }
    };
    links.set(room, handler);
    type Change = { added: number[]; updated: number[]; removed: number[] };
    room.awareness.on("update", ({ added, updated, removed }: Change, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      // Remote changes are everywhere already; a state timing out here times out in every process.
      if (origin === remoteOrigin || origin === "timeout" || changed.length === 0) return;
      void fanout.publish(room.planId, "awareness", awarenessProtocol.encodeAwarenessUpdate(room.awareness, changed));
    });
    // Subscribed before the load reads the database: an update another process stores after
    // that read is published after it too, so it reaches us (held by the room until loaded).
    await fanout.subscribe(room.planId, handler);
  }

  function unlink(room: Room) {
    const handler = links.get(room);
    if (!handler) return;
    links.delete(room);
    options.fanout?.unsubscribe(room.planId, handler);
  }

  // While the subscription was down, other processes' updates were missed: merge in the
  // stored state (idempotent) so local clients catch up instead of diverging until reconnect.
  const stopResync = options.fanout?.onReconnect(() => {
    for (const [planId, loading] of rooms) {
      void loading
        .then(async (room) => room.applyRemote("update", await loadPlanState(db, planId)))
        .catch((err) => logger.warn({ msg: "resync after fan-out reconnect failed", planId, err: String(err) }));
    }
  });

  async function unloadLater(planId: string, room: Room) {
    setTimeout(async () => {
      await room.settled();
      if (!room.isIdle() || rooms.get(planId) === undefined) return;
      if ((await rooms.get(planId)) !== room) return;
      rooms.delete(planId);
      unlink(room);
      room.close();
      if ((sinceCompaction.get(planId) ?? 0) > 0) await compact(planId);
    }, options.unloadAfterMs ?? 30_000).unref();
  }

  function refuse(socket: Socket, status: number) {
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Error"}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`
    );
  }

  function attach(ws: WebSocket, req: IncomingMessage, room: Room, userId: string, canEdit: boolean) {
    const conn: Connection = {
      socket: ws,
      userId,
      canEdit,
      clientIds: new Set(),
      window: { start: Date.now(), count: 0 },
    };
    connectionsByUser.set(userId, (connectionsByUser.get(userId) ?? 0) + 1);
    sockets.set(ws, { conn, room, req });
    let alive = true;
    ws.on("pong", () => (alive = true));
    const heartbeat = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, 30_000);
    heartbeat.unref();

    ws.on("message", (data: RawData, isBinary: boolean) => {
      try {
        if (!isBinary) throw new Error("text frame");
        room.receive(conn, toBytes(data));
      } catch (err) {
        logger.warn({ msg: "malformed collaboration message", planId: room.planId, err: String(err) });
        ws.close(CloseCode.malformed, "malformed message");
      }
    });
    ws.on("error", () => ws.terminate());
    ws.on("close", () => {
      clearInterval(heartbeat);
      sockets.delete(ws);
      connectionsByUser.set(userId, (connectionsByUser.get(userId) ?? 1) - 1);
      room.leave(conn);
      if (room.connections.size === 0) void unloadLater(room.planId, room);
    });
    room.join(conn);
  }

  // Role changes, removals and sign-outs reach open connections within one interval,
  // or at once when the app reports them (rightsChanged).
  let rechecking = false;
  let recheckAgain = false;
  async function recheckAll(): Promise<void> {
    if (rechecking) {
      // A check already running may have read the rights before this change: one more after it.
      recheckAgain = true;
      return;
    }
    if (sockets.size === 0) return;
    rechecking = true;
    try {
      const open = [...sockets.entries()];
      const decisions = await recheckConnections(
        db,
        open.map(([, s]) => ({ req: s.req, planId: s.room.planId }))
      );
      open.forEach(([ws, { conn }], i) => {
        const decision = decisions[i]!;
        if (!decision.ok) ws.close(CloseCode.accessRevoked, "access revoked");
        else if (decision.canEdit !== conn.canEdit) ws.close(CloseCode.reauthorize, "rights changed");
      });
    } finally {
      rechecking = false;
    }
    if (recheckAgain) {
      recheckAgain = false;
      await recheckAll();
    }
  }
  const recheckNow = () => void recheckAll().catch((err) => logger.error({ msg: "re-authorization failed", err }));
  const reauthorizer = setInterval(recheckNow, options.reauthorizeEveryMs ?? 3_000);
  reauthorizer.unref();

  return {
    rooms,
    rightsChanged: recheckNow,
    async changePlan(planId, userId, change) {
      const room = await getRoom(planId);
      await room.change(userId, change);
      if (room.connections.size === 0) void unloadLater(planId, room);
    },
    handleUpgrade(req, socket, head) {
      socket.on("error", () => socket.destroy());
      const pathname = new URL(req.url ?? "/", "http://x").pathname;
      const planId = decodeURIComponent(pathname.slice("/collab/".length));
      void (async () => {
        // Unknown plans and plans of other workspaces look the same: 404.
        if (!isPlanId(planId)) return refuse(socket, 404);
        const decision = await authorizeCollab(db, req, planId, options.publicOrigin);
        if (!decision.ok) return refuse(socket, decision.status);
        const { userId, canEdit } = decision.access;
        if ((connectionsByUser.get(userId) ?? 0) >= limits.connectionsPerUser) return refuse(socket, 429);
        const room = await getRoom(planId);
        wss.handleUpgrade(req, socket, head, (ws) => attach(ws, req, room, userId, canEdit));
      })().catch((err) => {
        logger.error({ msg: "collaboration upgrade failed", err });
        socket.destroy();
      });
    },
    async close() {
      clearInterval(reauthorizer);
      versions.close();
      for (const ws of sockets.keys()) ws.close(CloseCode.goingAway, "server shutting down");
      const all = await Promise.allSettled(rooms.values());
      for (const r of all) if (r.status === "fulfilled") await r.value.settled();
      await Promise.allSettled(compacting.values());
      stopResync?.();
      for (const room of [...links.keys()]) unlink(room);
      for (const r of all) if (r.status === "fulfilled") r.value.close();
      rooms.clear();
      wss.close();
    },
  };
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
