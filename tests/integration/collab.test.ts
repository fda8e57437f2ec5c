import { eq } from "drizzle-orm";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planUpdates } from "../../db/schema";
import { compactPlan, loadPlanState } from "../../app/models/plan-storage.server";
import type { TestClient } from "../helpers/client";
import { connectPeer, synced, tryUpgrade, waitFor, type Peer } from "../helpers/collab";
import { startTestServer, type TestServer } from "../helpers/server";
import { createPlan, createWorkspace, member as joinWorkspace, signedUp } from "../helpers/workspace";

let app: TestServer;
let owner: TestClient;
let workspace: string;
const peers: Peer[] = [];

beforeAll(async () => {
  app = await startTestServer({ collab: { limits: { maxMessageBytes: 64 * 1024 } } });
  owner = await signedUp(app.url, "Owner", "owner");
  workspace = await createWorkspace(owner, "Collab District", "Plans");
});
afterAll(async () => {
  for (const p of peers) p.destroy();
  await app.close();
});

const newPlan = (title = "Equity action plan") => createPlan(owner, workspace, { title });
const member = (role: "editor" | "commenter" | "viewer") => joinWorkspace(owner, workspace, { role });

function peer(client: TestClient, planId: string) {
  const p = connectPeer(app.url, planId, { Cookie: client.cookieHeader() });
  peers.push(p);
  return p;
}

const storedText = async (planId: string) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await loadPlanState(app.db, planId));
  return doc.getText("content").toString();
};

