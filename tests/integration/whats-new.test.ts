import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../helpers/client";
import { shownMarkup } from "../helpers/html";
import { startTestServer, type TestServer } from "../helpers/server";
import { createPlan, createWorkspace, member, signedUp } from "../helpers/workspace";

let app: TestServer;
let owner: TestClient;
let commenter: TestClient;
let editor: TestClient;
let workspace: string;
let planId: string;

beforeAll(async () => {
  app = await startTestServer();
  owner = await signedUp(app.url, "Olivia Owner", "owner");
  workspace = await createWorkspace(owner, "News District", "News workspace");
  commenter = await member(owner, workspace, {
    role: "commenter",
    stakeholderGroup: "coalition",
    name: "Cora Coalition",
  });
  editor = await member(owner, workspace, { role: "editor", name: "Eddie Editor" });
  planId = await createPlan(owner, workspace, { title: "News plan", template: "equity_action_plan" });
});
afterAll(() => app.close());

const home = async (c: TestClient) => {
  const res = await c.get(`/workspaces/${workspace}`);
  expect(res.status).toBe(200);
  return shownMarkup(await res.text());
};
async function thread(c: TestClient, body: string, quote = "Where we are") {
  const res = await c.api("POST", `/plans/${planId}/threads`, { body, anchor: { quote } });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}

describe("what's new on the workspace home", () => {
  it("counts threads started, replies and resolutions by others since the last visit, links them, then starts over", async () => {
    // A first visit: the plan was just made, nothing discussed yet.
    expect(await home(owner)).not.toContain("New since your last visit");

    const older = await thread(owner, "Mine: not news to me");
    const a = await thread(commenter, "A first question");
    const b = await thread(editor, "A second question");
    for (const body of ["Reply one", "Reply two"]) {
      expect((await commenter.api("POST", `/threads/${older.id}/comments`, { body })).status).toBe(201);
    }
    expect((await owner.api("POST", `/threads/${a.id}/comments`, { body: "My own reply" })).status).toBe(201);
    expect((await editor.api("PATCH", `/threads/${b.id}`, { resolved: true })).status).toBe(200);

    const page = await home(owner);
    expect(page).toContain("New since your last visit");
    expect(page).toContain("2 new threads");
    expect(page).toContain("2 new replies");
    expect(page).toContain("1 thread resolved");
    for (const t of [older, a, b])
      expect(page).toContain(`href="/workspaces/${workspace}/plans/${planId}?thread=${t.id}"`);

    // The visit is recorded: the next one starts from here.
    const again = await home(owner);
    expect(again).not.toContain("New since your last visit");

    // One more reply, in Spanish with its singular.
    expect((await commenter.api("POST", `/threads/${a.id}/comments`, { body: "Otra" })).status).toBe(201);
    owner.cookies.set("lang", "es");
    try {
      const es = await home(owner);
      expect(es).toContain("Novedades desde su última visita");
      expect(es).toContain("1 respuesta nueva");
      expect(es).not.toContain("conversación nueva");
    } finally {
      owner.cookies.delete("lang");
    }
  });

  it("is counted per member: one member's visit does not clear another's news", async () => {
    await home(editor);
    await home(commenter);
    await thread(owner, "For everyone");
    expect(await home(editor)).toContain("1 new thread");
    expect(await home(commenter)).toContain("1 new thread");
    expect(await home(editor)).not.toContain("New since your last visit");
  });

  it("leaves out hidden and deleted replies, and hides everything from non-members", async () => {
    await home(editor);
    const t = await thread(owner, "Hidden soon");
    const reply = (await (await commenter.api("POST", `/threads/${t.id}/comments`, { body: "Oops" })).json()) as {
      id: string;
    };
    expect((await commenter.api("DELETE", `/comments/${reply.id}`)).status).toBe(200);
    const page = await home(editor);
    expect(page).toContain("1 new thread");
    expect(page).not.toContain("new repl");
    const stranger = await signedUp(app.url, "Sam Stranger", "stranger");
    expect((await stranger.get(`/workspaces/${workspace}`)).status).toBe(404);
  });
});
