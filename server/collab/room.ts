import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import type { Logger } from "pino";
import type { WebSocket } from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { CloseCode } from "../../app/domain/collab-close-codes";
import { Presence, PresenceTooLarge, type PresenceUser } from "./presence";
import type { FanoutKind } from "./redis-fanout";
import { assertApplicableUpdate } from "./update-check";

// y-websocket's message types; its `auth` (2) is only ever sent by a server, so a client sending it is malformed.
export const MessageType = { sync: 0, awareness: 1, queryAwareness: 3 } as const;

/**
 * Origin of changes from another server process (through the fan-out). They are
 * already stored by that process: relayed to local connections, never stored or
 * published again.
 */
export const remoteOrigin = Symbol("remote");

export type Connection = {
  socket: WebSocket;
  userId: string;
  canEdit: boolean;
  /** The account, as shown in presence (set by the server, never by the client). */
  user: PresenceUser;
  /** The one awareness client id this connection speaks for (see Presence), removed when it leaves. */
  presenceId: number | null;
  /** Messages in the current one-second window, for the rate limit. */
  window: { start: number; count: number };
};

export type RoomStorage = {
  load(planId: string): Promise<Uint8Array>;
  store(planId: string, updates: { update: Uint8Array; userId: string | null }[]): Promise<void>;
};

export type RoomLimits = { maxDocumentBytes: number; messagesPerSecond: number };

