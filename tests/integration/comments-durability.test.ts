import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient, uniqueEmail } from "../helpers/client";
import { scratchStorage, spawnServer, type ChildServer } from "../helpers/child-server";

// The server runs as a separate process so it can really be killed with SIGKILL. On a PGlite
// folder by default; on a scratch Postgres database with TEST_DB=postgres (helpers/child-server).

let storage: Awaited<ReturnType<typeof scratchStorage>>;
let server: ChildServer | undefined;

beforeAll(async () => {
  storage = await scratchStorage();
});
afterAll(async () => {
  server?.process.kill("SIGKILL");
  await server?.exited;
  await storage.cleanup();
});

describe("comment durability", () => {
  it("keeps every comment whose POST answered 201 through kill -9 and a restart", async () => {
    server = await spawnServer(storage.env);
    const owner = new TestClient(server.url);
    const email = uniqueEmail("comment-crash");
    await owner.signup("Owner", email);
    const district = await (await owner.api("POST", "/districts", { name: "Crash District" })).json();
    const ws = await (await owner.api("POST", `/districts/${district.slug}/workspaces`, { name: "Crash" })).json();
    const planId = (
      await (
        await owner.api("POST", `/workspaces/${ws.slug}/plans`, { title: "Plan", template: "equity_action_plan" })
      ).json()
    ).id as string;

    const started = await owner.api("POST", `/plans/${planId}/threads`, {
      body: "The first words",
      anchor: { quote: "Where we are" },
    });
    expect(started.status).toBe(201);
    const thread = (await started.json()) as { id: string };
    const bodies: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const body = `Reply ${i}, acknowledged`;
      const res = await owner.api("POST", `/threads/${thread.id}/comments`, { body });
      expect(res.status).toBe(201);
      bodies.push(body);
    }

    // Killed right after the last 201: no graceful shutdown, no chance to flush anything.
    server.process.kill("SIGKILL");
    await server.exited;

    server = await spawnServer(storage.env);
    const again = new TestClient(server.url);
    await again.login(email);
    const res = await again.api("GET", `/threads/${thread.id}`);
    expect(res.status).toBe(200);
    const shown = (await res.json()) as { comments: { body: string }[]; anchor: { status: string } };
    expect(shown.comments.map((c) => c.body)).toEqual(["The first words", ...bodies]);
    expect(shown.anchor.status).toBe("attached");
  }, 120_000);
});
