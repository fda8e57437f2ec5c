import fc from "fast-check";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import {
  authFrame,
  awarenessFrame,
  queryAwarenessFrame,
  syncStep1Frame,
  syncStep2Frame,
  updateFrame,
} from "./collab-frames";

/** Valid messages of every type and sub-type, built from a small document of their own. */
function templates() {
  const doc = new Y.Doc();
  doc.clientID = 424242;
  const text = doc.getText("content");
  text.insert(0, "fuzzed words ");
  const before = Y.encodeStateVector(doc);
  text.insert(6, "and more ");
  text.delete(0, 2);
  doc.getMap("meta").set("k", [1, "two", { three: 3 }]);
  const full = Y.encodeStateAsUpdate(doc);
  const incremental = Y.encodeStateAsUpdate(doc, before);
  return {
    step1: syncStep1Frame(doc),
    step2: syncStep2Frame(full),
    update: updateFrame(incremental),
    updates: [full, incremental],
    auth: authFrame("permission denied"),
    query: queryAwarenessFrame(),
  };
}
const base = templates();

const varUint = (n: number) => {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, n);
  return encoding.toUint8Array(e);
};
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
};

const presenceState = fc.oneof(
  fc.constant(null),
  fc.record({
    user: fc.record({ name: fc.string({ maxLength: 20 }), color: fc.string({ maxLength: 8 }) }),
    cursor: fc.record({ anchor: fc.nat(), head: fc.nat() }),
  }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A well-formed message of any kind (awareness for any client id, unknown types included). */
export const validMessage: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.constantFrom(base.step1, base.step2, base.update, base.auth, base.query),
  fc
    .record({ clientId: fc.nat({ max: 2 ** 32 - 1 }), clock: fc.nat(), state: presenceState })
    .map((entry) => awarenessFrame([entry])),
  // Presence around the 8 KB limit, for the connection's own client id when it is the first.
  fc
    .tuple(fc.nat({ max: 2 ** 32 - 1 }), fc.integer({ min: 8000, max: 8300 }))
    .map(([clientId, n]) => awarenessFrame([{ clientId, clock: 1, state: { pad: "x".repeat(n) } }])),
  fc
    .tuple(fc.integer({ min: 4, max: 2 ** 20 }), fc.uint8Array({ maxLength: 16 }))
    .map(([type, body]) => concat(varUint(type), body)),
);

/** Lengths and counts that claim far more bytes than follow, or do not fit a safe integer. */
const hugeVarUint = fc.oneof(
  fc.constantFrom(2 ** 31, 2 ** 32, 2 ** 53 - 1).map(varUint),
  fc.constant(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])),
  fc.integer({ min: 64, max: 2 ** 24 }).map(varUint),
);

const oversizedLength = fc
  .tuple(
    fc.constantFrom([0, 0], [0, 1], [0, 2], [1], [1, 6]).map((p) => Uint8Array.from(p)),
    hugeVarUint,
    fc.uint8Array({ maxLength: 8 }),
  )
  .map(([prefix, length, tail]) => concat(prefix, length, tail));

const flipped = fc
  .tuple(validMessage, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 4 }))
  .map(([message, flips]) => {
    const out = Uint8Array.from(message);
    for (const [at, bit] of flips) out[at % out.length]! ^= 1 << bit;
    return out;
  });

/** Valid updates of documents edited at random, by clients of random ids. */
const editedUpdate = fc
  .tuple(
    fc.nat({ max: 2 ** 32 - 1 }),
    fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 12 }), fc.nat({ max: 6 })), { minLength: 1, maxLength: 6 }),
  )
  .map(([clientId, ops]) => {
    const doc = new Y.Doc();
    doc.clientID = clientId;
    const text = doc.getText("content");
    for (const [at, insert, remove] of ops) {
      text.insert(at % (text.length + 1), insert);
      const from = at % (text.length + 1);
      text.delete(from, Math.min(remove, text.length - from));
    }
    return Y.encodeStateAsUpdate(doc);
  });

/** Updates with bits flipped inside the payload, framed correctly: the Yjs decoder is what is fuzzed. */
const flippedUpdate = fc
  .tuple(
    fc.oneof(fc.constantFrom(...base.updates), editedUpdate),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 3 }),
    fc.boolean(),
  )
  .map(([update, flips, asStep2]) => {
    const out = Uint8Array.from(update);
    for (const [at, bit] of flips) out[at % out.length]! ^= 1 << bit;
    return asStep2 ? syncStep2Frame(out) : updateFrame(out);
  });

const truncated = validMessage
  .filter((m) => m.length > 1)
  .chain((m) => fc.nat({ max: m.length - 1 }).map((n) => m.slice(0, n)));

/** One generated frame: random bytes, or a valid message truncated, bit-flipped, lied about, or as is. */
export const fuzzFrame: fc.Arbitrary<Uint8Array> = fc.oneof(
  { arbitrary: fc.uint8Array({ minLength: 1, maxLength: 48 }), weight: 3 },
  { arbitrary: flipped, weight: 4 },
  { arbitrary: truncated, weight: 3 },
  { arbitrary: oversizedLength, weight: 2 },
  { arbitrary: flippedUpdate, weight: 2 },
  { arbitrary: editedUpdate.map(updateFrame), weight: 1 },
  { arbitrary: validMessage, weight: 2 },
);

/**
 * The document update a frame carries, when the server must apply it for an editor: a sync
 * step 2 or update whose payload Yjs decodes. Null for anything else.
 */
export function carriedUpdate(frame: Uint8Array): Uint8Array | null {
  try {
    const d = decoding.createDecoder(frame);
    if (decoding.readVarUint(d) !== 0) return null;
    const sub = decoding.readVarUint(d);
    if (sub !== 1 && sub !== 2) return null;
    const update = decoding.readVarUint8Array(d);
    Y.decodeUpdate(update);
    return update;
  } catch {
    return null;
  }
}
