import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import type * as Y from "yjs";
import { colorFor, distinctColorFor } from "../../app/domain/presence-colors";

/** The largest presence (awareness) state, as JSON, that a room holds for one client. */
export const MAX_PRESENCE_STATE_BYTES = 8 * 1024;

/** Who a presence state belongs to, set by the server from the authenticated account. */
export type PresenceUser = { id: string; name: string; color: string };

/** The presence side of a connection: its account, and the one awareness client id it owns. */
export type PresenceHolder = { user: PresenceUser; presenceId: number | null };

/** A presence message or state over its size limit (the connection is closed as such). */
export class PresenceTooLarge extends Error {}

/** The presence user of an account: its display name and preferred colour (the room may assign another, see Presence). */
export function presenceUser(userId: string, name: string): PresenceUser {
  return { id: userId, name, color: colorFor(userId) };
}

type Entry = { clientId: number; clock: number; json: Uint8Array };

const utf8 = new TextDecoder("utf-8", { fatal: true });
const encoder = new TextEncoder();

/** An awareness update's entries, states left unparsed (skipping one costs nothing). Throws when malformed. */
function readEntries(update: Uint8Array): Entry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: Entry[] = [];
  // Each entry takes at least 3 bytes: a larger count is a lie, not a reason to loop.
  if (count > update.byteLength) throw new Error("awareness entry count exceeds the message");
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    entries.push({ clientId, clock, json: decoding.readVarUint8Array(decoder) });
  }
  return entries;
}

/** A state as the protocol allows it here: null (gone) or a plain object. Throws otherwise. */
function parseState(json: Uint8Array): Record<string, unknown> | null {
  if (json.byteLength > MAX_PRESENCE_STATE_BYTES) throw new PresenceTooLarge("presence state too large");
  const state: unknown = JSON.parse(utf8.decode(json));
  if (state === null) return null;
  if (typeof state !== "object" || Array.isArray(state)) throw new Error("presence state is not an object");
  return state as Record<string, unknown>;
}

function encodeEntries(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const out = encoding.createEncoder();
  encoding.writeVarUint(out, entries.length);
  for (const { clientId, clock, state } of entries) {
    encoding.writeVarUint(out, clientId);
    encoding.writeVarUint(out, clock);
    encoding.writeVarString(out, JSON.stringify(state));
  }
  return encoding.toUint8Array(out);
}

/**
 * A room's presence (awareness), kept honest: each connection speaks for one client id
 * only, the first it announces that is not someone else's; the `user` field of its state
 * is the authenticated account's, whatever the client claims; each state is at most
 * MAX_PRESENCE_STATE_BYTES; and a connection's state goes when the connection does.
 */
export class Presence {
  readonly awareness: awarenessProtocol.Awareness;
  /** The connection that speaks for each client id here. */
  private readonly owners = new Map<number, PresenceHolder>();
  /** The account that first used each client id in this room: nobody else may take it over. */
  private readonly usedBy = new Map<number, string>();
  /** The colour of each account present through this process, and its connections that claimed presence. */
  private readonly members = new Map<string, { color: string; conns: Set<PresenceHolder> }>();

