import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { planUpdates, planVersions, users, workspaces } from "../../db/schema";
import type { Text } from "../../app/domain/diagnostics/views";
import { listPlansWithLastEdit } from "../../app/models/plans.server";
import { compactPlan } from "../../app/models/plan-storage.server";
import { demoMember, startDemoServer } from "../helpers/demo";
import type { TestServer } from "../helpers/server";
import { createPlan, createWorkspace, member, signedUp } from "../helpers/workspace";
import type { TestClient } from "../helpers/client";

let app: TestServer;
beforeAll(async () => {
  app = await startDemoServer();
});
afterAll(() => app.close());

const HOME = "routes/workspaces.$workspace._index";
type HomeData = {
  plans: { id: string; title: string; lastEdit: { by: string; at: string } | null }[];
  data: {
    version: number;
    suppressed: boolean;
    headlines: { dimension: string; viewId: string; finding: Text }[];
  } | null;
  canManageData: boolean;
};
async function home(client: TestClient, workspace: string): Promise<HomeData> {
  const res = await client.get(`/workspaces/${workspace}?_data=${encodeURIComponent(HOME)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as HomeData;
}

describe("plans with who edited each last", () => {
  it("names the last editor from stored edits, or from versions once edits are compacted, in one query", async () => {
    const owner = await signedUp(app.url, "Olivia Owner", "home-owner");
    const slug = await createWorkspace(owner, "Home District", "Home");
    const editor = await member(owner, slug, { role: "editor", name: "Eddie Editor", label: "home-editor" });
    const [eddie] = await app.db.select().from(users).where(eq(users.name, "Eddie Editor"));
    const [workspace] = await app.db.select().from(workspaces).where(eq(workspaces.slug, slug));
    const compacted = await createPlan(owner, slug, { title: "Compacted", template: "equity_action_plan" });
    const edited = await createPlan(owner, slug, { title: "Edited", template: "equity_action_plan" });
    const blank = await createPlan(owner, slug, { title: "Blank", template: "blank" });
    expect(editor).toBeDefined();

    // Eddie edits one plan; the other's updates are folded into a snapshot and only an automatic version,
    // saved after Eddie's edits, still says who edited it.
    const later = new Date(Date.now() + 60_000);
    await app.db
      .insert(planUpdates)
      .values({ planId: edited, update: new Uint8Array([0, 0]), userId: eddie!.id, createdAt: later });
    await compactPlan(app.db, compacted);
    await app.db.insert(planVersions).values({
      planId: compacted,
      kind: "auto",
      state: new Uint8Array([0, 0]),
      createdBy: eddie!.id,
      createdAt: later,
    });

    // Every query of the drizzle handle goes through its session.
    const session = (app.db as unknown as { session: { prepareQuery: (...a: unknown[]) => unknown } }).session;
    const queries = vi.spyOn(session, "prepareQuery");
    const plans = await listPlansWithLastEdit(app.db, workspace!.id);
    expect(queries).toHaveBeenCalledTimes(1);
    queries.mockRestore();

    const byTitle = Object.fromEntries(plans.map((p) => [p.title, p.lastEdit]));
    expect(byTitle.Edited).toEqual({ by: "Eddie Editor", at: later });
    expect(byTitle.Compacted).toEqual({ by: "Eddie Editor", at: later });
    // A blank plan nobody has typed in has no edit to name.
    expect(byTitle.Blank).toBeNull();
    expect(plans.map((p) => p.id).sort()).toEqual([compacted, edited, blank].sort());
  });
});

describe("a workspace's home", () => {
  it("shows a family member the headline findings exactly as the diagnostic shows them to them", async () => {
    const family = await demoMember(app.url, "family");
    const { data } = await home(family, "family-budget-priorities");
    expect(data?.suppressed).toBe(true);
    expect(data!.headlines.length).toBeGreaterThan(0);
    for (const h of data!.headlines) {
      const route = "routes/workspaces.$workspace.diagnostic.($dimension)";
      const res = await family.get(
        `/workspaces/family-budget-priorities/diagnostic/${h.dimension}?_data=${encodeURIComponent(route)}`,
      );
      const { views } = (await res.json()) as { views: { id: string; finding: Text | null }[] };
      expect(views.find((v) => v.id === h.viewId)?.finding, h.dimension).toEqual(h.finding);
    }
  });

  it("invites a family member to read the plan first, in Spanish when they read Spanish", async () => {
    const family = await demoMember(app.url, "family");
    const html = await (
      await family.get("/workspaces/family-budget-priorities", { Cookie: `${family.cookieHeader()}; lang=es` })
    ).text();
    // (The page also carries the whole dictionary as data: look for rendered markup, not phrases alone.)
    const start = html.indexOf('<h2 id="start-heading">Empiece aquí</h2>');
    expect(start).toBeGreaterThan(-1);
    // Before the list of plans and the members.
    expect(start).toBeLessThan(html.indexOf('id="plans-heading"'));
    expect(html).toContain("Leer «Tutoría intensiva: revisión del retorno de la inversión»");
    expect(html).toContain("Editado por Marcus Webb");
  });

  it("tells a commenter with no plans who can start one, and offers an owner the template", async () => {
    const superintendent = await demoMember(app.url, "superintendent");
    const owner = await (await superintendent.get("/workspaces/community-coalition-data-review")).text();
    const templateButton = '<input type="hidden" name="template" value="equity_action_plan"/>';
    expect(owner).toContain(templateButton);
    expect(owner).toContain(">Start from the 10-dimension template</button>");
    expect(owner).not.toContain('id="start-heading"');

    const coalition = await signedUp(app.url, "Casey Coalition", "home-coalition");
    const invited = await superintendent.api("POST", "/workspaces/community-coalition-data-review/invitations", {
      role: "commenter",
      stakeholderGroup: "coalition",
    });
    const token = ((await invited.json()) as { url: string }).url.split("/invite/")[1]!;
    expect((await coalition.api("POST", `/invitations/${token}/accept`)).status).toBe(200);
    const reader = await (await coalition.get("/workspaces/community-coalition-data-review")).text();
    expect(reader).toContain("No plans yet. The workspace&#x27;s owners and editors can start one: ");
    expect(reader).toMatch(/can start one: (Elena Márquez, Marcus Webb|Marcus Webb, Elena Márquez)\./);
    expect(reader).not.toContain(templateButton);
    // With no plan, the one thing to do is to read the data.
    expect(reader).toMatch(/<h2 id="start-heading">Start here<\/h2>[^]*?diagnostic">See what the data says<\/a>/);
  });

  it("starts a plan from the 10-dimension template with one button", async () => {
    const superintendent = await demoMember(app.url, "superintendent");
    const res = await superintendent.postForm("/workspaces/community-coalition-data-review?index", {
      intent: "create-plan",
      template: "equity_action_plan",
      title: "Resource equity action plan",
    });
    expect(res.status).toBe(302);
    const { plans } = await home(superintendent, "community-coalition-data-review");
    expect(plans.map((p) => [p.title, p.lastEdit?.by])).toEqual([["Resource equity action plan", "Elena Márquez"]]);
  });
});
