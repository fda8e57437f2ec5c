import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient, uniqueEmail } from "../helpers/client";
import { connectPeer, synced, waitFor, type Peer } from "../helpers/collab";
import { scratchStorage, spawnServer, type ChildServer } from "../helpers/child-server";

// The server runs as a separate process so it can really be killed with SIGKILL.

let storage: Awaited<ReturnType<typeof scratchStorage>>;
const peers: Peer[] = [];
let server: ChildServer | undefined;

beforeAll(async () => {
  storage = await scratchStorage();
});
afterAll(async () => {
  for (const p of peers) p.destroy();
  server?.process.kill("SIGKILL");
  await server?.exited;
  await storage.cleanup();
});

describe("durability", () => {
  it("keeps every edit a collaborator saw through kill -9 and a restart", async () => {
    server = await spawnServer(storage.env);
    const owner = new TestClient(server.url);
    const email = uniqueEmail("crash");
    await owner.signup("Owner", email);
    const district = await (await owner.api("POST", "/districts", { name: "Crash District" })).json();
    const ws = await (await owner.api("POST", `/districts/${district.slug}/workspaces`, { name: "Crash" })).json();
    const planId = (await (await owner.api("POST", `/workspaces/${ws.slug}/plans`, { title: "Plan" })).json()).id;

    const writer = connectPeer(server.url, planId, { Cookie: owner.cookieHeader() });
    const reader = connectPeer(server.url, planId, { Cookie: owner.cookieHeader() });
    peers.push(writer, reader);
    await Promise.all([synced(writer), synced(reader)]);
    const words = Array.from({ length: 30 }, (_, i) => `word${i} `);
    for (const w of words) writer.text.insert(writer.text.length, w);
    const expected = words.join("");
    // What the reader sees has been relayed, so it must already be stored.
    await waitFor(() => reader.text.toString() === expected, 10_000, "reader sees all words");
    writer.destroy();
    reader.destroy();

    server.process.kill("SIGKILL");
    await server.exited;

    server = await spawnServer(storage.env);
    const again = new TestClient(server.url);
    await again.login(email);
    const fresh = connectPeer(server.url, planId, { Cookie: again.cookieHeader() });
    peers.push(fresh);
    await synced(fresh);
    expect(fresh.text.toString()).toBe(expected);
  });

  it("shuts down gracefully on SIGTERM", async () => {
    const running = server ?? (await spawnServer(storage.env));
    running.process.kill("SIGTERM");
    expect(await running.exited).toBe(0);
    server = undefined;
  });
});
