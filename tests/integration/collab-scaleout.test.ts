import { randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { eq } from "drizzle-orm";
import { Redis } from "ioredis";
import { pino } from "pino";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planUpdates } from "../../db/schema";
import { createUpdateWriter, loadPlanState } from "../../app/models/plan-storage.server";
import { createRedisFanout, type FanoutKind } from "../../server/collab/redis-fanout";
import type { TestClient } from "../helpers/client";
import { connectPeer, synced, waitFor, type Peer } from "../helpers/collab";
import { awarenessFrame, awarenessUpdate } from "../helpers/collab-frames";
import { startTestServer, type TestServer } from "../helpers/server";
import { createPlan, createWorkspace, member as joinWorkspace, signedUp } from "../helpers/workspace";

// Two server processes (in-process here) over one database, joined by Redis, as with REDIS_URL.
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
// A prefix of our own: other test runs on the same Redis never see our channels.
const prefix = `test-collab-${randomUUID()}`;

type TestFanout = Awaited<ReturnType<typeof createRedisFanout>>;
let a: TestServer;
let b: TestServer;
let fanoutA: TestFanout;
let fanoutB: TestFanout;
const fanoutLogs: Record<string, unknown>[] = [];
let owner: TestClient;
let workspace: string;
const peers: Peer[] = [];

function captureLogger() {
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n")) if (line.trim()) fanoutLogs.push(JSON.parse(line));
      done();
    },
  });
  return pino({ level: "info" }, sink);
}

beforeAll(async () => {
  fanoutA = await createRedisFanout({ url: redisUrl, logger: captureLogger(), prefix });
  fanoutB = await createRedisFanout({ url: redisUrl, logger: captureLogger(), prefix });
  a = await startTestServer({ collab: { fanout: fanoutA } });
  b = await startTestServer({ database: a.database, collab: { fanout: fanoutB } });
  owner = await signedUp(a.url, "Owner", "owner");
  workspace = await createWorkspace(owner, "Scale-out District", "Plans");
});
afterAll(async () => {
  for (const p of peers) p.destroy();
  // b borrows a's database: close it first.
  await b?.close();
  await a?.close();
  await Promise.all([fanoutA?.close(), fanoutB?.close()]);
});

const newPlan = () => createPlan(owner, workspace, { title: "Shared plan" });
const member = (role: "editor" | "viewer") => joinWorkspace(owner, workspace, { role });

const userId = async (client: TestClient) => (await (await client.api("GET", "/me")).json()).id as string;

function peer(server: TestServer, client: TestClient, planId: string) {
  const p = connectPeer(server.url, planId, { Cookie: client.cookieHeader() });
  peers.push(p);
  return p;
}

const storedText = async (planId: string) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await loadPlanState(a.db, planId));
  return doc.getText("content").toString();
};

const storedRows = (planId: string) =>
  a.db.select({ userId: planUpdates.userId }).from(planUpdates).where(eq(planUpdates.planId, planId));

// Marks set by the clients (the server stamps `user` from the account, so it cannot carry a mark).
const names = (p: Peer) => [...p.provider.awareness.getStates().values()].map((s) => s.note as string | undefined);

describe("collaboration across server processes (Redis fan-out)", () => {
  it("converges concurrent edits made on two servers and stores each exactly once", async () => {
    const planId = await newPlan();
    const editor = await member("editor");
    const onA = peer(a, owner, planId);
    const onB = peer(b, editor, planId);
    await Promise.all([synced(onA), synced(onB)]);
    const before = (await storedRows(planId)).length;

    onA.text.insert(0, "alpha ");
    onB.text.insert(0, "bravo ");
    await waitFor(
      () => [onA, onB].every((p) => p.text.toString().includes("alpha") && p.text.toString().includes("bravo")),
      10_000,
      "convergence across servers",
    );
    expect(onB.text.toString()).toBe(onA.text.toString());
    expect(await storedText(planId)).toBe(onA.text.toString());
    // One stored batch per edit, by its author on its own server. A process storing
    // the other's update again would add rows (with no author).
    const rows = await storedRows(planId);
    expect(rows).toHaveLength(before + 2);
    expect(
      rows
        .slice(before)
        .map((r) => r.userId)
        .sort(),
    ).toEqual([await userId(owner), await userId(editor)].sort());
  });

  it("shows presence from one server on the other, and its removal when the client leaves", async () => {
    const planId = await newPlan();
    const onA = peer(a, owner, planId);
    const onB = peer(b, await member("editor"), planId);
    await Promise.all([synced(onA), synced(onB)]);
    onA.provider.awareness.setLocalStateField("note", "Ana on A");
    await waitFor(() => names(onB).includes("Ana on A"), 10_000, "presence from A at B");
    onA.destroy();
    await waitFor(() => !names(onB).includes("Ana on A"), 10_000, "presence removed at B");
  });

  it("never lets a viewer's edit on one server reach a client on another", async () => {
    const planId = await newPlan();
    const ownerOnA = peer(a, owner, planId);
    const viewerOnA = peer(a, await member("viewer"), planId);
    const editorOnB = peer(b, await member("editor"), planId);
    await Promise.all([ownerOnA, viewerOnA, editorOnB].map(synced));

    viewerOnA.text.insert(0, "VIEWER-WROTE-THIS ");
    // Sent after the edit on the same socket: once B sees it, server A has handled the edit.
    viewerOnA.provider.awareness.setLocalStateField("note", "Vera after edit");
    await waitFor(() => names(editorOnB).includes("Vera after edit"), 10_000, "viewer presence at B");
    // Anything A stored and published before this edit reaches B before it.
    ownerOnA.text.insert(0, "owner text");
    await waitFor(() => editorOnB.text.toString().includes("owner text"), 10_000, "owner edit at B");

    expect(editorOnB.text.toString()).not.toContain("VIEWER");
    const roomB = await b.collab.rooms.get(planId)!;
    expect(roomB.doc.getText("content").toString()).not.toContain("VIEWER");
    expect(await storedText(planId)).toBe("owner text");
  });

  it("catches up from the database after its Redis subscription drops", async () => {
    const planId = await newPlan();
    const onA = peer(a, owner, planId);
    await synced(onA);
    // An update stored by some process while A was not listening: it is never published to A.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await loadPlanState(a.db, planId));
    const vector = Y.encodeStateVector(doc);
    doc.getText("content").insert(0, "missed while disconnected");
    await createUpdateWriter(a.db).store(planId, [{ update: Y.encodeStateAsUpdate(doc, vector), userId: null }]);
    const stored = (await storedRows(planId)).length;

    const admin = new Redis(redisUrl);
    try {
      const subscriberName = `${prefix}-sub-${fanoutA.id}`;
      const line = String(await admin.client("LIST"))
        .split("\n")
        .find((l) => l.includes(` name=${subscriberName} `));
      expect(line, "A's subscriber connection").toBeDefined();
      await admin.client("KILL", "ID", /\bid=(\d+)/.exec(line!)![1]!);
    } finally {
      await admin.quit();
    }
    await waitFor(() => onA.text.toString() === "missed while disconnected", 10_000, "resync at A");
    expect(fanoutLogs.some((l) => String(l.msg).startsWith("redis subscription restored"))).toBe(true);
    // Merged in as a remote change: not stored a second time.
    await (await a.collab.rooms.get(planId)!).settled();
    expect(await storedRows(planId)).toHaveLength(stored);
  });
});

