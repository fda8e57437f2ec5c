import type WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { colorFor, PRESENCE_COLORS } from "../../app/domain/presence-colors";
import type { TestClient } from "../helpers/client";
import { connectPeer, synced, tryUpgrade, waitFor, type Peer } from "../helpers/collab";
import { awarenessFrame } from "../helpers/collab-frames";
import { closeCode } from "../helpers/raw-socket";
import { startTestServer, type TestServer } from "../helpers/server";
import { createPlan, createWorkspace, member, signedUp } from "../helpers/workspace";

let app: TestServer;
let owner: TestClient;
let workspace: string;
const peers: Peer[] = [];
const sockets: WebSocket[] = [];

beforeAll(async () => {
  app = await startTestServer();
  owner = await signedUp(app.url, "Olivia Owner", "owner");
  workspace = await createWorkspace(owner, "Presence District", "Plans");
});
afterAll(async () => {
  for (const p of peers) p.destroy();
  for (const s of sockets) s.terminate();
  await app.close();
});

const userId = async (client: TestClient) => (await (await client.api("GET", "/me")).json()).id as string;

function peer(client: TestClient, planId: string) {
  const p = connectPeer(app.url, planId, { Cookie: client.cookieHeader() });
  peers.push(p);
  return p;
}

/** A socket that speaks the protocol by hand, as a hostile client would. */
async function raw(client: TestClient, planId: string): Promise<WebSocket> {
  const ws = app.url.replace("http", "ws") + "/collab/" + planId;
  const { status, socket } = await tryUpgrade(ws, { Cookie: client.cookieHeader(), Origin: app.url });
  expect(status).toBe(101);
  sockets.push(socket!);
  return socket!;
}

const states = (p: Peer) => p.provider.awareness.getStates();
const named = (p: Peer, name: string) => [...states(p).values()].filter((s) => s.user?.name === name);

/**
 * Sends a marked state for the socket's own client id and waits until the observer sees it:
 * frames on one socket are handled in order, so everything sent before has been handled.
 */
async function handled(socket: WebSocket, clientId: number, clock: number, observer: Peer) {
  const marker = `m${clock}`;
  socket.send(awarenessFrame([{ clientId, clock, state: { marker } }]));
  await waitFor(() => states(observer).get(clientId)?.marker === marker, 10_000, `marker ${marker}`);
}

