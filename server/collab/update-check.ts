import * as Y from "yjs";

/**
 * Throws unless `update` is a Yjs update every client can apply (and, given the document it
 * goes into, one that only adds to it). `Y.decodeUpdate` alone
 * accepts zero-length pieces (an empty string, an empty deleted range, a zero-length
 * delete): Yjs integrates them, but a document holding one can no longer be encoded or
 * loaded again ("Unexpected case"), so one such frame would corrupt the stored plan.
 */
export function assertApplicableUpdate(update: Uint8Array, doc?: Y.Doc): void {
  const { structs, ds } = Y.decodeUpdate(update);
  for (const struct of structs) {
    if (!(struct.length >= 1) || !Number.isSafeInteger(struct.id.clock + struct.length)) {
      throw new Error("update holds an empty or out-of-range piece");
    }
    // Content is named by (client, clock) and never changes: a piece the document already has
    // under that name, sent again, can only differ from it (a client's own resync leaves out
    // what the server has). Yjs would keep the first and replicas that merge the two would not
    // agree, so the stored plan and its readers could drift apart.
    if (doc && !(struct instanceof Y.Skip) && struct.id.clock < Y.getState(doc.store, struct.id.client)) {
      throw new Error("update rewrites content the document already has");
    }
  }
  for (const items of ds.clients.values()) {
    for (const item of items) {
      if (!(item.len >= 1) || !Number.isSafeInteger(item.clock + item.len)) {
        throw new Error("update deletes an empty or out-of-range range");
      }
    }
  }
}
