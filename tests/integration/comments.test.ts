import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, comments as commentRows } from "../../db/schema";
import type { TestClient } from "../helpers/client";
import { TestClient as Client } from "../helpers/client";
import { connectPeer, synced, waitFor, type Peer } from "../helpers/collab";
import { planText } from "../../app/domain/comments/plan-anchor";
import { startTestServer, type TestServer } from "../helpers/server";
import { createPlan, createWorkspace, member, signedUp } from "../helpers/workspace";

let app: TestServer;
let owner: TestClient;
let editor: TestClient;
let commenter: TestClient;
let viewer: TestClient;
let stranger: TestClient;
let workspace: string;
let planId: string;
const peers: Peer[] = [];

beforeAll(async () => {
  app = await startTestServer();
  owner = await signedUp(app.url, "Olivia Owner", "owner");
  workspace = await createWorkspace(owner, "Comment District", "Plans");
  editor = await member(owner, workspace, { role: "editor", name: "Eddie Editor" });
  commenter = await member(owner, workspace, {
    role: "commenter",
    stakeholderGroup: "coalition",
    name: "Cora Coalition",
  });
  viewer = await member(owner, workspace, { role: "viewer", stakeholderGroup: "family", name: "Rosa Family" });
  stranger = await signedUp(app.url, "Sam Stranger", "stranger");
  planId = await createPlan(owner, workspace, { title: "Equity plan", template: "equity_action_plan" });
});
afterAll(async () => {
  for (const p of peers) p.destroy();
  await app.close();
});

const me = async (c: TestClient) => (await (await c.api("GET", "/me")).json()).id as string;
const startThread = (c: TestClient, body: unknown, quote = "Where we are", occurrence?: number) =>
  c.api("POST", `/plans/${planId}/threads`, { body, anchor: { quote, ...(occurrence ? { occurrence } : {}) } });
async function threadBy(c: TestClient, body = "A question about this.") {
  const res = await startThread(c, body);
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; comments: { id: string }[] };
}

describe("threads on a plan passage", () => {
  it("anchors to the n-th appearance of a quote, lists threads in document order, and refuses a quote that is not there", async () => {
    const third = await (await startThread(owner, "On the third one", "Where we are", 3)).json();
    const first = await (await startThread(commenter, "On the first one", "Where we are", 1)).json();
    expect(first.anchor).toMatchObject({ quote: "Where we are", status: "attached" });
    expect(third.anchor.from).toBeGreaterThan(first.anchor.from);

    const { threads } = await (await viewer.api("GET", `/plans/${planId}/threads`)).json();
    const ids = threads.map((t: { id: string }) => t.id);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(third.id));
    expect(threads.find((t: { id: string }) => t.id === first.id).comments[0]).toMatchObject({
      author: { name: "Cora Coalition" },
      body: "On the first one",
      state: "visible",
    });

    const missing = await startThread(owner, "Nowhere", "words that are not in the plan");
    expect(missing.status).toBe(422);
    expect((await missing.json()).error.code).toBe("anchor_not_found");
    expect((await startThread(owner, "Too far", "Where we are", 999)).status).toBe(422);
  });

  it("lets owners, editors and commenters comment; viewers only when the workspace allows it; non-members get 404", async () => {
    for (const c of [owner, editor, commenter]) expect((await startThread(c, "Yes")).status).toBe(201);
    expect((await startThread(viewer, "Can I?")).status).toBe(403);
    expect((await startThread(stranger, "Hi")).status).toBe(404);
    expect((await stranger.api("GET", `/plans/${planId}/threads`)).status).toBe(404);
    expect((await new Client(app.url).api("GET", `/plans/${planId}/threads`)).status).toBe(401);

    // Only an owner changes the setting.
    expect((await editor.api("PATCH", `/workspaces/${workspace}`, { viewersMayComment: true })).status).toBe(403);
    const allowed = await owner.api("PATCH", `/workspaces/${workspace}`, { viewersMayComment: true });
    expect(allowed.status).toBe(200);
    expect((await allowed.json()).viewersMayComment).toBe(true);
    expect((await (await viewer.api("GET", `/workspaces/${workspace}`)).json()).permissions.comment).toBe(true);
    expect((await startThread(viewer, "Now I can")).status).toBe(201);
    await owner.api("PATCH", `/workspaces/${workspace}`, { viewersMayComment: false });
    expect((await startThread(viewer, "Not any more")).status).toBe(403);
  });

  it("refuses bad bodies with 422 and stores nothing", async () => {
    const before = (await app.db.select().from(commentRows)).length;
    for (const body of ["", "   ", "x".repeat(5001), 42, null, "bell\u0007"]) {
      const res = await startThread(commenter, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect((await res.json()).error.code).toBe("validation_failed");
    }
    expect((await commenter.api("POST", `/plans/${planId}/threads`, { body: "no anchor" })).status).toBe(422);
    expect((await app.db.select().from(commentRows)).length).toBe(before);
  });

  it("follows the passage while two people type before and inside it, and says 'removed' when it is deleted", async () => {
    const unique = await createPlan(owner, workspace, { title: "Moving target", template: "equity_action_plan" });
    const a = connectPeer(app.url, unique, { Cookie: owner.cookieHeader() });
    const b = connectPeer(app.url, unique, { Cookie: editor.cookieHeader() });
    peers.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    // The plan's first block of text (the template's introduction), as each person's editor holds it.
    const headingText = (p: Peer) => planText(p.doc.getXmlFragment("default")).pieces[0]!.text;
    const plain = (p: Peer) => planText(p.doc.getXmlFragment("default")).text;
    const quote = plain(a).slice(0, 8);
    const created = await owner.api("POST", `/plans/${unique}/threads`, { body: "Watch this", anchor: { quote } });
    expect(created.status).toBe(201);
    const thread = (await created.json()) as { id: string };

    headingText(a).insert(0, "Before ");
    headingText(b).insert("Before ".length + 2, "XY");
    const read = async () => (await (await commenter.api("GET", `/threads/${thread.id}`)).json()).anchor;
    await waitFor(async () => (await read()).from === "Before ".length, 5_000, "the passage to move");

    headingText(a).delete(0, headingText(a).length);
    await waitFor(async () => (await read()).status === "removed", 5_000, "the passage to be removed");
    expect(await read()).toMatchObject({ quote, status: "removed" });
  });
});

