import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../helpers/client";
import { scratchStorage, spawnServer, type ChildServer } from "../helpers/child-server";
import { createPlan, createWorkspace, member, signedUp } from "../helpers/workspace";

// Two server processes (the production build) over one Postgres database: a comment posted on
// one reaches an event stream on the other through Postgres NOTIFY (no Redis). Separate
// processes cannot share a PGlite folder, so this file runs in the Postgres project only.
let storage: Awaited<ReturnType<typeof scratchStorage>>;
let first: ChildServer;
let second: ChildServer;

beforeAll(async () => {
  storage = await scratchStorage();
  // Migrations run once, before the second process starts on the same database.
  first = await spawnServer(storage.env);
  second = await spawnServer(storage.env);
  // Two production servers starting on a busy machine take longer than the default hook timeout.
}, 180_000);
afterAll(async () => {
  for (const s of [first, second]) {
    if (!s) continue;
    s.process.kill("SIGTERM");
    await s.exited;
  }
  await storage?.cleanup();
});

/** Named events (comment lines skipped) of a workspace's event stream. */
async function eventsOf(client: TestClient, workspace: string) {
  const res = await client.get(`/api/v1/workspaces/${workspace}/events`);
  expect(res.status).toBe(200);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  return {
    async next(): Promise<{ event: string; data: Record<string, unknown> }> {
      for (;;) {
        const end = buffer.indexOf("\n\n");
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) return { event, data: JSON.parse(data) };
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error("stream ended");
        buffer += value;
      }
    },
    close: () => reader.cancel(),
  };
}

describe("comments across server processes", () => {
  it("a thread and a reply posted on process 1 arrive on a member's event stream on process 2, and the other way round", async () => {
    const owner = await signedUp(first.url, "Olivia Owner", "owner2p");
    const workspace = await createWorkspace(owner, "Two Process District", "Plans");
    const commenter = await member(owner, workspace, {
      role: "commenter",
      stakeholderGroup: "coalition",
      name: "Cora",
    });
    const viewer = await member(owner, workspace, { role: "viewer", stakeholderGroup: "family", name: "Rosa" });
    const planId = await createPlan(owner, workspace, { title: "Equity plan", template: "equity_action_plan" });

    // The same session, used against each process.
    const on = (c: TestClient, server: ChildServer) => {
      const there = new TestClient(server.url);
      for (const [name, value] of c.cookies) there.cookies.set(name, value);
      return there;
    };
    const onSecond = await eventsOf(on(viewer, second), workspace);
    const onFirst = await eventsOf(on(viewer, first), workspace);
    for (const s of [onSecond, onFirst]) expect((await s.next()).event).toBe("data.version");

    const started = await on(commenter, first).api("POST", `/plans/${planId}/threads`, {
      body: "Posted on process 1",
      anchor: { quote: "Where we are" },
    });
    expect(started.status).toBe(201);
    const thread = (await started.json()) as { id: string; comments: { id: string }[] };
    expect(await onSecond.next()).toEqual({
      event: "thread.created",
      data: { threadId: thread.id, target: { kind: "plan", id: planId }, commentId: thread.comments[0]!.id },
    });

    const replied = await on(owner, second).api("POST", `/threads/${thread.id}/comments`, {
      body: "Answered on process 2",
    });
    expect(replied.status).toBe(201);
    const reply = (await replied.json()) as { id: string };
    // Process 2's own stream hears the reply as well as process 1's.
    expect(await onFirst.next()).toMatchObject({ event: "thread.created", data: { threadId: thread.id } });
    expect(await onFirst.next()).toEqual({
      event: "comment.created",
      data: { threadId: thread.id, target: { kind: "plan", id: planId }, commentId: reply.id },
    });
    expect(await onSecond.next()).toMatchObject({ event: "comment.created", data: { commentId: reply.id } });
    await onSecond.close();
    await onFirst.close();
  });
});