describe("collaboration server", () => {
  it("converges concurrent edits from three clients and stores them", async () => {
    const planId = await newPlan();
    const [a, b, c] = [peer(owner, planId), peer(await member("editor"), planId), peer(await member("editor"), planId)];
    await Promise.all([a, b, c].map(synced));
    a.text.insert(0, "alpha ");
    b.text.insert(0, "bravo ");
    c.text.insert(0, "charlie ");
    await waitFor(
      () => [a, b, c].every((p) => ["alpha", "bravo", "charlie"].every((w) => p.text.toString().includes(w))),
      10_000,
      "convergence",
    );
    expect(b.text.toString()).toBe(a.text.toString());
    expect(c.text.toString()).toBe(a.text.toString());
    expect(await storedText(planId)).toBe(a.text.toString());
  });

  it("never applies, relays or stores a viewer's edits, but keeps them reading along", async () => {
    const planId = await newPlan();
    const editor = peer(owner, planId);
    const viewer = peer(await member("viewer"), planId);
    await Promise.all([synced(editor), synced(viewer)]);
    viewer.text.insert(0, "VIEWER-WROTE-THIS ");
    editor.text.insert(0, "editor text");
    // The editor's later edit reaching the viewer proves the server has processed the viewer's earlier frame.
    await waitFor(() => viewer.text.toString().includes("editor text"), 10_000, "editor edit at viewer");
    await app.collab.rooms.get(planId)!.then((r) => r.settled());
    expect(editor.text.toString()).not.toContain("VIEWER");
    const room = await app.collab.rooms.get(planId)!;
    expect(room.doc.getText("content").toString()).not.toContain("VIEWER");
    expect(await storedText(planId)).toBe("editor text");
  });

  it("relays awareness (presence) from every member, including viewers", async () => {
    const planId = await newPlan();
    const editor = peer(owner, planId);
    const viewer = peer(await member("viewer"), planId);
    await Promise.all([synced(editor), synced(viewer)]);
    viewer.provider.awareness.setLocalStateField("cursor", { anchor: 1, head: 1 });
    // The server names presence after the account ("viewer", see member()).
    await waitFor(
      () => editor.provider.awareness.getStates().get(viewer.doc.clientID)?.user?.name === "viewer",
      10_000,
      "viewer presence at editor",
    );
  });

  it("refuses non-members and unknown plans the same way, and unauthenticated upgrades", async () => {
    const planId = await newPlan();
    const outsider = await signedUp(app.url, "Outsider", "outsider");
    const ws = app.url.replace("http", "ws") + "/collab/";
    const headers = { Cookie: outsider.cookieHeader(), Origin: app.url };
    expect((await tryUpgrade(ws + planId, headers)).status).toBe(404);
    expect((await tryUpgrade(ws + "00000000-0000-4000-8000-000000000000", headers)).status).toBe(404);
    expect((await tryUpgrade(ws + "not-a-uuid", headers)).status).toBe(404);
    expect((await tryUpgrade(ws + planId, { Origin: app.url })).status).toBe(401);
    expect((await tryUpgrade(ws + planId, { Cookie: "rq_session=forged", Origin: app.url })).status).toBe(401);
    const ownerHeaders = { Cookie: owner.cookieHeader() };
    expect((await tryUpgrade(ws + planId, { ...ownerHeaders, Origin: "https://evil.example" })).status).toBe(403);
    const ok = await tryUpgrade(ws + planId, { ...ownerHeaders, Origin: app.url });
    expect(ok.status).toBe(101);
    ok.socket!.close();
  });

  it("accepts a personal API token instead of a cookie", async () => {
    const planId = await newPlan();
    const res = await owner.postForm("/account", { intent: "create-token", name: "bot" });
    const token = /value="(rqt_[a-z2-7]{32})"/.exec(await res.text())![1]!;
    const bot = connectPeer(app.url, planId, { Authorization: `Bearer ${token}` });
    peers.push(bot);
    await synced(bot);
    bot.text.insert(0, "from a program");
    await waitFor(async () => (await storedText(planId)) === "from a program", 10_000, "stored bot edit");
  });

  it("closes only the connection that sends a malformed or oversized frame; the document stays intact", async () => {
    const planId = await newPlan();
    const good = peer(owner, planId);
    await synced(good);
    good.text.insert(0, "keep me");
    await waitFor(async () => (await storedText(planId)) === "keep me", 10_000, "stored");

    const ws = app.url.replace("http", "ws") + "/collab/" + planId;
    const headers = { Cookie: owner.cookieHeader(), Origin: app.url };
    const frames: [string, Uint8Array][] = [
      ["random bytes", Uint8Array.from({ length: 64 }, (_, i) => (i * 73 + 11) % 256)],
      ["truncated sync step 2", Uint8Array.from([0, 1, 50, 1, 2])],
      ["unknown message type", Uint8Array.from([9, 0])],
      ["broken update", Uint8Array.from([0, 2, 5, 1, 2, 3, 4, 5])],
      ["oversized", new Uint8Array(100 * 1024)],
    ];
    for (const [name, frame] of frames) {
      const { socket } = await tryUpgrade(ws, headers);
      const code = await new Promise<number>((resolve) => {
        socket!.on("close", (c) => resolve(c));
        socket!.send(frame);
      });
      expect([4400, 1009], name).toContain(code);
    }
    expect(good.text.toString()).toBe("keep me");
    expect(good.provider.wsconnected).toBe(true);
    good.text.insert(7, "!");
    await waitFor(async () => (await storedText(planId)) === "keep me!", 10_000, "still stored after attacks");
  });

  it("takes a role change into effect on open connections within seconds", async () => {
    const planId = await newPlan();
    const editorClient = await member("editor");
    const editorId = (await (await editorClient.api("GET", "/me")).json()).id;
    const editor = peer(editorClient, planId);
    await synced(editor);
    editor.text.insert(0, "while editor. ");
    await waitFor(async () => (await storedText(planId)).includes("while editor"), 10_000, "editor edit stored");

    const demote = await owner.postForm(`/workspaces/${workspace}?index`, {
      intent: "update-member",
      userId: editorId,
      role: "viewer",
      stakeholderGroup: "cabinet",
    });
    expect(demote.status).toBe(200);
    // The server closes the socket; the provider reconnects and is now read-only.
    await waitFor(() => !editor.provider.wsconnected, 5_000, "disconnect after demotion");
    await waitFor(() => editor.provider.synced, 10_000, "reconnected");
    editor.text.insert(0, "AFTER DEMOTION ");
    const witness = peer(owner, planId);
    await synced(witness);
    witness.text.insert(witness.text.length, "owner end");
    await waitFor(() => editor.text.toString().includes("owner end"), 10_000, "owner edit at demoted member");
    expect(await storedText(planId)).not.toContain("AFTER DEMOTION");
  });

  it("freezes an archived plan for every open editor until it is restored", async () => {
    const planId = await newPlan();
    const editor = peer(await member("editor"), planId);
    await synced(editor);
    const closes: number[] = [];
    editor.provider.on("connection-close", (e: CloseEvent | null) => e && closes.push(e.code));
    editor.text.insert(0, "before archive. ");
    await waitFor(async () => (await storedText(planId)).includes("before archive"), 10_000, "edit stored");
    expect((await owner.api("POST", `/plans/${planId}/versions`, { name: "Draft" })).status).toBe(201);
    const [version] = (await (await owner.api("GET", `/plans/${planId}/versions`)).json()).versions;

    const archived = await owner.postForm(`/workspaces/${workspace}/plans/${planId}`, { intent: "archive" });
    expect(archived.status).toBe(200);
    // The open socket is closed as "rights changed" (transient) and comes back read-only.
    await waitFor(() => closes.includes(4501), 5_000, "closed as rights changed");
    await waitFor(() => editor.provider.wsconnected && editor.provider.synced, 10_000, "reconnected");
    editor.text.insert(0, "EDITOR-FROZEN ");
    editor.provider.awareness.setLocalStateField("note", "Editor");
    const witness = peer(owner, planId); // the owner is frozen out too
    await synced(witness);
    witness.text.insert(0, "OWNER-FROZEN ");
    witness.provider.awareness.setLocalStateField("note", "Owner");
    // Each socket's frames are handled in order: its presence arriving proves its edit was handled.
    const names = (p: Peer) => [...p.provider.awareness.getStates().values()].map((s) => s.note);
    await waitFor(() => names(witness).includes("Editor") && names(editor).includes("Owner"), 10_000, "presence");
    await app.collab.rooms.get(planId)!.then((r) => r.settled());
    expect(await storedText(planId)).toBe("before archive. ");
    expect(witness.text.toString()).not.toContain("EDITOR-FROZEN");
    expect(await (await owner.api("GET", `/plans/${planId}`)).json()).toMatchObject({ archived: true, canEdit: false });
    const refused = [
      await owner.api("POST", `/plans/${planId}/versions/${version.id}/restore`),
      await owner.api("POST", `/plans/${planId}/versions`, { name: "While archived" }),
    ];
    expect(refused.map((r) => r.status)).toEqual([409, 409]);
    const rename = await owner.postForm(`/workspaces/${workspace}/plans/${planId}`, { intent: "rename", title: "X" });
    expect(rename.status).toBe(409);

    const restored = await owner.postForm(`/workspaces/${workspace}/plans/${planId}`, { intent: "restore" });
    expect(restored.status).toBe(200);
    await waitFor(() => closes.filter((c) => c === 4501).length === 2, 5_000, "closed again on restore");
    // Back with edit rights, the editor's sync hands over what it typed meanwhile: kept, not lost.
    let stored = "";
    await waitFor(
      async () =>
        (stored = await storedText(planId)) && ["EDITOR-FROZEN", "OWNER-FROZEN"].every((w) => stored.includes(w)),
      10_000,
      "kept edits stored",
    );
    editor.text.insert(editor.text.length, "after restore");
    await waitFor(async () => (await storedText(planId)).endsWith("after restore"), 10_000, "stored again");
    expect((await (await owner.api("GET", `/plans/${planId}`)).json()).title).toBe("Equity action plan");
  });

  it("compaction folds stored updates into a snapshot without changing the document", async () => {
    const planId = await newPlan();
    const a = peer(owner, planId);
    await synced(a);
    for (let i = 0; i < 20; i++) a.text.insert(a.text.length, `line ${i}\n`);
    await waitFor(async () => (await storedText(planId)).includes("line 19"), 10_000, "all stored");
    const before = await storedText(planId);
    await compactPlan(app.db, planId);
    expect(await app.db.select().from(planUpdates).where(eq(planUpdates.planId, planId))).toHaveLength(0);
    expect(await storedText(planId)).toBe(before);
  });

  it("unloads idle documents and loads them again from the database", async () => {
    const planId = await newPlan();
    const a = peer(owner, planId);
    await synced(a);
    a.text.insert(0, "persisted across unload");
    await waitFor(async () => (await storedText(planId)) === "persisted across unload", 10_000, "stored");
    a.destroy();
    await waitFor(() => !app.collab.rooms.has(planId), 10_000, "room unloaded");
    const b = peer(owner, planId);
    await synced(b);
    expect(b.text.toString()).toBe("persisted across unload");
  });
});