describe("replies, resolving, editing, deleting and hiding", () => {
  it("replies, resolves (hidden behind a toggle in the UI) and reopens; a resolved thread takes no reply", async () => {
    const thread = await threadBy(commenter);
    const reply = await owner.api("POST", `/threads/${thread.id}/comments`, { body: "Good point.\nLet's discuss." });
    expect(reply.status).toBe(201);
    expect(await reply.json()).toMatchObject({ body: "Good point.\nLet's discuss.", author: { name: "Olivia Owner" } });

    expect((await viewer.api("PATCH", `/threads/${thread.id}`, { resolved: true })).status).toBe(403);
    const resolved = await commenter.api("PATCH", `/threads/${thread.id}`, { resolved: true });
    expect(resolved.status).toBe(200);
    expect((await resolved.json()).resolved).toBe(true);
    expect((await editor.api("POST", `/threads/${thread.id}/comments`, { body: "late" })).status).toBe(409);
    expect((await editor.api("PATCH", `/threads/${thread.id}`, { resolved: true })).status).toBe(409);
    expect((await editor.api("PATCH", `/threads/${thread.id}`, { resolved: false })).status).toBe(200);
    expect((await editor.api("POST", `/threads/${thread.id}/comments`, { body: "now" })).status).toBe(201);
    expect((await stranger.api("PATCH", `/threads/${thread.id}`, { resolved: true })).status).toBe(404);
    expect((await stranger.api("POST", `/threads/${thread.id}/comments`, { body: "x" })).status).toBe(404);
  });

  it("lets authors edit and delete their own words only; an owner hides anyone's with a reason, kept for the audit log", async () => {
    const thread = await threadBy(commenter, "My first words");
    const commentId = thread.comments[0]!.id;
    expect((await editor.api("PATCH", `/comments/${commentId}`, { body: "hijack" })).status).toBe(403);
    expect((await stranger.api("PATCH", `/comments/${commentId}`, { body: "hijack" })).status).toBe(404);
    const edited = await commenter.api("PATCH", `/comments/${commentId}`, { body: "My better words" });
    expect(edited.status).toBe(200);
    const editedJson = await edited.json();
    expect(editedJson).toMatchObject({ body: "My better words", state: "visible" });
    expect(editedJson.editedAt).not.toBeNull();

    // Someone else's comment: an editor may not delete it; an owner hides it, and needs a reason.
    expect((await editor.api("DELETE", `/comments/${commentId}`, { reason: "no" })).status).toBe(403);
    expect((await owner.api("DELETE", `/comments/${commentId}`, {})).status).toBe(422);
    const hidden = await owner.api("DELETE", `/comments/${commentId}`, { reason: "Personal information" });
    expect(hidden.status).toBe(200);
    expect(await hidden.json()).toMatchObject({ state: "hidden", body: null });
    const [row] = await app.db.select().from(commentRows).where(eq(commentRows.id, commentId));
    expect(row).toMatchObject({ body: "My better words", hiddenReason: "Personal information" });
    const audit = await app.db.select().from(auditEvents).where(eq(auditEvents.action, "comment.hidden"));
    expect(audit.some((a) => (a.data as { commentId?: string }).commentId === commentId)).toBe(true);
    expect((await commenter.api("PATCH", `/comments/${commentId}`, { body: "undo" })).status).toBe(409);

    const mine = (await (
      await owner.api("POST", `/threads/${thread.id}/comments`, { body: "Mine to delete" })
    ).json()) as {
      id: string;
    };
    const deleted = await owner.api("DELETE", `/comments/${mine.id}`);
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toMatchObject({ state: "deleted", body: null });
    const [gone] = await app.db.select().from(commentRows).where(eq(commentRows.id, mine.id));
    expect(gone!.body).toBe("");
  });
});

