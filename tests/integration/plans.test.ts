import { eq } from "drizzle-orm";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planVersions, plans } from "../../db/schema";
import { planDocument } from "../../app/models/plan-content.server";
import type { DocNode } from "../../app/domain/plan-document";
import type { TestClient } from "../helpers/client";
import { connectPeer, synced, waitFor, type Peer } from "../helpers/collab";
import { startTestServer, type TestServer } from "../helpers/server";
import { createPlan as createPlanId, createWorkspace, member as joinWorkspace, signedUp } from "../helpers/workspace";

let app: TestServer;
let owner: TestClient;
let stranger: TestClient;
let workspace: string;
const peers: Peer[] = [];

beforeAll(async () => {
  app = await startTestServer();
  owner = await signedUp(app.url, "Olivia Owner", "owner");
  workspace = await createWorkspace(owner, "Plans District", "Cabinet");
  stranger = await signedUp(app.url, "Sam Stranger", "stranger");
});
afterAll(async () => {
  for (const p of peers) p.destroy();
  await app.close();
});

async function createPlan(body: Record<string, unknown>, client = owner) {
  return client.api("POST", `/workspaces/${workspace}/plans`, body);
}
const newPlanId = (title = "Plan", template = "blank") => createPlanId(owner, workspace, { title, template });
const member = (role: "editor" | "viewer", name: string = role) => joinWorkspace(owner, workspace, { role, name });

/** A collaborator bound to the editor's field ("default"), writing paragraphs as tiptap would. */
function peer(client: TestClient, planId: string) {
  const p = connectPeer(app.url, planId, { Cookie: client.cookieHeader() });
  peers.push(p);
  return p;
}
const fragment = (p: Peer) => p.doc.getXmlFragment("default");
function writeParagraph(p: Peer, text: string) {
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText(text)]);
  fragment(p).insert(fragment(p).length, [paragraph]);
}
function replaceAll(p: Peer, text: string) {
  p.doc.transact(() => {
    fragment(p).delete(0, fragment(p).length);
    writeParagraph(p, text);
  });
}
const textOf = (p: Peer) => fragment(p).toString();
const headings = (doc: DocNode) =>
  (doc.content ?? []).filter((n) => n.type === "heading").map((n) => (n.content ?? []).map((t) => t.text).join(""));

