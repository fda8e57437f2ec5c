import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { Logger } from "pino";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import type { Database } from "../../db/client";
import { isPlanId, touchPlan } from "../../app/models/plans.server";
import { authorizeCollab } from "./authorize";
import { CloseCode } from "./close-codes";
import { compactPlan, loadPlanState, storePlanUpdates } from "./persistence";
import { Room, type Connection } from "./room";

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
};

export type CollabServer = {
  handleUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void;
  /** Documents in memory, by plan id (for tests and metrics). */
  rooms: Map<string, Promise<Room>>;
  close(): Promise<void>;
};

const STATUS_TEXT: Record<number, string> = { 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 429: "Too Many Requests" };

/** The y-websocket protocol endpoint at /collab/<planId>, with authorization and Postgres persistence. */
export function createCollabServer(options: CollabServerOptions): CollabServer {
  const { db, logger } = options;
  const limits = { ...defaultCollabLimits, ...options.limits };
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxMessageBytes });
  const rooms = new Map<string, Promise<Room>>();
  const connectionsByUser = new Map<string, number>();
  const sockets = new Map<WebSocket, { conn: Connection; room: Room; recheck: () => Promise<void> }>();
  const sinceCompaction = new Map<string, number>();
  const compacting = new Map<string, Promise<void>>();

  const storage = {
    load: (planId: string) => loadPlanState(db, planId),
    async store(planId: string, updates: { update: Uint8Array; userId: string | null }[]) {
      await storePlanUpdates(db, planId, updates);
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
        broken.close(CloseCode.storageFailed, "storage failed");
      });
      room = created.load().then(() => created);
      room.catch(() => rooms.delete(planId));
      rooms.set(planId, room);
    }
    return room;
  }

  async function unloadLater(planId: string, room: Room) {
    setTimeout(async () => {
      await room.settled();
      if (!room.isIdle() || rooms.get(planId) === undefined) return;
      if ((await rooms.get(planId)) !== room) return;
      rooms.delete(planId);
      room.close();
      if ((sinceCompaction.get(planId) ?? 0) > 0) await compact(planId);
    }, options.unloadAfterMs ?? 30_000).unref();
  }

  function refuse(socket: Socket, status: number) {
    socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Error"}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  function attach(ws: WebSocket, req: IncomingMessage, room: Room, userId: string, canEdit: boolean) {
    const conn: Connection = { socket: ws, userId, canEdit, clientIds: new Set(), window: { start: Date.now(), count: 0 } };
    connectionsByUser.set(userId, (connectionsByUser.get(userId) ?? 0) + 1);
    const recheck = async () => {
      const decision = await authorizeCollab(db, req, room.planId, options.publicOrigin);
      if (!decision.ok) ws.close(CloseCode.accessRevoked, "access revoked");
      else if (decision.access.canEdit !== conn.canEdit) ws.close(CloseCode.reauthorize, "role changed");
    };
    sockets.set(ws, { conn, room, recheck });
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

  const reauthorizer = setInterval(() => {
    for (const { recheck } of sockets.values()) {
      recheck().catch((err) => logger.error({ msg: "re-authorization failed", err }));
    }
  }, options.reauthorizeEveryMs ?? 3_000);
  reauthorizer.unref();

  return {
    rooms,
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
      for (const ws of sockets.keys()) ws.close(CloseCode.goingAway, "server shutting down");
      const all = await Promise.allSettled(rooms.values());
      for (const r of all) if (r.status === "fulfilled") await r.value.settled();
      await Promise.allSettled(compacting.values());
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
