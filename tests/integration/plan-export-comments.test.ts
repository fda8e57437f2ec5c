import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planText } from "../../app/domain/comments/plan-anchor";
import type { TestClient } from "../helpers/client";
import { connectPeer, synced, waitFor, type Peer } from "../helpers/collab";
import { startTestServer, type TestServer } from "../helpers/server";
import { createPlan, createWorkspace, member, signedUp } from "../helpers/workspace";

let app: TestServer;
let owner: TestClient;
let commenter: TestClient;
let viewer: TestClient;
let stranger: TestClient;
let workspace: string;
let planId: string;
let removedQuote: string;
const peers: Peer[] = [];

async function thread(c: TestClient, body: string, quote: string, occurrence = 1) {
  const res = await c.api("POST", `/plans/${planId}/threads`, { body, anchor: { quote, occurrence } });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; comments: { id: string }[] };
}
const exported = async (c: TestClient, query: string) => {
  const res = await c.api("GET", `/plans/${planId}/export?${query}`);
  expect(res.status).toBe(200);
  return res.text();
};

beforeAll(async () => {
  app = await startTestServer();
  owner = await signedUp(app.url, "Olivia Owner", "owner");
  workspace = await createWorkspace(owner, "Export District", "Exports");
  commenter = await member(owner, workspace, {
    role: "commenter",
    stakeholderGroup: "coalition",
    name: "Cora Coalition",
  });
  viewer = await member(owner, workspace, { role: "viewer", stakeholderGroup: "family", name: "Rosa Family" });
  stranger = await signedUp(app.url, "Sam Stranger", "stranger");
  planId = await createPlan(owner, workspace, { title: "Export plan", template: "equity_action_plan" });

  // Made in an order unlike the document's: notes are numbered in document order. (The
  // template's introduction names "Where we are" first; the headings are the next ones.)
  const second = await thread(commenter, "On the second one <script>alert(1)</script> *not bold*", "Where we are", 3);
  await thread(owner, "On the first one\nwith a second line", "Where we are", 2);
  const hidden = await thread(commenter, "Secret words to hide", "Where we are", 3);
  expect((await owner.api("DELETE", `/comments/${hidden.comments[0]!.id}`, { reason: "Off topic" })).status).toBe(200);
  const resolved = await thread(commenter, "Already settled", "Where we are", 4);
  expect((await owner.api("PATCH", `/threads/${resolved.id}`, { resolved: true })).status).toBe(200);
  expect((await owner.api("POST", `/threads/${second.id}/comments`, { body: "A reply from the owner" })).status).toBe(
    201,
  );

  // A thread whose passage is then deleted: listed last, without a marker.
  const peer = connectPeer(app.url, planId, { Cookie: owner.cookieHeader() });
  peers.push(peer);
  await synced(peer);
  const { text, pieces } = planText(peer.doc.getXmlFragment("default"));
  const first = pieces[0]!.text;
  removedQuote = text.slice(0, 8);
  await thread(commenter, "About the opening", removedQuote);
  first.delete(0, first.length);
  await waitFor(
    async () => (await exported(owner, "format=md&comments=1")).includes("The passage was removed from the plan."),
    10_000,
    "the deletion to be stored",
  );
});
afterAll(async () => {
  for (const p of peers) p.destroy();
  await app.close();
});

describe("exports with comments", () => {
  it("adds numbered markers after the passages and a Comments section to the Markdown, as a member may see them", async () => {
    const md = await exported(viewer, "format=md&comments=1");
    const notes = md.slice(md.indexOf("## Comments"));
    const body = md.slice(0, md.indexOf("## Comments"));
    // Markers right after the passages, in document order; two threads on one passage read [2][3].
    expect(body).toMatch(/Where we are\[1\]/);
    expect(body).toMatch(/Where we are\[2\]\[3\]/);
    expect(body.indexOf("[1]")).toBeLessThan(body.indexOf("[2][3]"));
    expect(body).not.toContain("[4]");

    expect(notes).toContain("**[1]** “Where we are”");
    expect(notes).toContain("- **Olivia Owner** (");
    expect(notes).toContain("On the first one\\\n  with a second line");
    // Comment text is escaped: no raw HTML, no emphasis the commenter did not get to write.
    expect(notes).toContain("&lt;script&gt;alert(1)&lt;/script&gt; \\*not bold\\*");
    expect(notes).toContain("A reply from the owner");
    expect(notes).toContain("_(comment hidden by a moderator)_");
    expect(md).not.toContain("Secret words to hide");
    // Resolved threads are not notes.
    expect(md).not.toContain("Already settled");
    // A removed passage: listed last, its quote kept, no marker in the text.
    expect(notes).toMatch(new RegExp(`\\*\\*\\[4\\]\\*\\* “[^”]*” _The passage was removed from the plan\\._`));
    expect(notes.indexOf("[4]")).toBeGreaterThan(notes.indexOf("[3]"));
  });

  it("does the same on the print page: linked markers and a numbered Comments section, escaped", async () => {
    const html = await exported(viewer, "format=html&comments=1");
    expect(html).toContain('Where we are<sup class="note-ref"><a href="#note-1" id="note-ref-1">[1]</a></sup>');
    expect(html).toContain('<h2 id="notes-heading">Comments</h2>');
    expect(html).toMatch(/<li id="note-1"><blockquote>Where we are<\/blockquote>/);
    expect(html).toContain("On the first one<br>with a second line");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain("<em>(comment hidden by a moderator)</em>");
    expect(html).not.toContain("Secret words to hide");
    expect(html).not.toContain("Already settled");
    expect(html).toMatch(/<li id="note-4">.*The passage was removed from the plan\./);
  });

  it("leaves comments out unless asked, in the reader's language when asked", async () => {
    for (const format of ["md", "html"]) {
      const plain = await exported(viewer, `format=${format}`);
      expect(plain).not.toContain("[1]");
      expect(plain).not.toContain("On the first one");
      expect(await exported(viewer, `format=${format}&comments=0`)).toBe(plain);
    }
    viewer.cookies.set("lang", "es");
    try {
      const md = await exported(viewer, "format=md&comments=1");
      expect(md).toContain("## Comentarios");
      expect(md).toContain("_(comentario ocultado por un moderador)_");
      expect(md).toContain("_El pasaje se eliminó del plan._");
    } finally {
      viewer.cookies.delete("lang");
    }
  });

  it("refuses a bad value with 400, and non-members get 404", async () => {
    const bad = await viewer.api("GET", `/plans/${planId}/export?format=md&comments=yes`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("bad_request");
    expect((await stranger.api("GET", `/plans/${planId}/export?format=md&comments=1`)).status).toBe(404);
  });
});
