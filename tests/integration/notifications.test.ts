import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../helpers/client";
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
  workspace = await createWorkspace(owner, "Inbox District", "Inbox workspace");
  commenter = await member(owner, workspace, {
    role: "commenter",
    stakeholderGroup: "coalition",
    name: "Cora Coalition",
  });
  editor = await member(owner, workspace, { role: "editor", name: "Eddie Editor" });
  planId = await createPlan(owner, workspace, { title: "Inbox plan", template: "equity_action_plan" });
});
afterAll(() => app.close());

const idOf = async (c: TestClient) => (await (await c.api("GET", "/me")).json()).id as string;
const inbox = async (c: TestClient) => {
  const res = await c.get("/notifications");
  expect(res.status).toBe(200);
  return shownMarkup(await res.text());
};
const unread = async (c: TestClient) => (await (await c.api("GET", "/me/notifications")).json()).unread as number;
/** The bell's accessible name in the header of any page. */
const bell = async (c: TestClient) =>
  /aria-label="(Notifica[^"]*)"/.exec(shownMarkup(await (await c.get("/workspaces")).text()))?.[1];

async function mention(who: TestClient, by: TestClient, body: string) {
  const res = await by.api("POST", `/plans/${planId}/threads`, {
    body,
    anchor: { quote: "Where we are" },
    mentions: [await idOf(who)],
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; comments: { id: string }[] };
}

describe("the inbox", () => {
  it("lists one's own notifications with who, where and the comment's first words, linking to the thread", async () => {
    const thread = await mention(editor, commenter, "@Eddie Editor could you check these numbers?");
    const page = await inbox(editor);
    expect(page).toContain("Cora Coalition mentioned you");
    expect(page).toContain("Plan: Inbox plan");
    expect(page).toContain("could you check these numbers?");
    expect(page).toContain(`href="/workspaces/${workspace}/plans/${planId}?thread=${thread.id}"`);
    // Only one's own: a member who was not mentioned and never wrote in the plan hears nothing.
    const bystander = await member(owner, workspace, { role: "commenter", name: "Bea Bystander", label: "bystander" });
    expect(await inbox(bystander)).not.toContain("could you check these numbers?");
    expect(await bell(editor)).toBe("Notifications, 1 unread");
  });

  it("shows a hidden comment's state, never its words", async () => {
    const thread = await mention(editor, commenter, "Private phone number 555-0100");
    expect(
      (await owner.api("DELETE", `/comments/${thread.comments[0]!.id}`, { reason: "Personal information" })).status,
    ).toBe(200);
    const page = await inbox(editor);
    expect(page).toContain("A moderator hid this comment.");
    expect(page).not.toContain("555-0100");
  });

  it("marks one read, and all read, through forms that work without JavaScript; others' ids change nothing", async () => {
    await mention(editor, commenter, "One more for the inbox");
    const before = await unread(editor);
    expect(before).toBeGreaterThanOrEqual(2);
    const { notifications } = await (await editor.api("GET", "/me/notifications")).json();
    const first = notifications.find((n: { read: boolean }) => !n.read).id as string;

    // Someone else's id: accepted, nothing changes.
    expect((await owner.postForm("/notifications", { intent: "read", id: first })).status).toBe(303);
    expect(await unread(editor)).toBe(before);

    const one = await editor.postForm("/notifications", { intent: "read", id: first });
    expect(one.status).toBe(303);
    expect(one.headers.get("location")).toBe("/notifications");
    expect(await unread(editor)).toBe(before - 1);

    expect((await editor.postForm("/notifications", { intent: "read", id: "not-an-id" })).status).toBe(400);
    expect((await editor.postForm("/notifications", { intent: "shred" })).status).toBe(400);
    expect(await unread(editor)).toBe(before - 1);

    expect((await editor.postForm("/notifications", { intent: "read-all" })).status).toBe(303);
    expect(await unread(editor)).toBe(0);
    expect(await bell(editor)).toBe("Notifications");
    expect(await inbox(editor)).not.toContain("Mark all as read");
  });

  it("says so when there is nothing, in English and in Spanish with the count's plural", async () => {
    const newcomer = await signedUp(app.url, "Nina Newcomer", "newcomer");
    expect(await inbox(newcomer)).toContain("Nothing here yet.");
    await newcomer.postForm("/set-language", { lang: "es", redirectTo: "/notifications" });
    const page = await inbox(newcomer);
    expect(page).toContain("Todavía no hay nada aquí.");
    expect(await bell(newcomer)).toBe("Notificaciones");

    const spanishEditor = new TestClient(app.url);
    for (const [k, v] of editor.cookies) spanishEditor.cookies.set(k, v);
    spanishEditor.cookies.set("lang", "es");
    await mention(editor, commenter, "Uno");
    await mention(editor, commenter, "Dos");
    expect(await bell(spanishEditor)).toBe("Notificaciones, 2 sin leer");
    expect(await inbox(spanishEditor)).toContain("Cora Coalition le mencionó");
  });

  it("stops showing and counting a workspace's notifications once one has left it", async () => {
    const leaver = await member(owner, workspace, { role: "commenter", name: "Lee Leaver", label: "leaver" });
    await mention(leaver, commenter, "Before you go, Lee");
    expect(await inbox(leaver)).toContain("Before you go, Lee");
    expect(await unread(leaver)).toBe(1);

    expect((await leaver.postForm(`/workspaces/${workspace}?index`, { intent: "leave" })).status).toBe(302);
    expect(await inbox(leaver)).not.toContain("Before you go, Lee");
    expect(await inbox(leaver)).toContain("Nothing here yet.");
    expect(await unread(leaver)).toBe(0);
    expect(await bell(leaver)).toBe("Notifications");
  });

  it("asks a visitor who is not signed in to sign in", async () => {
    const res = await new TestClient(app.url).get("/notifications");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(/^\/login\?redirectTo=%2Fnotifications/);
    expect((await new TestClient(app.url).postForm("/notifications", { intent: "read-all" })).status).toBe(302);
  });
});
