import fc from "fast-check";
import { eq } from "drizzle-orm";
import WebSocket from "ws";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planUpdates } from "../../db/schema";
import { loadPlanState } from "../../app/models/plan-storage.server";
import { presenceUser } from "../../server/collab/presence";
import { Room, type Connection } from "../../server/collab/room";
import type { TestClient } from "../helpers/client";
import { connectPeer, synced, waitFor, type Peer } from "../helpers/collab";
import { awarenessFrame, queryAwarenessFrame, syncStep1Frame } from "../helpers/collab-frames";
import { carriedUpdate, fuzzFrame } from "../helpers/frame-fuzz";
import { startTestServer, type TestServer } from "../helpers/server";
import { createPlan, createWorkspace, member, signedUp } from "../helpers/workspace";

// Generated frames the server handles per run; FUZZ_FRAMES raises it for a longer hunt.
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 10_000);
// Over real sockets, each rejected frame costs a connection and its authorization: fewer of them.
const SOCKET_CONNECTIONS = Number(process.env.FUZZ_CONNECTIONS ?? 300);
// Close codes a connection may end with: ours (1000, after its frames), malformed, presence or
// frame too large, and the room dropped after someone's update Yjs could not apply whole.
const ALLOWED_CLOSES = [1000, 4400, 4431, 1009, 4502];

let app: TestServer;
let owner: TestClient;
let editor: TestClient;
let commenter: TestClient;
let ids: { owner: string; editor: string; commenter: string };
let workspace: string;
const peers: Peer[] = [];
const restore: (() => void)[] = [];

beforeAll(async () => {
  // Thousands of connections from two accounts: lift the per-user and per-second limits for this file.
  app = await startTestServer({
    collab: {
      limits: { messagesPerSecond: 1_000_000, connectionsPerUser: 1_000_000 },
      unloadAfterMs: 60_000,
      reauthorizeEveryMs: 60_000,
    },
  });
  owner = await signedUp(app.url, "Owner", "owner");
  workspace = await createWorkspace(owner, "Fuzz District", "Plans");
  editor = await member(owner, workspace, { role: "editor" });
  commenter = await member(owner, workspace, { role: "commenter" });
  const [o, e, c] = await Promise.all([owner, editor, commenter].map(userId));
  ids = { owner: o!, editor: e!, commenter: c! };
});
afterAll(async () => {
  for (const undo of restore) undo();
  for (const p of peers) p.destroy();
  await app.close();
});

async function userId(client: TestClient) {
  return (await (await client.api("GET", "/me")).json()).id as string;
}

/** A frame that is valid and changes nothing, as a client says between others. */
const harmless = (clientId: number) =>
  fc.constantFrom(
    queryAwarenessFrame(),
    syncStep1Frame(new Y.Doc()),
    awarenessFrame([{ clientId, clock: 1, state: { cursor: null } }]),
  );

/** What one connection sends: generated frames, with a few valid ones among them. */
type Script = { asEditor: boolean; frames: Uint8Array[] };
const scriptOf = (minLength: number, maxLength: number): fc.Arbitrary<Script> =>
  fc.record({
    asEditor: fc.boolean(),
    frames: fc.nat({ max: 2 ** 32 - 1 }).chain((id) =>
      fc.array(fc.oneof({ arbitrary: harmless(id), weight: 1 }, { arbitrary: fuzzFrame, weight: 4 }), {
        minLength,
        maxLength,
      }),
    ),
  });
const scriptArb = scriptOf(1, 8);
// Over real sockets, a connection carries a long burst: everything after the frame the server
// refuses must be ignored too, and 300 connections then carry over 10,000 generated frames.
const socketScriptArb = scriptOf(34, 40);

/**
 * A plan open in two real y-websocket clients (a writer and a reader), and the reference the
 * document must equal: the stored start plus every frame the server handled that the protocol
 * lets change it (a decodable update from someone who may edit), in the order the server
 * handled them. The order is seen by wrapping the rooms' frame handler; an update Yjs could
 * not apply whole counts as refused (the server drops that room and every client resyncs).
 */