/**
 * One plan's live document. Incoming updates are applied, stored durably as a
 * batch once per event-loop turn, and only then relayed: a collaborator never
 * sees an edit the database does not have.
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly presence = new Presence(this.doc);
  readonly awareness = this.presence.awareness;
  readonly connections = new Set<Connection>();
  private pending: { update: Uint8Array; origin: Connection | null }[] = [];
  private flushScheduled = false;
  private inFlight = false;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;
  /** Set when the document in memory can no longer be trusted; the room is being dropped. */
  private quarantined = false;
  /** An upper bound of the document's encoded size: its loaded size plus every update since. */
  private sizeBound = 0;
  /** Remote changes that arrive while the stored state is still loading, applied after it. */
  private early: [FanoutKind, Uint8Array][] | null = [];
  /** What a client's update changed while it is being applied. */
  private applying: { update: Uint8Array; origin: Connection }[] | null = null;

  constructor(
    readonly planId: string,
    private readonly storage: RoomStorage,
    private readonly limits: RoomLimits,
    private readonly logger: Logger,
    private readonly onBroken: (room: Room, code: number) => void,
  ) {
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === remoteOrigin) return this.broadcast(syncUpdate(update), null);
      // Held until the update applied whole (see applyClientUpdate).
      if (this.applying) return void this.applying.push({ update, origin: origin as Connection });
      this.pending.push({ update, origin: (origin as Connection | null) ?? null });
      this.scheduleFlush();
    });
    this.awareness.on(
      "update",
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
        const changed = [...added, ...updated, ...removed];
        const message = encoding.createEncoder();
        encoding.writeVarUint(message, MessageType.awareness);
        encoding.writeVarUint8Array(message, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
        this.broadcast(encoding.toUint8Array(message), null);
      },
    );
  }

  /** Loads the stored state; called once before the first connection joins. */
  async load(): Promise<void> {
    const state = await this.storage.load(this.planId);
    Y.applyUpdate(this.doc, state, "load");
    this.sizeBound = state.byteLength;
    // Loading is not a change: nothing to store or relay.
    this.pending = [];
    const early = this.early ?? [];
    this.early = null;
    for (const [kind, payload] of early) this.applyRemote(kind, payload);
  }

  /** Applies a change another server process made (see `remoteOrigin`). Throws on a malformed payload. */
  applyRemote(kind: FanoutKind, payload: Uint8Array): void {
    if (this.closed) return;
    // Held until loaded; the load may hold some of them too, which is harmless (Yjs updates are idempotent).
    if (this.early) return void this.early.push([kind, payload]);
    if (kind === "awareness") return this.presence.applyRemote(payload, remoteOrigin);
    assertApplicableUpdate(payload);
    Y.applyUpdate(this.doc, payload, remoteOrigin);
    this.sizeBound += payload.byteLength;
  }

  join(conn: Connection): void {
    this.connections.add(conn);
    // Start the y-websocket handshake: our state vector, then current awareness.
    const sync = encoding.createEncoder();
    encoding.writeVarUint(sync, MessageType.sync);
    syncProtocol.writeSyncStep1(sync, this.doc);
    this.send(conn, encoding.toUint8Array(sync));
    const states = this.awareness.getStates();
    if (states.size > 0) {
      const aw = encoding.createEncoder();
      encoding.writeVarUint(aw, MessageType.awareness);
      encoding.writeVarUint8Array(aw, awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()]));
      this.send(conn, encoding.toUint8Array(aw));
    }
  }

  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    this.presence.leave(conn);
  }

  /**
   * Handles one binary frame from a connection; a malformed frame closes it (4400).
   * Never throws: every byte sequence gets an answer.
   */
  handle(conn: Connection, data: Uint8Array): void {
    // Frames that arrive after we closed the connection (as malformed, say) are not handled,
    // nor any while the room is being dropped: clients resync what they sent when they reconnect.
    if (conn.socket.readyState !== conn.socket.OPEN || this.quarantined) return;
    try {
      this.receive(conn, data);
    } catch (err) {
      this.logger.warn({ msg: "malformed collaboration message", planId: this.planId, err: String(err) });
      conn.socket.close(CloseCode.malformed, "malformed message");
    }
  }

  /** Handles one binary frame from a connection. Throws on a malformed frame. */
  receive(conn: Connection, data: Uint8Array): void {
    const now = Date.now();
    if (now - conn.window.start >= 1000) conn.window = { start: now, count: 0 };
    if (++conn.window.count > this.limits.messagesPerSecond) {
      conn.socket.close(CloseCode.rateLimited, "rate limit");
      return;
    }
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MessageType.sync: {
        const syncType = decoding.readVarUint(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          const stateVector = decoding.readVarUint8Array(decoder);
          // Validated now, while a throw still closes this connection as malformed: the
          // answer is written later, where a throw would have no one to answer to.
          Y.decodeStateVector(stateVector);
          // Answer once pending edits are stored, so the answer holds nothing the database lacks.
          this.settled()
            .then(() => {
              if (this.closed) return;
              const reply = encoding.createEncoder();
              encoding.writeVarUint(reply, MessageType.sync);
              syncProtocol.writeSyncStep2(reply, this.doc, stateVector);
              this.send(conn, encoding.toUint8Array(reply));
            })
            .catch((err: unknown) => {
              this.logger.error({ msg: "answering sync step 1 failed", planId: this.planId, err });
              conn.socket.close(CloseCode.malformed, "malformed message");
            });
        } else if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
          const update = decoding.readVarUint8Array(decoder);
          // Read-only is enforced here: updates from members who may not edit are dropped unseen.
          if (!conn.canEdit) return;
          if (update.byteLength + this.sizeBound > this.limits.maxDocumentBytes) {
            conn.socket.close(CloseCode.documentTooLarge, "document too large");
            return;
          }
          // Validate before touching the shared document: a broken update must not corrupt it.
          assertApplicableUpdate(update, this.doc);
          this.applyClientUpdate(conn, update);
          this.sizeBound += update.byteLength;
        } else {
          throw new Error(`unknown sync message ${syncType}`);
        }
        break;
      }
      case MessageType.awareness:
        try {
          this.presence.receive(conn, decoding.readVarUint8Array(decoder), conn);
        } catch (err) {
          if (!(err instanceof PresenceTooLarge)) throw err;
          conn.socket.close(CloseCode.presenceTooLarge, "presence too large");
        }
        break;
      case MessageType.queryAwareness: {
        const aw = encoding.createEncoder();
        encoding.writeVarUint(aw, MessageType.awareness);
        encoding.writeVarUint8Array(
          aw,
          awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awareness.getStates().keys()]),
        );
        this.send(conn, encoding.toUint8Array(aw));
        break;
      }
      default:
        throw new Error(`unknown message type ${type}`);
    }
  }

  /**
   * Applies an editor's update. Yjs can throw halfway through an update that decodes
   * (unknown content, a parent that is not a type) and has then integrated part of it:
   * the document in memory is no longer one any client can follow. That part is never
   * stored or relayed; what was stored before is kept, and the room is dropped so every
   * client resyncs from the database.
   */
  private applyClientUpdate(conn: Connection, update: Uint8Array) {
    this.applying = [];
    try {
      Y.applyUpdate(this.doc, update, conn);
    } catch (err) {
      this.applying = null;
      this.quarantined = true;
      void this.settled()
        .then(() => this.onBroken(this, CloseCode.reload))
        .catch((e: unknown) => this.logger.error({ msg: "dropping a room failed", planId: this.planId, err: e }));
      throw err;
    }
    const changes = this.applying;
    this.applying = null;
    for (const change of changes) this.pending.push(change);
    if (changes.length) this.scheduleFlush();
  }

  /** Applies a change made by the server on a member's behalf; resolves once it is stored and relayed. */
  async change(userId: string, change: (doc: Y.Doc) => void): Promise<void> {
    // Recorded like that member's own edit; no connection is its origin, so everyone receives it.
    const origin: Pick<Connection, "userId"> = { userId };
    this.doc.transact(() => change(this.doc), origin);
    await this.settled();
    // A failed store closes the room (clients resync); the caller must not report success.
    if (this.closed) throw new Error("the change could not be stored");
  }

  /** Resolves when every update received so far is stored (and relayed). */
  async settled(): Promise<void> {
    while (this.flushScheduled || this.inFlight || this.pending.length) {
      await new Promise((r) => setImmediate(r));
      await this.flushing;
    }
  }

  isIdle(): boolean {
    return this.connections.size === 0 && this.pending.length === 0 && !this.flushScheduled && !this.inFlight;
  }

  close(code: number = CloseCode.goingAway, reason = "closing"): void {
    this.closed = true;
    for (const conn of this.connections) conn.socket.close(code, reason);
    this.presence.destroy();
    this.doc.destroy();
  }

  // One store in flight per room: what arrives meanwhile waits and goes in the
  // next batch, so a busy document costs one database round trip per batch, not per edit.
  private scheduleFlush() {
    if (this.flushScheduled || this.inFlight) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.startFlush();
    });
  }

  private startFlush() {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    this.inFlight = true;
    this.flushing = this.flush(batch).finally(() => {
      this.inFlight = false;
      if (this.pending.length) this.startFlush();
    });
  }

  // Never rejects: `settled()` awaits it from detached promise chains.
  private async flush(batch: { update: Uint8Array; origin: Connection | null }[]) {
    if (this.closed) return;
    try {
      await this.storage.store(
        this.planId,
        batch.map((b) => ({ update: b.update, userId: b.origin?.userId ?? null })),
      );
    } catch (error) {
      // The document in memory now holds edits the database lacks: drop it and
      // make every client reconnect, so their resync stores the edits again.
      this.logger.error({ msg: "storing plan update failed", planId: this.planId, err: error });
      this.onBroken(this, CloseCode.storageFailed);
      return;
    }
    try {
      // One message per sender: their updates merged, sent to everyone else.
      const bySender = new Map<Connection | null, Uint8Array[]>();
      for (const { update, origin } of batch) {
        const list = bySender.get(origin);
        if (list) list.push(update);
        else bySender.set(origin, [update]);
      }
      for (const [origin, updates] of bySender) {
        this.broadcast(syncUpdate(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates)), origin);
      }
    } catch (error) {
      // Stored but not relayed: reconnecting clients resync from the stored state.
      this.logger.error({ msg: "relaying plan update failed", planId: this.planId, err: error });
      this.onBroken(this, CloseCode.storageFailed);
    }
  }

  private broadcast(message: Uint8Array, except: Connection | null) {
    for (const conn of this.connections) if (conn !== except) this.send(conn, message);
  }

  private send(conn: Connection, message: Uint8Array) {
    if (conn.socket.readyState !== conn.socket.OPEN) return;
    conn.socket.send(message, (err) => {
      if (err) conn.socket.terminate();
    });
  }
}

function syncUpdate(update: Uint8Array): Uint8Array {
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, MessageType.sync);
  syncProtocol.writeUpdate(message, update);
  return encoding.toUint8Array(message);
}
