import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";

/** y-websocket message types (the first varint of every frame). */
export const Msg = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;

const frame = (write: (e: encoding.Encoder) => void) => {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
};

/** An awareness update payload (the protocol's encoding), states given as values. */
export function awarenessUpdate(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const { clientId, clock, state } of entries) {
      encoding.writeVarUint(e, clientId);
      encoding.writeVarUint(e, clock);
      encoding.writeVarString(e, JSON.stringify(state));
    }
  });
}

export const awarenessFrame = (entries: { clientId: number; clock: number; state: unknown }[]) =>
  frame((e) => {
    encoding.writeVarUint(e, Msg.awareness);
    encoding.writeVarUint8Array(e, awarenessUpdate(entries));
  });

export const syncStep1Frame = (doc: Y.Doc) =>
  frame((e) => {
    encoding.writeVarUint(e, Msg.sync);
    syncProtocol.writeSyncStep1(e, doc);
  });

export const syncStep2Frame = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, Msg.sync);
    encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(e, update);
  });

export const updateFrame = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, Msg.sync);
    syncProtocol.writeUpdate(e, update);
  });

export const queryAwarenessFrame = () => Uint8Array.of(Msg.queryAwareness);

/** An auth message as y-websocket's server would send it ("permission denied" + reason). */
export const authFrame = (reason: string) =>
  frame((e) => {
    encoding.writeVarUint(e, Msg.auth);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, reason);
  });
