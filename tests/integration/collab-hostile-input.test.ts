import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../helpers/client";
import { connectPeer, synced, tryUpgrade, waitFor, type Peer } from "../helpers/collab";
import { closeCode, rawStatusLine, requestText, upgradeHeaders } from "../helpers/raw-socket";
import { startTestServer, type TestServer } from "../helpers/server";
import { createPlan, createWorkspace, member, signedUp } from "../helpers/workspace";

// Each of these once took the whole process down; now each gets an answer and the server stays up.

let app: TestServer;
let owner: TestClient;
let workspace: string;
let host: string;
const peers: Peer[] = [];

beforeAll(async () => {
  app = await startTestServer();
  owner = await signedUp(app.url, "Owner", "owner");
  workspace = await createWorkspace(owner, "Hostile District", "Plans");
  host = new URL(app.url).host;
});
afterAll(async () => {
  for (const p of peers) p.destroy();
  await app.close();
});

const healthy = async () => (await fetch(app.url + "/healthz")).status === 200;
const upgrade = (target: string, extra: Record<string, string> = {}) =>
  rawStatusLine(app.server.port, requestText(target, upgradeHeaders(host, extra)));

describe("upgrade requests", () => {
  it("answers a malformed percent-escape in the plan id with 404, signed in or not", async () => {
    expect(await upgrade("/collab/%E0%A4%A")).toBe("HTTP/1.1 404 Not Found");
    expect(await upgrade("/collab/%E0%A4%A", { Cookie: owner.cookieHeader() })).toBe("HTTP/1.1 404 Not Found");
    expect(await healthy()).toBe(true);
  });

  it("answers a request target that is not a URL with 400", async () => {
    expect(await upgrade("http://[/x")).toBe("HTTP/1.1 400 Bad Request");
    expect(await upgrade("http://[/collab/x")).toBe("HTTP/1.1 400 Bad Request");
    expect(await healthy()).toBe(true);
  });

  it("answers a session cookie that does not decode with 401", async () => {
    const planId = await createPlan(owner, workspace, { title: "Plan" });
    expect(await upgrade(`/collab/${planId}`, { Cookie: "rq_session=%E0%A4%A" })).toBe("HTTP/1.1 401 Unauthorized");
    expect(await healthy()).toBe(true);
  });
});

describe("frames from members", () => {
  it("closes a read-only member who sends sync step 1 with a malformed state vector, and only them", async () => {
    const planId = await createPlan(owner, workspace, { title: "Plan" });
    const commenter = await member(owner, workspace, { role: "commenter" });
    const good = connectPeer(app.url, planId, { Cookie: owner.cookieHeader() });
    peers.push(good);
    await synced(good);
    const ws = app.url.replace("http", "ws") + "/collab/" + planId;
    const { socket } = await tryUpgrade(ws, { Cookie: commenter.cookieHeader(), Origin: app.url });
    const closed = closeCode(socket!);
    socket!.send(Uint8Array.of(0x00, 0x00, 0x03, 0xff, 0x01, 0x02));
    expect(await closed).toBe(4400);
    expect(await healthy()).toBe(true);
    good.text.insert(0, "still editing");
    const room = await app.collab.rooms.get(planId)!;
    await waitFor(() => room.doc.getText("content").toString() === "still editing", 10_000, "edit after attack");
    expect(good.provider.wsconnected).toBe(true);
  });
});
