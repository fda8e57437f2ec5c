import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { assertApplicableUpdate } from "./update-check";

/** A version-1 update with no structs and one delete range, as a hostile client can write it. */
function deleteOnly(client: number, clock: number, len: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0); // no struct groups
  encoding.writeVarUint(e, 1); // one client in the delete set
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 1);
  encoding.writeVarUint(e, clock);
  encoding.writeVarUint(e, len);
  return encoding.toUint8Array(e);
}

/** A version-1 update holding one deleted range (ContentDeleted) of `len` at the top of a type. */
function deletedContent(client: number, len: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // one client
  encoding.writeVarUint(e, 1); // one struct
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 0); // clock
  encoding.writeUint8(e, 1); // ContentDeleted, no origins: the parent follows
  encoding.writeVarUint(e, 1); // parent is a root type…
  encoding.writeVarString(e, "content"); // …named
  encoding.writeVarUint(e, len);
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}

describe("assertApplicableUpdate", () => {
  it("accepts what real documents send", () => {
    const doc = new Y.Doc();
    const before = Y.encodeStateVector(doc);
    doc.getText("content").insert(0, "hello world");
    doc.getText("content").delete(0, 6);
    doc.getMap("meta").set("k", [1, "two"]);
    expect(() => assertApplicableUpdate(Y.encodeStateAsUpdate(doc))).not.toThrow();
    expect(() => assertApplicableUpdate(Y.encodeStateAsUpdate(doc, before))).not.toThrow();
    expect(() => assertApplicableUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).not.toThrow();
  });

  it("refuses a zero-length delete, which Yjs takes but then cannot encode or load again", () => {
    const update = deleteOnly(7, 3, 0);
    expect(() => Y.decodeUpdate(update)).not.toThrow();
    expect(() => Y.applyUpdate(new Y.Doc(), update)).toThrow(/Unexpected case/);
    expect(() => assertApplicableUpdate(update)).toThrow(/empty/);
    expect(() => assertApplicableUpdate(deleteOnly(7, 3, 1))).not.toThrow();
  });

  it("refuses an empty piece of content, which would be stored and relayed to every client", () => {
    expect(() => Y.decodeUpdate(deletedContent(9, 0))).not.toThrow();
    expect(() => assertApplicableUpdate(deletedContent(9, 0))).toThrow(/empty/);
    expect(() => assertApplicableUpdate(deletedContent(9, 2))).not.toThrow();
  });

  it("refuses ranges past the largest safe integer", () => {
    expect(() => assertApplicableUpdate(deleteOnly(7, 2 ** 53 - 2, 5))).toThrow(/out-of-range/);
  });

  it("given the document, refuses a piece it already has: replicas that merged both would disagree", () => {
    const doc = new Y.Doc();
    doc.clientID = 28;
    doc.getText("content").insert(0, "abc");
    // Another "client 28" history: the same names, other content.
    const forged = new Y.Doc();
    forged.clientID = 28;
    forged.getText("content").insert(0, "xyz and more");
    const forgedUpdate = Y.encodeStateAsUpdate(forged);
    expect(() => assertApplicableUpdate(forgedUpdate)).not.toThrow();
    expect(() => assertApplicableUpdate(forgedUpdate, doc)).toThrow(/already has/);
    // Only new pieces (what a client's resync or a live edit sends) are taken.
    const before = Y.encodeStateVector(doc);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    other.getText("content").insert(3, "def");
    expect(() => assertApplicableUpdate(Y.encodeStateAsUpdate(other, before), doc)).not.toThrow();
  });

  it("refuses bytes that are not an update", () => {
    expect(() => assertApplicableUpdate(Uint8Array.from([0x05, 0xff]))).toThrow();
  });
});