describe("access withdrawn", () => {
  it("closes a removed member's connection for good", async () => {
    const planId = await newPlan();
    const client = await member("editor");
    const userId = (await (await client.api("GET", "/me")).json()).id;
    const p = peer(client, planId);
    await synced(p);
    const closed = new Promise<number>((resolve) => p.provider.on("closed", (e: { code: number }) => resolve(e.code)));
    const res = await owner.postForm(`/workspaces/${workspace}?index`, { intent: "remove-member", userId });
    expect(res.status).toBe(200);
    expect(await closed).toBe(4403);
    // 4403 is final for y-websocket: the provider stops trying.
    expect(p.provider.shouldConnect).toBe(false);
  });
});

describe("rights changed through the app", () => {
  // Re-checks every 10 minutes only: a close within seconds can only come from the app's report.
  let slow: TestServer;
  let slowOwner: TestClient;
  let slowWorkspace: string;
  beforeAll(async () => {
    slow = await startTestServer({ collab: { reauthorizeEveryMs: 600_000 } });
    slowOwner = await signedUp(slow.url, "Owner", "slow-owner");
    slowWorkspace = await createWorkspace(slowOwner, "Slow District", "Plans");
  });
  afterAll(() => slow.close());

  async function openAsEditor(planId: string) {
    const client = await joinWorkspace(slowOwner, slowWorkspace, { role: "editor" });
    const p = connectPeer(slow.url, planId, { Cookie: client.cookieHeader() });
    peers.push(p);
    await synced(p);
    const closes: number[] = [];
    p.provider.on("connection-close", (e: CloseEvent | null) => e && closes.push(e.code));
    return { client, closes, userId: (await (await client.api("GET", "/me")).json()).id as string };
  }

  it("takes a role change, a removal and an archive into effect on open connections at once", async () => {
    const planId = await createPlan(slowOwner, slowWorkspace, { title: "Plan" });
    const demoted = await openAsEditor(planId);
    const removed = await openAsEditor(planId);
    const archivedOut = await openAsEditor(planId);

    const form = (fields: Record<string, string>) => slowOwner.postForm(`/workspaces/${slowWorkspace}?index`, fields);
    const update = { intent: "update-member", role: "viewer", stakeholderGroup: "cabinet" };
    expect((await form({ ...update, userId: demoted.userId })).status).toBe(200);
    await waitFor(() => demoted.closes.includes(4501), 5_000, "demoted editor's socket closed");
    expect((await form({ intent: "remove-member", userId: removed.userId })).status).toBe(200);
    await waitFor(() => removed.closes.includes(4403), 5_000, "removed member's socket closed");

    const archive = await slowOwner.postForm(`/workspaces/${slowWorkspace}/plans/${planId}`, { intent: "archive" });
    expect(archive.status).toBe(200);
    await waitFor(() => archivedOut.closes.includes(4501), 5_000, "editor's socket closed on archive");
  });
});
