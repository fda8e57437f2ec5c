import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { Logger } from "pino";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import type { Database } from "../../db/client";
import type { EventBus } from "../../app/load-context";
import { isPlanId, touchPlan } from "../../app/models/plans.server";
import { authorizeCollab, recheckConnections, type CollabAccess } from "./authorize";
import { createAutoVersions } from "./auto-versions";
import { CloseCode } from "../../app/domain/collab-close-codes";
import { compactPlan, createUpdateWriter, loadPlanState } from "../../app/models/plan-storage.server";
import type { Fanout, FanoutHandler } from "./redis-fanout";
import { presenceUser } from "./presence";
import { Room, remoteOrigin, type Connection } from "./room";
import { refuseUpgrade } from "../refuse-upgrade";
import { decodeComponentOrNull, requestPath } from "../request-target";

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
  /** The server's events: rights changes reported on any process re-check this one's sockets. */
  events: Pick<EventBus, "publish" | "subscribe">;
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
  /** The plan's live document when it is open here, else its stored state. */
  planState(planId: string): Promise<Uint8Array>;
  /** Re-checks every open connection now, on every process (see PlanChanges.rightsChanged). */
  rightsChanged(): void;
  close(): Promise<void>;
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
      const created = new Room(planId, storage, limits, logger, (broken, code) => {
        if (rooms.get(planId) === room) rooms.delete(planId);
        unlink(broken);
        broken.close(code, code === CloseCode.storageFailed ? "storage failed" : "reload");
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

  async function unload(planId: string, room: Room) {
    await room.settled();
    const current = rooms.get(planId);
    if (!room.isIdle() || current === undefined) return;
    // A newer room for the plan may still be loading, or have failed to: either way not ours.
    if ((await current.catch(() => null)) !== room) return;
    rooms.delete(planId);
    unlink(room);
    room.close();
    if ((sinceCompaction.get(planId) ?? 0) > 0) await compact(planId);
  }

  function unloadLater(planId: string, room: Room) {
    setTimeout(() => {
      unload(planId, room).catch((err) => logger.error({ msg: "unloading a plan failed", planId, err }));
    }, options.unloadAfterMs ?? 30_000).unref();
  }

  function attach(ws: WebSocket, req: IncomingMessage, room: Room, access: CollabAccess) {
    const { userId, canEdit } = access;
    const conn: Connection = {
      socket: ws,
      userId,
      canEdit,
      user: presenceUser(userId, access.name),
      presenceId: null,
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
      if (isBinary) return room.handle(conn, toBytes(data));
      if (ws.readyState !== ws.OPEN) return;
      logger.warn({ msg: "malformed collaboration message", planId: room.planId, err: "text frame" });
      ws.close(CloseCode.malformed, "malformed message");
    });
    ws.on("error", () => ws.terminate());
    ws.on("close", () => {
      clearInterval(heartbeat);
      sockets.delete(ws);
      connectionsByUser.set(userId, (connectionsByUser.get(userId) ?? 1) - 1);
      room.leave(conn);
      if (room.connections.size === 0) unloadLater(room.planId, room);
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
        open.map(([, s]) => ({ req: s.req, planId: s.room.planId })),
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
  const stopHearingRights = options.events.subscribe("rights.changed", recheckNow);
  // Published to every process; this one re-checks at once, as part of publishing.
  const rightsChanged = () =>
    void options.events.publish({ type: "rights.changed" }).catch((err: unknown) => {
      logger.error({ msg: "announcing a rights change failed; other processes re-check at their interval", err });
    });

  return {
    rooms,
    rightsChanged,
    async planState(planId) {
      const room = rooms.get(planId);
      return room ? Y.encodeStateAsUpdate((await room).doc) : loadPlanState(db, planId);
    },
    async changePlan(planId, userId, change) {
      const room = await getRoom(planId);
      await room.change(userId, change);
      if (room.connections.size === 0) unloadLater(planId, room);
    },
    handleUpgrade(req, socket, head) {
      socket.on("error", () => socket.destroy());
      const pathname = requestPath(req.url);
      if (pathname === null) return refuseUpgrade(socket, 400);
      const planId = decodeComponentOrNull(pathname.slice("/collab/".length));
      void (async () => {
        // Unknown plans and plans of other workspaces look the same: 404.
        if (planId === null || !isPlanId(planId)) return refuseUpgrade(socket, 404);
        const decision = await authorizeCollab(db, req, planId, options.publicOrigin);
        if (!decision.ok) return refuseUpgrade(socket, decision.status);
        const { access } = decision;
        if ((connectionsByUser.get(access.userId) ?? 0) >= limits.connectionsPerUser) return refuseUpgrade(socket, 429);
        const room = await getRoom(planId);
        wss.handleUpgrade(req, socket, head, (ws) => attach(ws, req, room, access));
      })().catch((err) => {
        // Not the request's fault (authorization is total over its input): the database or a load failed.
        logger.error({ msg: "collaboration upgrade failed", err });
        refuseUpgrade(socket, 503);
      });
    },
    async close() {
      clearInterval(reauthorizer);
      stopHearingRights();
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