describe("malformed fan-out messages", () => {
  it("are logged and dropped whole; the plan keeps working", async () => {
    const planId = await newPlan();
    const onB = peer(b, owner, planId);
    await synced(onB);
    onB.provider.awareness.setLocalStateField("note", "Bea on B");
    const roomB = await b.collab.rooms.get(planId)!;
    await waitFor(() => roomB.awareness.getStates().get(onB.doc.clientID)?.note, 10_000, "presence at B");
    const before = [...roomB.awareness.getStates().entries()];
    const warnings = () => b.logs.filter((l) => l.msg === "malformed fan-out message").length;
    const seen = warnings();
    // Through A's fan-out, as if A had published them: a valid entry followed by a broken one
    // (nothing of it may apply), truncated data, a state that is not JSON, a broken update.
    const valid = awarenessFrame([{ clientId: 99, clock: 1, state: { note: "half" } }]).subarray(2);
    const brokenTail = Uint8Array.of(2, ...valid.subarray(1), 7, 1, 1, 0x7b);
    for (const payload of [brokenTail, Uint8Array.of(5, 1), awarenessUpdate([]).subarray(0, 0)]) {
      await fanoutA.publish(planId, "awareness", payload);
    }
    await fanoutA.publish(planId, "awareness", Uint8Array.of(1, 9, 1, 3, 0x7b, 0x7b, 0x7b));
    await fanoutA.publish(planId, "update", Uint8Array.of(0, 2, 5, 1, 2, 3));
    await waitFor(() => warnings() - seen >= 5, 10_000, "five warnings at B");
    expect([...roomB.awareness.getStates().entries()]).toEqual(before);
    // Still live across processes.
    const onA = peer(a, owner, planId);
    await synced(onA);
    onA.text.insert(0, "after the garbage");
    await waitFor(() => onB.text.toString() === "after the garbage", 10_000, "edit from A at B");
  });
});

describe("Redis fan-out", () => {
  it("delivers other processes' messages and ignores its own", async () => {
    const planId = randomUUID();
    const received: [FanoutKind, number[]][] = [];
    const handler = (kind: FanoutKind, payload: Uint8Array) => received.push([kind, [...payload]]);
    await fanoutA.subscribe(planId, handler);
    try {
      // Redis delivers in the order it accepted: our own message, had it been delivered, would come first.
      await fanoutA.publish(planId, "update", Uint8Array.of(1));
      await fanoutB.publish(planId, "awareness", Uint8Array.of(2, 3));
      await waitFor(() => received.length > 0, 5_000, "message from B");
      expect(received).toEqual([["awareness", [2, 3]]]);
    } finally {
      fanoutA.unsubscribe(planId, handler);
    }
  });
});

describe("rights changed on another process", () => {
  it("closes a demoted editor's socket on the process she is connected to, at once", async () => {
    // A third process that re-checks every 10 minutes only: a close within seconds can only
    // come from the rights change that process `a` announced on the event bus.
    const slow = await startTestServer({ database: a.database, collab: { reauthorizeEveryMs: 600_000 } });
    try {
      const planId = await newPlan();
      const editor = await member("editor");
      const p = peer(slow, editor, planId);
      await synced(p);
      const closes: number[] = [];
      p.provider.on("connection-close", (e: CloseEvent | null) => e && closes.push(e.code));

      const demote = await owner.postForm(`/workspaces/${workspace}?index`, {
        intent: "update-member",
        userId: await userId(editor),
        role: "viewer",
        stakeholderGroup: "cabinet",
      });
      expect(demote.status).toBe(200);
      await waitFor(() => closes.includes(4501), 5_000, "the demoted editor's socket on the other process closed");
    } finally {
      await slow.close();
    }
  });
});