describe("notifications", () => {
  it("tells mentioned members, thread participants and the plan's writers; never the author; a non-member mention reveals nothing", async () => {
    const [ownerId, editorId, strangerId] = await Promise.all([me(owner), me(editor), me(stranger)]);
    const read = async (c: TestClient) =>
      (await (await c.api("GET", "/me/notifications")).json()) as {
        unread: number;
        notifications: { id: string; kind: string; threadId: string }[];
      };
    await owner.api("POST", "/me/notifications/read", { all: true });
    await editor.api("POST", "/me/notifications/read", { all: true });

    const thread = await (
      await commenter.api("POST", `/plans/${planId}/threads`, {
        body: "@Eddie Editor what do you think?",
        anchor: { quote: "Where we are" },
        mentions: [editorId, strangerId],
      })
    ).json();
    expect(thread.id).toBeDefined();
    const forEditor = await read(editor);
    expect(forEditor.notifications.filter((n) => n.threadId === thread.id).map((n) => n.kind)).toEqual(["mention"]);
    expect((await read(stranger)).notifications).toEqual([]);

    await owner.api("POST", `/threads/${thread.id}/comments`, { body: "Replying" });
    const afterReply = await read(commenter);
    expect(afterReply.notifications.find((n) => n.threadId === thread.id)?.kind).toBe("reply");
    expect((await read(owner)).notifications.filter((n) => n.threadId === thread.id && n.kind === "reply")).toEqual([]);

    // Marking read: someone else's ids change nothing.
    const unread = afterReply.unread;
    const ids = afterReply.notifications.map((n) => n.id);
    expect((await (await owner.api("POST", "/me/notifications/read", { ids })).json()).unread).toBe(
      (await read(owner)).unread,
    );
    expect((await read(commenter)).unread).toBe(unread);
    expect((await (await commenter.api("POST", "/me/notifications/read", { ids: [ids[0]] })).json()).unread).toBe(
      unread - 1,
    );
    expect((await (await commenter.api("POST", "/me/notifications/read", { all: true })).json()).unread).toBe(0);
    expect(ownerId).not.toBe(editorId);
  });
});

describe("limits", () => {
  it("allows 30 comments a minute per member in a workspace, then 429 with a message", async () => {
    const busy = await member(owner, workspace, { role: "commenter", label: "busy" });
    const thread = await threadBy(busy, "1");
    for (let i = 2; i <= 30; i++) {
      expect((await busy.api("POST", `/threads/${thread.id}/comments`, { body: String(i) })).status).toBe(201);
    }
    const refused = await busy.api("POST", `/threads/${thread.id}/comments`, { body: "31" });
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe("rate_limited");
    // Someone else is not affected.
    expect((await commenter.api("POST", `/threads/${thread.id}/comments`, { body: "me too" })).status).toBe(201);
  });
});

describe("live", () => {
  /** The next named event (not a comment line) on a workspace's event stream. */
  async function eventsOf(client: TestClient) {
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

  it("a new thread, a reply, an edit and a resolve reach every member's event stream, on another server process too", async () => {
    // A second process over the same database: events cross through Postgres.
    const other = await startTestServer({ database: app.database });
    try {
      const viewerThere = new Client(other.url);
      for (const [name, value] of viewer.cookies) viewerThere.cookies.set(name, value);
      const here = await eventsOf(viewer);
      const there = await eventsOf(viewerThere);
      for (const s of [here, there]) expect((await s.next()).event).toBe("data.version");

      const thread = await threadBy(commenter, "Live?");
      for (const s of [here, there]) {
        expect(await s.next()).toEqual({
          event: "thread.created",
          data: { threadId: thread.id, target: { kind: "plan", id: planId }, commentId: thread.comments[0]!.id },
        });
      }
      const reply = (await (await owner.api("POST", `/threads/${thread.id}/comments`, { body: "Yes" })).json()) as {
        id: string;
      };
      for (const s of [here, there])
        expect(await s.next()).toMatchObject({ event: "comment.created", data: { commentId: reply.id } });
      await owner.api("PATCH", `/comments/${reply.id}`, { body: "Yes, live" });
      for (const s of [here, there])
        expect(await s.next()).toMatchObject({ event: "comment.updated", data: { commentId: reply.id } });
      await commenter.api("PATCH", `/threads/${thread.id}`, { resolved: true });
      for (const s of [here, there])
        expect(await s.next()).toMatchObject({ event: "thread.resolved", data: { threadId: thread.id } });
      // The events carry no words: readers fetch the thread, with their own rights.
      await here.close();
      await there.close();
    } finally {
      await other.close();
    }
  });
});
