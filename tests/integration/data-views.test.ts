import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDataPackage } from "../../app/domain/district-data/parse";
import { povertyQuartiles } from "../../app/domain/metrics";
import * as Y from "yjs";
import type { TestClient } from "../helpers/client";
import { connectPeer, synced, waitFor } from "../helpers/collab";
import { demoMember, startDemoServer } from "../helpers/demo";
import { riverbend, uploadPackage } from "../helpers/district-data";
import type { TestServer } from "../helpers/server";
import { signedUp } from "../helpers/workspace";

let app: TestServer;
let sup: TestClient;
let family: TestClient;

beforeAll(async () => {
  app = await startDemoServer();
  sup = await demoMember(app.url, "superintendent");
  family = await demoMember(app.url, "family");
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

/** A new plan of the family workspace, embedding these views (typed in by the superintendent, live). */
async function planEmbedding(title: string, viewIds: string[]): Promise<{ id: string }> {
  const plan = await (await sup.api("POST", "/workspaces/family-budget-priorities/plans", { title })).json();
  const peer = connectPeer(app.url, plan.id, { Cookie: sup.cookieHeader() });
  await synced(peer);
  const fragment = peer.doc.getXmlFragment("default");
  for (const id of viewIds) {
    const node = new Y.XmlElement("dataView");
    node.setAttribute("viewId", id);
    fragment.insert(fragment.length, [node]);
  }
  await waitFor(async () =>
    (await (await sup.api("GET", `/plans/${plan.id}/export?format=json`)).text()).includes(viewIds.at(-1)!),
  );
  peer.destroy();
  return plan;
}

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

  it("judges a plotted count of students by the count itself: a family member gets no count under 10", async () => {
    const created = await sup.api("POST", "/workspaces/family-budget-priorities/views", {
      title: "Black eighth graders by school",
      spec: { chart: "scatter", fields: ["pct_low_income", "grade8_students"], groups: ["black"], groupBy: "school" },
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const staff = await (await sup.api("GET", `/views/${id}`)).json();
    const fam = await (await family.api("GET", `/views/${id}`)).json();
    // Driftwood K-8 Academy (RUSD-025) has 3 Black eighth graders, though more Black students overall.
    expect(pointOf(staff, "Driftwood K-8 Academy").y).toBe(3);
    expect(pointOf(fam, "Driftwood K-8 Academy")).toMatchObject({ x: null, y: null });
    const counts = fam.view.points.map((p: Point) => p.y).filter((y: number | null) => y !== null);
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.every((y: number) => y >= 10)).toBe(true);
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
    // A corrected package: one school's spending revised.
    const measures = riverbend.measures.replace(
      /^RUSD-001,per_pupil_spending,all,\d+/m,
      "RUSD-001,per_pupil_spending,all,25000",
    );
    expect((await uploadPackage(sup, "riverbend", { schools: riverbend.schools, measures })).status).toBe(201);
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

  it("builds a view of up to four measures and six student groups from the form, within six series", async () => {
    const page = "/workspaces/family-budget-priorities/views";
    const groups = ["all", "low_income", "black", "latinx", "white", "english_learner"];
    const form = (title: string, measures: string[], chosen: string[]): [string, string][] => [
      ["chart", "bar"],
      ...measures.map((m): [string, string] => ["field", m]),
      ...chosen.map((g): [string, string] => ["group", g]),
      ["groupBy", "quartile"],
      ["title", title],
    ];
    const savedViews = async () =>
      (await (await sup.api("GET", "/workspaces/family-budget-priorities/views")).json()).views as {
        title: string;
        spec: unknown;
      }[];

    // Three measures of all students (one series each), one of them chosen twice: three series.
    const four = ["per_pupil_spending", "counselors_fte", "per_pupil_spending", "avg_core_class_size"];
    expect((await sup.postForm(page, form("Four measures", four, groups))).status).toBe(302);
    // One measure reported by group, six groups: six series.
    const one = ["chronic_absence_pct"];
    expect((await sup.postForm(page, form("Six groups", one, groups))).status).toBe(302);
    const saved = await savedViews();
    expect(saved.find((v) => v.title === "Four measures")!.spec).toMatchObject({
      fields: ["per_pupil_spending", "counselors_fte", "avg_core_class_size"],
      groups,
    });
    expect(saved.find((v) => v.title === "Six groups")!.spec).toMatchObject({ fields: one, groups });

    // Seven groups, or eight series: refused, nothing saved, and the builder names the problem by the groups.
    const seven = form("Seven groups", one, [...groups, "asian"]);
    const eight = form("Eight series", ["chronic_absence_pct", "suspensions_per_100"], groups.slice(0, 4));
    for (const bad of [seven, eight]) expect((await sup.postForm(page, bad)).status).toBe(400);
    expect((await savedViews()).filter((v) => ["Seven groups", "Eight series"].includes(v.title))).toEqual([]);
    const inGroups = (message: string) =>
      new RegExp(`<fieldset[^>]*>(?:(?!</fieldset>)[\\s\\S])*Student groups(?:(?!</fieldset>)[\\s\\S])*${message}`);
    const preview = async (query: [string, string][]) =>
      (await sup.get(`${page}?${new URLSearchParams(query).toString()}`)).text();
    expect(await preview(seven)).toMatch(inGroups("Choose between one and six student groups."));
    expect(await preview(eight)).toMatch(inGroups("A chart shows at most six series"));
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
    const stranger = await signedUp(app.url, "Sam Stranger", "stranger");
    expect((await stranger.api("GET", `/views/${views[0].id}`)).status).toBe(404);
    expect((await stranger.api("GET", "/views/not-a-view")).status).toBe(404);
    // A cabinet-only workspace's views stay out of reach of a family member too.
    const cabinet = await (await sup.api("POST", "/workspaces/cabinet-strategic-plan/views", absenceBySchool)).json();
    expect((await family.api("GET", `/views/${cabinet.id}`)).status).toBe(404);
  });

  it("saves a view filtered by poverty quartile, neighborhood and level, and reads it back filtered", async () => {
    const spec = {
      chart: "bar",
      fields: ["per_pupil_spending"],
      groups: ["all"],
      groupBy: "school",
      levels: ["elementary"],
      quartiles: [3, 4],
      neighborhoods: ["Cedar Flats", "Southport"],
    };
    const created = await sup.api("POST", "/workspaces/family-budget-priorities/views", { title: "Filtered", spec });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    const { views } = await (await sup.api("GET", "/workspaces/family-budget-priorities/views")).json();
    expect(views.find((v: { id: string }) => v.id === id).spec).toEqual(spec);

    // The schools it should keep, from the package itself: quartiles over all 40 schools, then the filters.
    const parsed = parseDataPackage(riverbend);
    if (!parsed.ok) throw new Error("the demo package does not parse");
    const expected = povertyQuartiles(parsed.data.schools)
      .filter(({ school, quartile }) => quartile >= 3 && school.level === "elementary")
      .filter(({ school }) => ["Cedar Flats", "Southport"].includes(school.neighborhood ?? ""))
      .map(({ school }) => school.schoolName);
    expect(expected.length).toBeGreaterThan(0);
    const { view } = await (await family.api("GET", `/views/${id}`)).json();
    expect(view.categories.map((c: { key: string }) => c.key).sort()).toEqual(expected.sort());
    expect(view.series[0].values.every((v: number | null) => typeof v === "number")).toBe(true);
  });

  it("refuses unknown filter values, from the API and the builder form, and stores nothing", async () => {
    const page = "/workspaces/family-budget-priorities/views";
    const base = { chart: "bar", fields: ["per_pupil_spending"], groups: ["all"], groupBy: "quartile" };
    const atlantis = await sup.api("POST", page, {
      title: "Atlantis",
      spec: { ...base, neighborhoods: ["Southport", "Atlantis"] },
    });
    expect(atlantis.status).toBe(422);
    expect((await atlantis.json()).error).toMatchObject({
      code: "validation_failed",
      details: { fields: { "spec.neighborhoods.1": "Choose neighborhoods that appear in the district's data." } },
    });
    const fifth = await sup.api("POST", page, { title: "Fifth quartile", spec: { ...base, quartiles: [1, 5] } });
    expect(fifth.status).toBe(422);
    expect((await fifth.json()).error.details.fields).toEqual({
      "spec.quartiles.1": "Choose poverty quartiles from Q1 (lowest poverty) to Q4 (highest poverty).",
    });

    const form = (title: string, extra: [string, string][]) =>
      sup.request("POST", `/workspaces/family-budget-priorities/views`, {
        body: new URLSearchParams([
          ["chart", "bar"],
          ["field", "per_pupil_spending"],
          ["group", "all"],
          ["groupBy", "neighborhood"],
          ["title", title],
          ...extra,
        ]).toString(),
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
      });
    const badForm = await form("Form Atlantis", [["neighborhood", "Atlantis"]]);
    expect(badForm.status).toBe(400);
    expect(await badForm.text()).toContain("validation.unknownNeighborhood");
    expect((await form("Form Q0", [["quartile", "0"]])).status).toBe(400);
    // The preview marks the neighborhood checkboxes, which list the data's neighborhoods.
    const preview = await (
      await sup.get(`${page}?chart=bar&field=per_pupil_spending&group=all&neighborhood=Atlantis`)
    ).text();
    expect(preview).toMatch(
      /<fieldset class="checkbox-group" aria-describedby="[^"]*-error"><legend>Neighborhoods<\/legend>/,
    );
    expect(preview).toContain('<input type="checkbox" name="neighborhood" value="Cedar Flats"/>');
    expect(preview).toContain("Choose neighborhoods that appear in the district&#x27;s data.");
    const good = await form("Form two quartiles", [
      ["quartile", "1"],
      ["quartile", "4"],
      ["neighborhood", "Eastgate"],
    ]);
    expect(good.status).toBe(302);

    const { views } = await (await sup.api("GET", page)).json();
    const titles = views.map((v: { title: string }) => v.title);
    expect(titles).not.toContain("Atlantis");
    expect(titles).not.toContain("Fifth quartile");
    expect(titles).not.toContain("Form Atlantis");
    expect(titles).not.toContain("Form Q0");
    expect(views.find((v: { title: string }) => v.title === "Form two quartiles").spec).toMatchObject({
      quartiles: [1, 4],
      neighborhoods: ["Eastgate"],
      levels: [],
    });
  });

  it("exports embedded views as the reader sees them: a drawing and the data table, or a note when out of reach", async () => {
    const view = await (
      await sup.api("POST", "/workspaces/family-budget-priorities/views", {
        title: "Spending by poverty <quartile>",
        spec: { chart: "bar", fields: ["per_pupil_spending"], groups: ["all"], groupBy: "quartile" },
      })
    ).json();
    const foreign = await (await sup.api("POST", "/workspaces/cabinet-strategic-plan/views", absenceBySchool)).json();
    const plan = await planEmbedding("With a chart", [view.id, foreign.id]);

    const md = await (await family.api("GET", `/plans/${plan.id}/export?format=md`)).text();
    expect(md).toContain("**Spending by poverty &lt;quartile&gt;**");
    expect(md).toContain("| Group | Per-pupil spending ($) |");
    expect(md).toMatch(/\| Highest poverty \(Q4\) \| \$[\d,]+ \|/);
    // The cabinet workspace's view is not the family member's to see.
    expect(md).toContain("This data view is not available to you.");
    expect(md).not.toContain("Pacific Islander");

    const html = await (await family.api("GET", `/plans/${plan.id}/export?format=html`)).text();
    expect(html).toContain('<figure class="chart"><svg');
    expect(html).toContain('aria-label="Spending by poverty &lt;quartile&gt;"');
    expect(html).not.toContain("<quartile>");
    expect(html).toMatch(/<th><p>Highest poverty \(Q4\)<\/p><\/th>|<td><p>Highest poverty \(Q4\)<\/p><\/td>/);

    // A saved version's preview draws the same views, for the same reader.
    const saved = await (await sup.api("POST", `/plans/${plan.id}/versions`, { name: "With its chart" })).json();
    const preview = await (
      await family.get(`/workspaces/family-budget-priorities/plans/${plan.id}/history/${saved.id}`)
    ).text();
    expect(preview).toContain('<figure class="chart"><svg');
    expect(preview).toContain('aria-label="Spending by poverty &lt;quartile&gt;"');
    expect(preview).toContain("This data view is not available to you.");
    // The page carries the reader's whole dictionary (every group's name) as root data: the
    // hidden view must not show up anywhere else, rendered or in the page's own data.
    expect(preview.replace(/"messages":\{.*?\},"user":/s, "")).not.toContain("Pacific Islander");
  });

  it("exports a plan's embedded views with small cells as each reader may see them", async () => {
    const absence = await (await sup.api("POST", "/workspaces/family-budget-priorities/views", absenceBySchool)).json();
    const grade8 = await (
      await sup.api("POST", "/workspaces/family-budget-priorities/views", {
        title: "Black eighth graders",
        spec: { chart: "scatter", fields: ["pct_low_income", "grade8_students"], groups: ["black"], groupBy: "school" },
      })
    ).json();
    const plan = await planEmbedding("With small cells", [absence.id, grade8.id]);

    const exported = async (client: TestClient, format: "md" | "html") =>
      (await client.api("GET", `/plans/${plan.id}/export?format=${format}`)).text();
    // Alder Grove: 5 Pacific Islander students, 40% of them chronically absent (84.8% low income, 372 students).
    // Driftwood K-8 Academy: 3 Black eighth graders (21.8% low income, 711 students).
    const staffMd = await exported(sup, "md");
    expect(staffMd).toContain("| Alder Grove Elementary School | 84.8 | 40 | 372 |");
    expect(staffMd).toContain("| Driftwood K-8 Academy | 21.8 | 3 | 711 |");
    const familyMd = await exported(family, "md");
    expect(familyMd).toContain("**Pacific Islander chronic absence by school**");
    expect(familyMd).toContain("**Black eighth graders**");
    // A hidden point keeps neither coordinate nor its size.
    expect(familyMd).toContain("| Alder Grove Elementary School | — | — | — |");
    expect(familyMd).toContain("| Driftwood K-8 Academy | — | — | — |");
    expect(familyMd).not.toMatch(/Alder Grove Elementary School \|[^\n]*\b40\b/);
    expect(familyMd).not.toMatch(/Driftwood K-8 Academy \|[^\n]*\| 3 \|/);

    // The data tables of the print page: a school's row is its name, then x, y and enrollment.
    const row = (school: string, ...cells: string[]) =>
      new RegExp(`<t[hd]><p>${school}</p></t[hd]>${cells.map((c) => `<td><p>${c}</p></td>`).join("")}`, "g");
    const staffHtml = await exported(sup, "html");
    expect(staffHtml).toMatch(row("Alder Grove Elementary School", "84.8", "40", "372"));
    expect(staffHtml).toMatch(row("Driftwood K-8 Academy", "21.8", "3", "711"));
    const familyHtml = await exported(family, "html");
    expect(familyHtml).toContain('<figure class="chart"><svg');
    expect(familyHtml.match(row("Alder Grove Elementary School", "—", "—", "—"))).toHaveLength(1);
    // Driftwood also has 7 Pacific Islander students: hidden in both views.
    expect(familyHtml.match(row("Driftwood K-8 Academy", "—", "—", "—"))).toHaveLength(2);
    expect(familyHtml).not.toMatch(row("Alder Grove Elementary School", "[^<]*", "40"));
    expect(familyHtml).not.toMatch(row("Driftwood K-8 Academy", "[^<]*", "3"));
  });
});