describe("presence (awareness)", () => {
  it("shows the account's name and colour, whatever name the client claims", async () => {
    const planId = await createPlan(owner, workspace, { title: "Plan" });
    const forger = await member(owner, workspace, { role: "editor", name: "Fran Editor" });
    const observer = peer(owner, planId);
    const p = peer(forger, planId);
    await Promise.all([synced(observer), synced(p)]);
    p.provider.awareness.setLocalStateField("user", { name: "CFO", color: "#000000" });
    const shown = await waitFor(() => states(observer).get(p.doc.clientID)?.user, 10_000, "forger's presence");
    expect(shown).toEqual({ id: await userId(forger), name: "Fran Editor", color: expect.any(String) });
    expect(PRESENCE_COLORS).toContain(shown.color);
    expect(named(observer, "CFO")).toEqual([]);
    // The forger's own client is told how it is shown.
    await waitFor(() => p.provider.awareness.getLocalState()?.user?.name === "Fran Editor", 10_000, "stamp adopted");
    expect(p.provider.awareness.getLocalState()!.user).toEqual(shown);
  });

  it("gives members present at once different colours, even those whose preferred colours are the same", async () => {
    const planId = await createPlan(owner, workspace, { title: "Plan" });
    // Members until two prefer the same colour: with 10 colours, at most 11 of them.
    const byColor = new Map<string, { client: TestClient; id: string }>();
    const same: { client: TestClient; id: string }[] = [];
    for (let i = 0; same.length === 0; i++) {
      const client = await member(owner, workspace, { role: "editor", name: `Editor ${i}`, label: `same${i}` });
      const id = await userId(client);
      const earlier = byColor.get(colorFor(id));
      if (earlier) same.push(earlier, { client, id });
      else byColor.set(colorFor(id), { client, id });
    }
    const [a, b] = same as [{ client: TestClient; id: string }, { client: TestClient; id: string }];
    expect(colorFor(a.id)).toBe(colorFor(b.id));
    const pa = peer(a.client, planId);
    const pb = peer(b.client, planId);
    await Promise.all([synced(pa), synced(pb)]);
    // Each announces the colour it prefers, as the editor does.
    pa.provider.awareness.setLocalStateField("user", { name: "A", color: colorFor(a.id) });
    pb.provider.awareness.setLocalStateField("user", { name: "B", color: colorFor(b.id) });
    const shownA = await waitFor(() => states(pb).get(pa.doc.clientID)?.user, 10_000, "A's presence");
    const shownB = await waitFor(() => states(pa).get(pb.doc.clientID)?.user, 10_000, "B's presence");
    expect(shownA.color).not.toBe(shownB.color);
    expect(PRESENCE_COLORS).toContain(shownA.color);
    expect(PRESENCE_COLORS).toContain(shownB.color);
    // Each sees itself as the other sees it.
    await waitFor(() => pa.provider.awareness.getLocalState()?.user?.color === shownA.color, 10_000, "A adopts");
    await waitFor(() => pb.provider.awareness.getLocalState()?.user?.color === shownB.color, 10_000, "B adopts");

    // Someone else joins: A and B keep their colours, the newcomer shows a third.
    const po = peer(owner, planId);
    await synced(po);
    po.provider.awareness.setLocalStateField("cursor", { anchor: 1 });
    const shownOwner = await waitFor(() => states(pa).get(po.doc.clientID)?.user, 10_000, "owner's presence");
    expect([shownA.color, shownB.color]).not.toContain(shownOwner.color);
    expect(states(po).get(pa.doc.clientID)?.user.color).toBe(shownA.color);
    expect(states(po).get(pb.doc.clientID)?.user.color).toBe(shownB.color);
    // B's second tab shows B's colour.
    const pb2 = peer(b.client, planId);
    await synced(pb2);
    pb2.provider.awareness.setLocalStateField("cursor", { anchor: 2 });
    const shownB2 = await waitFor(() => states(pa).get(pb2.doc.clientID)?.user, 10_000, "B's second tab");
    expect(shownB2.color).toBe(shownB.color);
  });

  it("relays a commenter's caret, stamped with their name", async () => {
    const planId = await createPlan(owner, workspace, { title: "Plan" });
    const commenter = await member(owner, workspace, { role: "commenter", name: "Cora Commenter" });
    const observer = peer(owner, planId);
    const p = peer(commenter, planId);
    await Promise.all([synced(observer), synced(p)]);
    p.provider.awareness.setLocalStateField("cursor", { anchor: "a", head: "b" });
    await waitFor(() => states(observer).get(p.doc.clientID)?.cursor, 10_000, "commenter caret");
    expect(states(observer).get(p.doc.clientID)!.user.name).toBe("Cora Commenter");
  });

  it("lets a connection speak for one client id only: inventions and forgeries are dropped", async () => {
    const planId = await createPlan(owner, workspace, { title: "Plan" });
    const victim = await member(owner, workspace, { role: "editor", name: "Vic Victim" });
    const attacker = await member(owner, workspace, { role: "commenter", name: "Ada Attacker" });
    const observer = peer(owner, planId);
    const v = peer(victim, planId);
    await Promise.all([synced(observer), synced(v)]);
    v.provider.awareness.setLocalStateField("cursor", { anchor: 1, head: 1 });
    await waitFor(() => states(observer).get(v.doc.clientID)?.cursor, 10_000, "victim presence");
    const victimState = structuredClone(states(observer).get(v.doc.clientID));

    const socket = await raw(attacker, planId);
    // Its first announcement is the victim's live client id: not its to take.
    socket.send(awarenessFrame([{ clientId: v.doc.clientID, clock: 1000, state: { cursor: { anchor: 9 } } }]));
    const own = 4242;
    await handled(socket, own, 1, observer);
    // Now it owns 4242; it overwrites the victim and invents a "CFO" who is not there.
    socket.send(
      awarenessFrame([
        { clientId: v.doc.clientID, clock: 2000, state: { user: { name: "Vic Victim" }, cursor: { anchor: 99 } } },
        { clientId: 777, clock: 1, state: { user: { name: "CFO", color: "#000" } } },
      ]),
    );
    await handled(socket, own, 2, observer);
    expect(states(observer).get(v.doc.clientID)).toEqual(victimState);
    expect(states(observer).has(777)).toBe(false);
    expect(named(observer, "CFO")).toEqual([]);
    expect(states(observer).get(own)!.user.name).toBe("Ada Attacker");
    const room = await app.collab.rooms.get(planId)!;
    expect([...room.awareness.getStates().keys()].sort()).toEqual([observer.doc.clientID, v.doc.clientID, own].sort());
  });

  it("removes a connection's presence when it closes, without a goodbye", async () => {
    const planId = await createPlan(owner, workspace, { title: "Plan" });
    const observer = peer(owner, planId);
    await synced(observer);
    const socket = await raw(await member(owner, workspace, { role: "viewer" }), planId);
    await handled(socket, 5151, 1, observer);
    socket.terminate();
    await waitFor(() => !states(observer).has(5151), 10_000, "presence removed");
    const room = await app.collab.rooms.get(planId)!;
    expect(room.awareness.getStates().has(5151)).toBe(false);
  });

  it("shows a member again at once when they reconnect with the same client id", async () => {
    const planId = await createPlan(owner, workspace, { title: "Plan" });
    const observer = peer(owner, planId);
    await synced(observer);
    const viewer = await member(owner, workspace, { role: "viewer" });
    const first = await raw(viewer, planId);
    await handled(first, 6161, 5, observer);
    first.terminate();
    await waitFor(() => !states(observer).has(6161), 10_000, "presence removed");
    // The same clock as before: the client does not know the server moved on when it removed the state.
    const second = await raw(viewer, planId);
    second.send(awarenessFrame([{ clientId: 6161, clock: 5, state: { marker: "back" } }]));
    await waitFor(() => states(observer).get(6161)?.marker === "back", 10_000, "presence back");
  });

  it("closes a connection whose presence state is over 8 KB, and keeps it out", async () => {
    const planId = await createPlan(owner, workspace, { title: "Plan" });
    const observer = peer(owner, planId);
    await synced(observer);
    const socket = await raw(await member(owner, workspace, { role: "commenter" }), planId);
    const closed = closeCode(socket);
    socket.send(awarenessFrame([{ clientId: 8181, clock: 1, state: { pad: "x".repeat(8 * 1024) } }]));
    expect(await closed).toBe(4431);
    expect(states(observer).has(8181)).toBe(false);
    // Within the limit is fine.
    const ok = await raw(await member(owner, workspace, { role: "commenter" }), planId);
    await handled(ok, 8282, 1, observer);
    ok.send(awarenessFrame([{ clientId: 8282, clock: 2, state: { pad: "x".repeat(7 * 1024) } }]));
    await waitFor(() => states(observer).get(8282)?.pad, 10_000, "7 KB state");
  });

  it("closes a connection whose presence message is over its cap, before reading the states", async () => {
    const planId = await createPlan(owner, workspace, { title: "Plan" });
    const observer = peer(owner, planId);
    await synced(observer);
    const socket = await raw(await member(owner, workspace, { role: "commenter" }), planId);
    const closed = closeCode(socket);
    // 1.6 MB of states for other client ids, each under 8 KB: the message is over the cap.
    const entries = Array.from({ length: 200 }, (_, i) => ({
      clientId: 10_000 + i,
      clock: 1,
      state: { pad: "y".repeat(8000) },
    }));
    socket.send(awarenessFrame(entries));
    expect(await closed).toBe(4431);
    expect([...states(observer).keys()]).toEqual([observer.doc.clientID]);
    expect((await fetch(app.url + "/healthz")).status).toBe(200);
  });
});
