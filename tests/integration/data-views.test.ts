import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, seedDemoDistrict } from "../../db/seed/demo";
import * as Y from "yjs";
import { TestClient, uniqueEmail } from "../helpers/client";
import { connectPeer, synced, waitFor } from "../helpers/collab";
import { startTestServer, type TestServer } from "../helpers/server";

let app: TestServer;
let sup: TestClient;
let family: TestClient;

beforeAll(async () => {
  app = await startTestServer();
  await seedDemoDistrict(app.db);
  sup = new TestClient(app.url);
  await sup.login("superintendent@riverbend.example", DEMO_PASSWORD);
  family = new TestClient(app.url);
  await family.login("rosa.garcia@riverbend.example", DEMO_PASSWORD);
});
afterAll(() => app.close());

const absenceBySchool = {
  title: "Pacific Islander chronic absence by school",
  spec: {
    chart: "scatter",
    fields: ["pct_low_income", "chronic_absence_pct"],
    groups: ["pacific_islander"],
    groupBy: "school",
  },
};
type Point = { label: string; x: number | null; y: number | null; size: number };
const pointOf = (body: { view: { points: Point[] } }, school: string) =>
  body.view.points.find((p) => p.label === school)!;

describe("saved data views", () => {
  it("computes a view for each reader, removing small cells for members outside cabinet and district staff", async () => {
    const created = await sup.api("POST", "/workspaces/family-budget-priorities/views", absenceBySchool);
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const staff = await (await sup.api("GET", `/views/${id}`)).json();
    const fam = await (await family.api("GET", `/views/${id}`)).json();
    expect(staff.version).toBe(1);
    // Alder Grove reports 5 Pacific Islander students, 40% chronically absent.
    expect(pointOf(staff, "Alder Grove Elementary School").y).toBe(40);
    expect(pointOf(fam, "Alder Grove Elementary School").y).toBeNull();
    expect(JSON.stringify(fam)).not.toMatch(/"y":40[,}]/);
    // Schools with enough students in the group are shown to both.
    const large = staff.view.points.filter((p: Point) => p.y !== null && pointOf(fam, p.label).y !== null);
    expect(large.length).toBeGreaterThan(0);
  });

  it("follows the latest data version unless pinned", async () => {
    const spending = { chart: "bar", fields: ["per_pupil_spending"], groups: ["all"], groupBy: "quartile" };
    const following = await (
      await sup.api("POST", "/workspaces/family-budget-priorities/views", { title: "Follows", spec: spending })
    ).json();
    const pinned = await (
      await sup.api("POST", "/workspaces/family-budget-priorities/views", {
        title: "Pinned",
        spec: spending,
        dataVersion: 1,
      })
    ).json();
    const dir = path.resolve(import.meta.dirname, "../../db/seed/data/riverbend");
    // A corrected package: one school's spending revised.
    const measures = readFileSync(path.join(dir, "measures.csv"), "utf8").replace(
      /^RUSD-001,per_pupil_spending,all,\d+/m,
      "RUSD-001,per_pupil_spending,all,25000"
    );
    const form = new FormData();
    form.set("schools", new Blob([readFileSync(path.join(dir, "schools.csv"))]), "schools.csv");
    form.set("measures", new Blob([measures]), "measures.csv");
    expect((await sup.request("POST", "/api/v1/districts/riverbend/data", { body: form })).status).toBe(201);
    const [f, p] = [
      await (await family.api("GET", `/views/${following.id}`)).json(),
      await (await family.api("GET", `/views/${pinned.id}`)).json(),
    ];
    expect(f.version).toBe(2);
    expect(p.version).toBe(1);
    expect(f.view.series[0].values).not.toEqual(p.view.series[0].values);
  });

  it("saves a view from the builder form, following the latest data or pinned to a version", async () => {
    const page = "/workspaces/family-budget-priorities/views";
    const fields = { chart: "bar", field: "per_pupil_spending", group: "all", groupBy: "quartile" };
    expect((await sup.postForm(page, { ...fields, title: "Form follows", dataVersion: "" })).status).toBe(302);
    expect((await sup.postForm(page, { ...fields, title: "Form pinned", dataVersion: "1" })).status).toBe(302);
    // A version the district does not have falls back to following the latest.
    expect((await sup.postForm(page, { ...fields, title: "Form bogus", dataVersion: "999" })).status).toBe(302);
    expect((await sup.postForm(page, { ...fields, title: "" })).status).toBe(400);
    expect((await family.postForm(page, { ...fields, title: "Not mine" })).status).toBe(403);
    const { views } = await (await sup.api("GET", "/workspaces/family-budget-priorities/views")).json();
    const byTitle = (t: string) => views.find((v: { title: string }) => v.title === t);
    expect(byTitle("Form follows").dataVersion).toBeNull();
    expect(byTitle("Form pinned").dataVersion).toBe(1);
    expect(byTitle("Form bogus").dataVersion).toBeNull();
    expect(byTitle("Not mine")).toBeUndefined();
  });

  it("refuses bad specs, members who may not create, and strangers", async () => {
    const bad = await sup.api("POST", "/workspaces/family-budget-priorities/views", {
      title: "Bad",
      spec: { chart: "scatter", fields: ["per_pupil_spending"], groups: ["all"], groupBy: "school" },
    });
    expect(bad.status).toBe(422);
    const hostile = await sup.api("POST", "/workspaces/family-budget-priorities/views", {
      title: "x",
      spec: { chart: "pie", fields: ["<script>"], groups: ["all"], groupBy: "school" },
    });
    expect(hostile.status).toBe(422);
    expect((await family.api("POST", "/workspaces/family-budget-priorities/views", absenceBySchool)).status).toBe(403);
    const { views } = await (await family.api("GET", "/workspaces/family-budget-priorities/views")).json();
    const stranger = new TestClient(app.url);
    await stranger.signup("Sam Stranger", uniqueEmail("stranger"));
    expect((await stranger.api("GET", `/views/${views[0].id}`)).status).toBe(404);
    expect((await stranger.api("GET", "/views/not-a-view")).status).toBe(404);
    // A cabinet-only workspace's views stay out of reach of a family member too.
    const cabinet = await (await sup.api("POST", "/workspaces/cabinet-strategic-plan/views", absenceBySchool)).json();
    expect((await family.api("GET", `/views/${cabinet.id}`)).status).toBe(404);
  });

  it("exports embedded views as the reader sees them: a drawing and the data table, or a note when out of reach", async () => {
    const view = await (
      await sup.api("POST", "/workspaces/family-budget-priorities/views", {
        title: "Spending by poverty <quartile>",
        spec: { chart: "bar", fields: ["per_pupil_spending"], groups: ["all"], groupBy: "quartile" },
      })
    ).json();
    const foreign = await (await sup.api("POST", "/workspaces/cabinet-strategic-plan/views", absenceBySchool)).json();
    const plan = await (
      await sup.api("POST", "/workspaces/family-budget-priorities/plans", { title: "With a chart" })
    ).json();
    const peer = connectPeer(app.url, plan.id, { Cookie: sup.cookieHeader() });
    await synced(peer);
    const fragment = peer.doc.getXmlFragment("default");
    for (const id of [view.id, foreign.id]) {
      const node = new Y.XmlElement("dataView");
      node.setAttribute("viewId", id);
      fragment.insert(fragment.length, [node]);
    }
    await waitFor(async () =>
      (await (await sup.api("GET", `/plans/${plan.id}/export?format=json`)).text()).includes(foreign.id)
    );
    peer.destroy();

    const md = await (await family.api("GET", `/plans/${plan.id}/export?format=md`)).text();
    expect(md).toContain("**Spending by poverty \\<quartile\\>**");
    expect(md).toContain("| Group | Per-pupil spending ($) |");
    expect(md).toMatch(/\| Highest poverty \(Q4\) \| [\d,.]+ \|/);
    // The cabinet workspace's view is not the family member's to see.
    expect(md).toContain("This data view is not available to you.");
    expect(md).not.toContain("Pacific Islander");

    const html = await (await family.api("GET", `/plans/${plan.id}/export?format=html`)).text();
    expect(html).toContain('<figure class="chart"><svg');
    expect(html).toContain('aria-label="Spending by poverty &lt;quartile&gt;"');
    expect(html).not.toContain("<quartile>");
    expect(html).toMatch(/<th><p>Highest poverty \(Q4\)<\/p><\/th>|<td><p>Highest poverty \(Q4\)<\/p><\/td>/);
  });
});