  constructor(doc: Y.Doc) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
  }

  /**
   * Applies a connection's awareness message (the payload of message type 1), kept to
   * its own client id and stamped with its account. Throws PresenceTooLarge, or any
   * error for a malformed message.
   */
  receive(conn: PresenceHolder, update: Uint8Array, origin: unknown): void {
    // Clients echo back what they are sent, so one message may carry every state in the room.
    const budget = (this.awareness.getStates().size + 1) * (MAX_PRESENCE_STATE_BYTES + 32);
    if (update.byteLength > budget) throw new PresenceTooLarge("presence message too large");
    for (const entry of readEntries(update)) {
      if (conn.presenceId === null) {
        if (!this.mayClaim(conn, entry.clientId)) continue;
        const state = parseState(entry.json);
        if (state === null) continue;
        this.claim(conn, entry.clientId);
        this.apply(conn, entry, state, origin);
      } else if (entry.clientId === conn.presenceId) {
        this.apply(conn, entry, parseState(entry.json), origin);
      }
      // Anything said about another client id is dropped: echoes of what we sent, or forgeries.
    }
  }

  /** Applies presence from another server process (stamped there). Throws, changing nothing, when malformed. */
  applyRemote(update: Uint8Array, origin: unknown): void {
    const entries = readEntries(update).map((e) => ({ ...e, state: parseState(e.json) }));
    for (const { clientId, state } of entries) {
      const user = state?.user as Partial<PresenceUser> | undefined;
      if (typeof user?.id === "string" && !this.usedBy.has(clientId)) this.usedBy.set(clientId, user.id);
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encodeEntries(entries), origin);
  }

  /** Removes the connection's presence (it closed). */
  leave(conn: PresenceHolder): void {
    const member = this.members.get(conn.user.id);
    // The colour stays the member's while another of their connections is here.
    if (member?.conns.delete(conn) && member.conns.size === 0) this.members.delete(conn.user.id);
    const id = conn.presenceId;
    if (id === null || this.owners.get(id) !== conn) return;
    this.owners.delete(id);
    awarenessProtocol.removeAwarenessStates(this.awareness, [id], null);
  }

  destroy(): void {
    this.awareness.destroy();
  }

  // The same person may take over their own client id (a reconnect before the old socket
  // is noticed gone); nobody may take over another person's, live or gone.
  private mayClaim(conn: PresenceHolder, clientId: number): boolean {
    const user = this.usedBy.get(clientId);
    return user === undefined || user === conn.user.id;
  }

  private claim(conn: PresenceHolder, clientId: number) {
    this.assignColor(conn);
    const previous = this.owners.get(clientId);
    if (previous && previous !== conn) previous.presenceId = null;
    this.owners.set(clientId, conn);
    this.usedBy.set(clientId, conn.user.id);
    conn.presenceId = clientId;
  }

  /**
   * Gives the connection's account a colour no other member present has (while the palette
   * lasts), kept for as long as any of their connections is here. Members present through
   * other processes count by the colour their stamped state shows.
   */
  private assignColor(conn: PresenceHolder) {
    const userId = conn.user.id;
    let member = this.members.get(userId);
    if (!member) {
      const taken = new Set<string>();
      for (const [id, other] of this.members) if (id !== userId) taken.add(other.color);
      for (const state of this.awareness.getStates().values()) {
        const user = state.user as Partial<PresenceUser> | undefined;
        if (typeof user?.color === "string" && user.id !== userId) taken.add(user.color);
      }
      member = { color: distinctColorFor(userId, taken), conns: new Set() };
      this.members.set(userId, member);
    }
    member.conns.add(conn);
    conn.user = { ...conn.user, color: member.color };
  }

  private apply(conn: PresenceHolder, entry: Entry, state: Record<string, unknown> | null, origin: unknown) {
    let clock = entry.clock;
    const known = this.awareness.meta.get(entry.clientId)?.clock ?? 0;
    // A client coming back keeps its id and clock, but our removal of its state on
    // close raised the clock here: take its state as the newer one rather than ignore it.
    if (state !== null && clock <= known && !this.awareness.getStates().has(entry.clientId)) clock = known + 1;
    // A client that says who it is but not as the room shows it (another colour, say) gets the
    // stamped state back with a newer clock, so it adopts it and shows itself as others see it.
    if (state?.user !== undefined && !sameUser(state.user, conn.user)) clock = Math.max(clock, known) + 1;
    const stamped = state === null ? null : { ...state, user: conn.user };
    if (stamped && encoder.encode(JSON.stringify(stamped)).byteLength > MAX_PRESENCE_STATE_BYTES) {
      throw new PresenceTooLarge("presence state too large");
    }
    awarenessProtocol.applyAwarenessUpdate(
      this.awareness,
      encodeEntries([{ clientId: entry.clientId, clock, state: stamped }]),
      origin,
    );
  }
}

function sameUser(claimed: unknown, user: PresenceUser): boolean {
  const c = claimed as Partial<PresenceUser> | null;
  return c?.id === user.id && c.name === user.name && c.color === user.color;
}