async function arena() {
  const planId = await createPlan(owner, workspace, { title: "Fuzz target" });
  const writer = connectPeer(app.url, planId, { Cookie: owner.cookieHeader() });
  const reader = connectPeer(app.url, planId, { Cookie: owner.cookieHeader() });
  peers.push(writer, reader);
  await Promise.all([synced(writer), synced(reader)]);
  // Quiet real clients: their presence would be noise; the generated frames bring their own.
  writer.provider.awareness.setLocalState(null);
  reader.provider.awareness.setLocalState(null);

  let reference = new Y.Doc();
  Y.applyUpdate(reference, await loadPlanState(app.db, planId));
  let watched: Room | null = null;
  const stats = { handled: 0, applied: 0, edits: 0, reloads: 0 };
  // On the class: a room dropped and loaded again is watched too.
  const receive = Room.prototype.receive;
  Room.prototype.receive = function (this: Room, conn: Connection, data: Uint8Array) {
    if (this.planId !== planId) return receive.call(this, conn, data);
    if (this !== watched) {
      // A room dropped and loaded again starts from what was stored: updates it held back
      // unintegrated (missing what they build on) lived in memory only and are gone.
      if (watched !== null) {
        reference = new Y.Doc();
        Y.applyUpdate(reference, Y.encodeStateAsUpdate(this.doc));
        stats.reloads++;
      }
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- the room being watched, kept to notice a reload
      watched = this;
    }
    const generated = conn.userId === ids.editor || conn.userId === ids.commenter;
    if (generated) stats.handled++;
    const update = conn.userId === ids.commenter ? null : carriedUpdate(data);
    receive.call(this, conn, data);
    // Not reached when the server refused the frame.
    if (update) {
      if (generated) stats.applied++;
      Y.applyUpdate(reference, update);
    }
  };
  restore.push(() => (Room.prototype.receive = receive));
  // The plan's room now: after a drop, the real clients' reconnection loads it again.
  const room = () => waitFor(() => app.collab.rooms.get(planId), 10_000, "the plan's room");
  const edit = () => writer.text.insert(writer.text.length, `e${++stats.edits};`);
  return { planId, writer, reader, reference: () => reference, room, stats, edit };
}

/** After the storm: the server is up, and stored, live and relayed documents equal the reference. */
async function verify(world: Awaited<ReturnType<typeof arena>>) {
  const { planId, writer, reader, room: current } = world;
  expect((await fetch(app.url + "/healthz")).status).toBe(200);
  // A last real edit, relayed: the server still serves the plan.
  writer.text.insert(0, "last;");
  await waitFor(() => reader.text.toString().includes("last;"), 10_000, "last edit relayed");
  const room = (await current())!;
  await room.settled();
  const reference = world.reference();
  const stored = new Y.Doc();
  Y.applyUpdate(stored, await loadPlanState(app.db, planId));
  // Every real edit is stored (the writer's clock) and relayed (the reader equals the reference).
  const clockOf = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc)).get(writer.doc.clientID);
  expect(clockOf(stored)).toBe(clockOf(writer.doc));
  const same = (a: Y.Doc, b: Y.Doc) => Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b));
  const describe = () =>
    JSON.stringify({
      readerIsRoom: same(reader.doc, room.doc),
      roomIsReference: same(room.doc, reference),
      storedIsReference: same(stored, reference),
      vectors: [reader.doc, room.doc, stored, reference].map((d) => [...Y.decodeStateVector(Y.encodeStateVector(d))]),
      pending: [reader.doc, room.doc, stored, reference].map((d) => Boolean(d.store.pendingStructs)),
      errors: app.logs.filter((l) => Number(l.level) >= 50).slice(0, 5),
    });
  await waitFor(() => same(reader.doc, reference), 10_000, "reader converged with the reference").catch((err) => {
    throw new Error(`${err.message}: ${describe()}`);
  });
  // Nothing else was applied or stored.
  expect(Y.equalSnapshots(Y.snapshot(stored), Y.snapshot(reference))).toBe(true);
  expect(Y.equalSnapshots(Y.snapshot(room.doc), Y.snapshot(reference))).toBe(true);
  // Live and stored documents hold the same pieces (the snapshots above), so the same characters.
  // Not always in the same order: Yjs places concurrent inserts alike everywhere only when their
  // origins are consistent, and a generated update can forge origins that contradict each other;
  // then a document encoded and loaded again (as after a restart) may place those pieces apart.
  const text = (doc: Y.Doc) => doc.getText("content").toString();
  const characters = (doc: Y.Doc) => [...text(doc)].sort().join("");
  expect(characters(room.doc), "live characters").toBe(characters(reference));
  expect(characters(stored), "stored characters").toBe(characters(reference));
  expect(text(stored)).toContain("last;");
  const rows = await app.db.select().from(planUpdates).where(eq(planUpdates.planId, planId));
  expect(rows.some((r) => r.userId === ids.commenter)).toBe(false);
}

function open(client: TestClient, planId: string): Promise<WebSocket> {
  const ws = new WebSocket(app.url.replace("http", "ws") + "/collab/" + planId, {
    headers: { Cookie: client.cookieHeader(), Origin: app.url },
  });
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(ws));
    ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once("error", reject);
  });
}