describe("plans", () => {
  it("creates plans from translated templates", async () => {
    const res = await createPlan({ title: "  Equity plan 2027 ", template: "equity_action_plan" });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; title: string; updatedAt: string };
    expect(created.title).toBe("Equity plan 2027");
    expect(Number.isNaN(Date.parse(created.updatedAt))).toBe(false);
    const doc = await planDocument(app.db, created.id);
    const h = headings(doc);
    expect(h).toContain("School funding");
    expect(h).toContain("Diverse schools");
    expect(h.filter((x) => x === "Where we are")).toHaveLength(10);
    expect(JSON.stringify(doc)).toContain("How we will know");

    owner.cookies.set("lang", "es");
    const es = (await (await createPlan({ title: "Revisión", template: "strategic_roi_review" })).json()) as {
      id: string;
    };
    owner.cookies.delete("lang");
    const esDoc = await planDocument(app.db, es.id);
    expect(headings(esDoc)).toEqual(expect.arrayContaining(["La inversión", "Evidencia hasta ahora", "Decisión"]));
    expect(JSON.stringify(esDoc)).toContain('"taskItem"');

    const list = (await (await owner.api("GET", `/workspaces/${workspace}/plans`)).json()) as {
      plans: { id: string }[];
    };
    expect(list.plans.map((p) => p.id)).toEqual(expect.arrayContaining([created.id, es.id]));
    const one = await (await owner.api("GET", `/plans/${created.id}`)).json();
    expect(one).toMatchObject({ id: created.id, title: "Equity plan 2027", workspace, canEdit: true, archived: false });
  });

  it("refuses bad plan input and creates nothing", async () => {
    const before = (await app.db.select({ id: plans.id }).from(plans)).length;
    const badTemplate = await createPlan({ title: "X", template: "<script>" });
    expect(badTemplate.status).toBe(422);
    expect((await badTemplate.json()).error.details.fields.template).toMatch(/template/i);
    const noTitle = await createPlan({ title: "   " });
    expect(noTitle.status).toBe(422);
    const tooLong = await createPlan({ title: "x".repeat(201) });
    expect(tooLong.status).toBe(422);
    const notJson = await owner.api("POST", `/workspaces/${workspace}/plans`, "{oops");
    expect(notJson.status).toBe(400);
    const viewer = await member("viewer");
    expect((await createPlan({ title: "Mine" }, viewer)).status).toBe(403);
    expect((await app.db.select({ id: plans.id }).from(plans)).length).toBe(before);
  });

  it("exports Markdown, a print page and JSON faithful to the document", async () => {
    const planId = await newPlanId("ROI <review>", "strategic_roi_review");
    const md = await owner.api("GET", `/plans/${planId}/export?format=md`);
    expect(md.status).toBe(200);
    expect(md.headers.get("content-type")).toContain("text/markdown");
    const mdText = await md.text();
    expect(mdText).toContain("# ROI &lt;review&gt;");
    expect(mdText).toContain("## The investment");
    expect(mdText).toContain("- [ ] Stop");

    const html = await owner.api("GET", `/plans/${planId}/export?format=html`);
    const page = await html.text();
    expect(page).toContain("<h1>ROI &lt;review&gt;</h1>");
    expect(page).toContain("<h3>Decision</h3>");
    expect(page).not.toContain("<review>");

    const equity = await newPlanId("Equity", "equity_action_plan");
    const table = await (await owner.api("GET", `/plans/${equity}/export?format=md`)).text();
    expect(table).toContain("| Action | Owner | Timeline | Cost | How we will know |");
    const asJson = await (await owner.api("GET", `/plans/${equity}/export?format=json`)).json();
    expect(asJson.document.type).toBe("doc");

    expect((await owner.api("GET", `/plans/${planId}/export?format=pdf`)).status).toBe(400);
  });

  it("exports a plan with a non-Latin title under an ASCII fallback name and its UTF-8 name", async () => {
    const planId = await newPlanId("Kế hoạch 計画");
    const md = await owner.api("GET", `/plans/${planId}/export?format=md`);
    expect(md.status).toBe(200);
    expect(md.headers.get("content-disposition")).toBe(
      `attachment; filename="Ke-hoach-.md"; filename*=UTF-8''${encodeURIComponent("Kế-hoạch-計画")}.md`,
    );
    expect(await md.text()).toContain("# Kế hoạch 計画\n");
  });

  it("hides plans from non-members on every plan route, as if they did not exist", async () => {
    const planId = await newPlanId("Private");
    const named = await owner.api("POST", `/plans/${planId}/versions`, { name: "v1" });
    const versionId = ((await named.json()) as { id: string }).id;
    const apiPaths = [`/plans/${planId}`, `/plans/${planId}/export?format=md`, `/plans/${planId}/versions`];
    for (const path of apiPaths) {
      const res = await stranger.api("GET", path);
      expect(res.status, path).toBe(404);
      expect((await res.json()).error.code).toBe("not_found");
    }
    expect((await stranger.api("GET", "/plans/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await stranger.api("POST", `/plans/${planId}/versions`, { name: "x" })).status).toBe(404);
    expect((await stranger.api("POST", `/plans/${planId}/versions/${versionId}/restore`)).status).toBe(404);
    for (const path of ["", "/history", `/history/${versionId}`]) {
      const res = await stranger.get(`/workspaces/${workspace}/plans/${planId}${path}`);
      expect(res.status, path).toBe(404);
    }
    const res = await stranger.postForm(`/workspaces/${workspace}/plans/${planId}/history`, {
      intent: "restore",
      version: versionId,
    });
    expect(res.status).toBe(404);
    expect((await app.db.select().from(planVersions).where(eq(planVersions.planId, planId))).length).toBe(1);
  });

  it("renames, archives, restores and deletes through the plan page, by role", async () => {
    const planId = await newPlanId("Draft");
    const page = `/workspaces/${workspace}/plans/${planId}`;
    const html = await (await owner.get(page)).text();
    expect(html).toContain("Draft");
    expect((await owner.postForm(page, { intent: "rename", title: "Final plan" })).status).toBe(200);
    expect((await owner.api("GET", `/plans/${planId}`).then((r) => r.json())).title).toBe("Final plan");
    expect((await owner.postForm(page, { intent: "rename", title: "" })).status).toBe(400);

    expect((await owner.postForm(page, { intent: "archive" })).status).toBe(200);
    const archived = (await (await owner.api("GET", `/workspaces/${workspace}/plans`)).json()) as {
      plans: { id: string }[];
    };
    expect(archived.plans.map((p) => p.id)).not.toContain(planId);
    expect((await owner.api("GET", `/plans/${planId}`).then((r) => r.json())).archived).toBe(true);
    expect((await owner.postForm(page, { intent: "restore" })).status).toBe(200);
    expect((await owner.api("GET", `/plans/${planId}`).then((r) => r.json())).archived).toBe(false);

    const editor = await member("editor");
    const refused = await editor.postForm(page, { intent: "delete", confirm: "yes" });
    expect(refused.status).toBe(403);
    // The app's error page, in the reader's language, as for any other refused action.
    expect(await refused.text()).toContain("Your role does not allow this.");
    expect((await owner.postForm(page, { intent: "delete" })).status).toBe(400);
    expect((await owner.api("GET", `/plans/${planId}`)).status).toBe(200);
    const deleted = await owner.postForm(page, { intent: "delete", confirm: "yes" });
    expect(deleted.status).toBe(302);
    expect((await owner.api("GET", `/plans/${planId}`)).status).toBe(404);
  });

  it("creates a plan from the workspace page form and opens it", async () => {
    const res = await owner.postForm(`/workspaces/${workspace}?index`, {
      intent: "create-plan",
      title: "From the form",
      template: "equity_action_plan",
    });
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^/workspaces/${workspace}/plans/[0-9a-f-]{36}$`));
    expect(await (await owner.get(location)).text()).toContain("From the form");
    const bad = await owner.postForm(`/workspaces/${workspace}?index`, {
      intent: "create-plan",
      title: "",
      template: "nope",
    });
    expect(bad.status).toBe(400);
  });
});

describe("version history", () => {
  it("restores a version as a live change every collaborator sees, keeping what it replaced", async () => {
    const planId = await newPlanId("History");
    const editor = await member("editor", "Eddie Editor");
    const a = peer(owner, planId);
    const b = peer(editor, planId);
    await Promise.all([synced(a), synced(b)]);
    writeParagraph(a, "first draft");
    await waitFor(() => textOf(b).includes("first draft"), 10_000, "first draft reaching b");
    await waitFor(async () => JSON.stringify(await planDocument(app.db, planId)).includes("first draft"));

    const saved = await owner.api("POST", `/plans/${planId}/versions`, { name: "Draft 1" });
    expect(saved.status).toBe(201);
    const version = (await saved.json()) as { id: string; kind: string; name: string; createdBy: string };
    expect(version).toMatchObject({ kind: "named", name: "Draft 1", createdBy: "Olivia Owner" });

    replaceAll(b, "second draft");
    await waitFor(
      () => textOf(a).includes("second draft") && !textOf(a).includes("first draft"),
      10_000,
      "b's rewrite",
    );

    const viewer = await member("viewer");
    expect((await viewer.api("POST", `/plans/${planId}/versions/${version.id}/restore`)).status).toBe(403);
    expect((await viewer.api("POST", `/plans/${planId}/versions`, { name: "nope" })).status).toBe(403);
    const otherPlan = await newPlanId("Other");
    expect((await owner.api("POST", `/plans/${otherPlan}/versions/${version.id}/restore`)).status).toBe(404);
    expect(textOf(a)).toContain("second draft");

    const restored = await editor.api("POST", `/plans/${planId}/versions/${version.id}/restore`);
    expect(restored.status).toBe(200);
    for (const p of [a, b]) {
      await waitFor(() => textOf(p).includes("first draft") && !textOf(p).includes("second draft"), 10_000, "restore");
    }
    const stored = JSON.stringify(await planDocument(app.db, planId));
    expect(stored).toContain("first draft");
    expect(stored).not.toContain("second draft");

    // The replaced text is kept as a version of its own, previewable read-only.
    const list = (await (await owner.api("GET", `/plans/${planId}/versions`)).json()) as {
      versions: { id: string; kind: string; createdBy: string }[];
    };
    const backup = list.versions.find((v) => v.kind === "before_restore")!;
    expect(backup.createdBy).toBe("Eddie Editor");
    const preview = await (await viewer.get(`/workspaces/${workspace}/plans/${planId}/history/${backup.id}`)).text();
    expect(preview).toMatch(/<div class="version-preview"><p>second draft<\/p><\/div>/);
    const history = await (await viewer.get(`/workspaces/${workspace}/plans/${planId}/history`)).text();
    expect(history).toContain("Draft 1");
    expect(history).not.toContain('name="intent" value="restore"');
  });

  it("restores through the history page form, even with nobody connected", async () => {
    const planId = await newPlanId("Offline restore", "strategic_roi_review");
    const page = `/workspaces/${workspace}/plans/${planId}/history`;
    const versionCount = async () =>
      (await (await owner.api("GET", `/plans/${planId}/versions`)).json()).versions.length;
    const before = await versionCount();
    // An intent the page does not know is refused, and saves nothing.
    expect((await owner.postForm(page, { intent: "publish", name: "Nope" })).status).toBe(400);
    expect(await versionCount()).toBe(before);
    expect((await owner.postForm(page, { intent: "save", name: "" })).status).toBe(400);
    expect((await owner.postForm(page, { intent: "save", name: "Template as created" })).status).toBe(200);
    const [version] = (await (await owner.api("GET", `/plans/${planId}/versions`)).json()).versions as { id: string }[];
    const p = peer(owner, planId);
    await synced(p);
    replaceAll(p, "rewritten");
    await waitFor(async () => JSON.stringify(await planDocument(app.db, planId)).includes("rewritten"));
    p.destroy();
    await waitFor(() => !app.collab.rooms.has(planId), 10_000, "room unload");

    expect((await owner.postForm(page, { intent: "restore", version: version!.id })).status).toBe(200);
    const stored = JSON.stringify(await planDocument(app.db, planId));
    expect(stored).toContain("The investment");
    expect(stored).not.toContain("rewritten");
    expect((await owner.postForm(page, { intent: "restore", version: "not-a-version" })).status).toBe(404);
  });

  it("saves automatic versions at most once per interval of editing", async () => {
    const planId = await newPlanId("Auto");
    const a = peer(owner, planId);
    await synced(a);
    const autoVersions = async () =>
      (await app.db.select().from(planVersions).where(eq(planVersions.planId, planId))).filter(
        (v) => v.kind === "auto",
      );
    writeParagraph(a, "one");
    await waitFor(async () => (await autoVersions()).length === 1, 10_000, "first automatic version");
    for (const word of ["two", "three", "four"]) {
      writeParagraph(a, word);
      await waitFor(async () => JSON.stringify(await planDocument(app.db, planId)).includes(word));
    }
    // Within the default 10 minutes, later edits add no version.
    expect(await autoVersions()).toHaveLength(1);
  });
});

describe("automatic versions with a short interval", () => {
  let quick: TestServer;
  beforeAll(async () => {
    quick = await startTestServer({ collab: { autoVersionEveryMs: 400 } });
  });
  afterAll(async () => quick.close());

  it("keeps the last state of a stretch of work, and never two versions within the interval", async () => {
    const client = await signedUp(quick.url, "Quick", "quick");
    const district = await (await client.api("POST", "/districts", { name: "Quick District" })).json();
    const ws = (
      await (await client.api("POST", `/districts/${district.slug}/workspaces`, { name: "Quick plans" })).json()
    ).slug;
    const planId = (
      (await (await client.api("POST", `/workspaces/${ws}/plans`, { title: "Quick" })).json()) as { id: string }
    ).id;
    const p = connectPeer(quick.url, planId, { Cookie: client.cookieHeader() });
    peers.push(p);
    await synced(p);
    const versions = () => quick.db.select().from(planVersions).where(eq(planVersions.planId, planId));
    writeParagraph(p, "start");
    await waitFor(async () => (await versions()).length === 1, 10_000, "leading version");
    writeParagraph(p, "later words");
    // The edit made inside the interval is captured when the interval ends.
    const all = await waitFor(
      async () => {
        const rows = await versions();
        return rows.length === 2 ? rows : null;
      },
      10_000,
      "trailing version",
    );
    const [first, second] = all!.sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime());
    expect(second!.createdAt.getTime() - first!.createdAt.getTime()).toBeGreaterThanOrEqual(400);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, second!.state);
    expect(doc.getXmlFragment("default").toString()).toContain("later words");
  });
});