/** Sends the frames, closes from our side, and resolves with the code the connection ended with. */
function send(ws: WebSocket, frames: Uint8Array[]): Promise<number> {
  return new Promise((resolve) => {
    ws.on("error", () => {});
    ws.once("close", (code) => resolve(code));
    for (const f of frames) ws.send(f);
    // Frames ahead of our close are all handled, up to the first one the server refuses.
    ws.close(1000);
  });
}

/** A connection as the server's socket layer makes one, on a socket that records what it is told. */
function directConnection(room: Room, asEditor: boolean) {
  const closes: number[] = [];
  const socket = {
    OPEN: 1,
    readyState: 1,
    send() {},
    close(code: number) {
      if (socket.readyState !== 1) return;
      socket.readyState = 2;
      closes.push(code);
    },
    terminate() {
      socket.readyState = 3;
    },
  };
  const account = asEditor ? ids.editor : ids.commenter;
  const conn: Connection = {
    socket: socket as unknown as WebSocket,
    userId: account,
    canEdit: asEditor,
    user: presenceUser(account, asEditor ? "editor" : "commenter"),
    presenceId: null,
    window: { start: Date.now(), count: 0 },
  };
  room.join(conn);
  return { conn, closes, open: () => socket.readyState === 1 };
}

describe("fuzzing the collaboration socket", () => {
  it(
    `handles ${FRAMES} generated frames from a commenter and an editor among real edits, storing exactly the valid edits`,
    // Tens of thousands of frames and their stores on a loaded 2-core machine: more than the default 30 s.
    { timeout: 180_000 },
    async () => {
      const started = Date.now();
      const world = await arena();
      const { stats } = world;
      const closes = new Map<number, number>();
      let connections = 0;
      // Straight into the room's frame handler (what the socket layer calls for each binary
      // frame), with a fresh connection after each close as a reconnecting client would: this
      // is where every byte is interpreted, without paying an authorization per rejected frame.
      const property = fc.asyncProperty(fc.array(scriptArb, { minLength: 20, maxLength: 20 }), async (scripts) => {
        world.edit();
        for (const { asEditor, frames } of scripts) {
          const room = (await world.room())!;
          const c = directConnection(room, asEditor);
          connections++;
          for (const frame of frames) if (c.open()) room.handle(c.conn, frame);
          room.leave(c.conn);
          for (const code of c.closes.length ? c.closes : [1000]) closes.set(code, (closes.get(code) ?? 0) + 1);
          expect(ALLOWED_CLOSES).toContain(c.closes[0] ?? 1000);
        }
        // Let the real clients' frames and the stores in between.
        await (await world.room())!.settled();
      });
      // Seeds in order, so a run that fails only at the end can be replayed (FUZZ_SEED).
      const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
      for (let chunk = 0; stats.handled < FRAMES; chunk++) {
        await fc.assert(property, { numRuns: 50, endOnFailure: true, seed: seed + chunk });
      }
      await verify(world).catch((err: Error) => {
        throw new Error(`${err.message} (FUZZ_SEED=${seed})`);
      });
      console.info(
        `fuzz (frame handler): ${stats.handled} generated frames handled on ${connections} connections, ` +
          `${stats.applied} generated editor updates applied, ${stats.reloads} rooms dropped and reloaded, closes ${JSON.stringify(Object.fromEntries(closes))}, ` +
          `${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    },
  );

  it(
    `survives generated frames over ${SOCKET_CONNECTIONS} real connections among real edits`,
    // A WebSocket connection and its authorization per rejected frame: more than the default 30 s when loaded.
    { timeout: 120_000 },
    async () => {
      const started = Date.now();
      const world = await arena();
      const { planId, stats } = world;
      const closes = new Map<number, number>();
      let sent = 0;
      let connections = 0;
      async function run({ asEditor, frames }: Script) {
        const ws = await open(asEditor ? editor : commenter, planId);
        connections++;
        sent += frames.length;
        const code = await send(ws, frames);
        closes.set(code, (closes.get(code) ?? 0) + 1);
        expect(ALLOWED_CLOSES, `close after ${frames.map((f) => Buffer.from(f).toString("hex"))}`).toContain(code);
      }
      const property = fc.asyncProperty(fc.array(socketScriptArb, { minLength: 4, maxLength: 4 }), async (batch) => {
        world.edit();
        await Promise.all(batch.map(run));
      });
      await fc.assert(property, { numRuns: Math.ceil(SOCKET_CONNECTIONS / 4), endOnFailure: true });
      await verify(world);
      expect(sent).toBeGreaterThanOrEqual(10_000);
      console.info(
        `fuzz (sockets): ${stats.handled} generated frames handled (${sent} sent on ${connections} connections), ` +
          `${stats.edits} real edits, ${stats.applied} generated editor updates applied, ` +
          `closes ${JSON.stringify(Object.fromEntries(closes))}, ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    },
  );
});
