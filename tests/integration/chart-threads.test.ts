import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commentThreads, comments as commentRows } from "../../db/schema";
import type { TestClient } from "../helpers/client";
import { TestClient as Client } from "../helpers/client";
import { riverbend, uploadPackage } from "../helpers/district-data";
import { startTestServer, type TestServer } from "../helpers/server";
import { demoMember, startDemoServer } from "../helpers/demo";
import { seedDemoDistrict } from "../../db/seed/demo";
import { member, signedUp } from "../helpers/workspace";

let app: TestServer;
let owner: TestClient;
let editor: TestClient;
let commenter: TestClient;
let viewer: TestClient;
let family: TestClient;
let stranger: TestClient;
let workspace: string;
let district: string;
let spendingView: string;
let absenceView: string;

const FUNDING = "school_funding.spending_by_quartile";
const Q1 = { bucket: "Q1", measure: "per_pupil_spending" };
const viewThreads = (view: string) => `/views/${view}/threads`;
const chartThreads = (chart = FUNDING) => `/workspaces/${workspace}/charts/${chart}/threads`;

async function createView(spec: Record<string, unknown>, title: string) {
  const res = await owner.api("POST", `/workspaces/${workspace}/views`, { title, spec });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

beforeAll(async () => {
  app = await startTestServer();
  owner = await signedUp(app.url, "Olivia Owner", "owner");
  const created = await (await owner.api("POST", "/districts", { name: "Chart District" })).json();
  district = created.slug;
  workspace = (await (await owner.api("POST", `/districts/${district}/workspaces`, { name: "Charts" })).json()).slug;
  expect((await uploadPackage(owner, district, riverbend)).status).toBe(201);
  editor = await member(owner, workspace, { role: "editor", name: "Eddie Editor" });
  commenter = await member(owner, workspace, {
    role: "commenter",
    stakeholderGroup: "coalition",
    name: "Cora Coalition",
  });
  viewer = await member(owner, workspace, { role: "viewer", stakeholderGroup: "community", name: "Vic Viewer" });
  family = await member(owner, workspace, { role: "commenter", stakeholderGroup: "family", name: "Rosa Family" });
  stranger = await signedUp(app.url, "Sam Stranger", "stranger");
  spendingView = await createView(
    { chart: "bar", fields: ["per_pupil_spending"], groups: ["all"], groupBy: "school" },
    "Spending by school",
  );
  absenceView = await createView(
    { chart: "bar", fields: ["chronic_absence_pct"], groups: ["black"], groupBy: "school" },
    "Chronic absence, Black students",
  );
});
afterAll(async () => {
  await app.close();
});

describe("who may read and start threads on charts", () => {
  const targets = [
    {
      name: "a saved view",
      path: () => viewThreads(spendingView),
      point: { school: "RUSD-001", measure: "per_pupil_spending" },
    },
    { name: "a diagnostic chart", path: () => chartThreads(), point: Q1 },
  ];
  for (const target of targets) {
    it(`on ${target.name}: every member reads; owner, editor, commenter post; viewers only when allowed; non-members 404`, async () => {
      for (const c of [owner, editor, commenter]) {
        const res = await c.api("POST", target.path(), { body: "On this point", point: target.point });
        expect(res.status).toBe(201);
      }
      expect((await owner.api("POST", target.path(), { body: "On the whole chart" })).status).toBe(201);
      expect((await viewer.api("POST", target.path(), { body: "May I?" })).status).toBe(403);
      expect((await stranger.api("POST", target.path(), { body: "Hi" })).status).toBe(404);
      expect((await stranger.api("GET", target.path())).status).toBe(404);
      expect((await new Client(app.url).api("GET", target.path())).status).toBe(401);
      // A foreign page cannot post in a member's name.
      expect((await owner.api("POST", target.path(), { body: "x" }, { origin: "https://evil.example" })).status).toBe(
        403,
      );

      for (const c of [owner, editor, commenter, viewer]) {
        const res = await c.api("GET", target.path());
        expect(res.status).toBe(200);
        const { threads, canComment } = await res.json();
        expect(threads).toHaveLength(4);
        expect(canComment).toBe(c !== viewer);
      }

      await owner.api("PATCH", `/workspaces/${workspace}`, { viewersMayComment: true });
      expect((await viewer.api("POST", target.path(), { body: "Now I can" })).status).toBe(201);
      await owner.api("PATCH", `/workspaces/${workspace}`, { viewersMayComment: false });
      expect((await viewer.api("POST", target.path(), { body: "Not any more" })).status).toBe(403);
    });
  }

  it("answers 404 for a view or chart that does not exist, exactly as for a non-member", async () => {
    expect((await owner.api("GET", viewThreads("00000000-0000-4000-8000-000000000000"))).status).toBe(404);
    expect((await owner.api("GET", viewThreads("not-a-uuid"))).status).toBe(404);
    expect((await owner.api("GET", chartThreads("school_funding.no_such_chart"))).status).toBe(404);
    expect((await owner.api("GET", chartThreads("nonsense"))).status).toBe(404);
    expect((await stranger.api("GET", chartThreads("nonsense"))).status).toBe(404);
  });
});

describe("points", () => {
  it("refuses a point the chart does not have (422 point_not_found) and bad input (422), storing nothing", async () => {
    const before = (await app.db.select().from(commentRows)).length;
    const threadsBefore = (await app.db.select().from(commentThreads)).length;
    for (const [path, point] of [
      [chartThreads(), { bucket: "Q5", measure: "per_pupil_spending" }],
      [chartThreads(), { bucket: "Q1", measure: "teachers_fte" }],
      [viewThreads(spendingView), { school: "RUSD-999", measure: "per_pupil_spending" }],
      [viewThreads(spendingView), { bucket: "Q1", measure: "per_pupil_spending" }],
    ] as const) {
      const res = await commenter.api("POST", path, { body: "Here?", point });
      expect(res.status, JSON.stringify(point)).toBe(422);
      expect((await res.json()).error.code).toBe("point_not_found");
    }
    for (const bad of [
      { body: "", point: Q1 },
      { body: 42 },
      { body: "ok", point: { bucket: "Q1" } },
      { body: "ok", point: { bucket: "Q1", school: "RUSD-001", measure: "per_pupil_spending" } },
      { body: "ok", point: "Q1" },
    ]) {
      const res = await commenter.api("POST", chartThreads(), bad);
      expect(res.status, JSON.stringify(bad)).toBe(422);
      expect((await res.json()).error.code).toBe("validation_failed");
    }
    const raw = await commenter.request("POST", `/api/v1${chartThreads()}`, {
      body: "{not json",
      headers: { "Content-Type": "application/json" },
    });
    expect(raw.status).toBe(400);
    expect((await app.db.select().from(commentRows)).length).toBe(before);
    expect((await app.db.select().from(commentThreads)).length).toBe(threadsBefore);
  });

  it("shows a point's label and value, and the thread through /threads/:id, replies and resolution", async () => {
    const res = await commenter.api("POST", chartThreads(), { body: "Q1 gets the most", point: Q1 });
    expect(res.status).toBe(201);
    const thread = await res.json();
    expect(thread.target).toEqual({ kind: "diagnostic", id: FUNDING });
    expect(thread.anchor).toMatchObject({
      point: Q1,
      label: { category: { key: "diag.quartile1" }, series: { key: "measure.per_pupil_spending" } },
      unit: "usd",
      versionThen: 1,
      versionNow: 1,
      suppressed: false,
    });
    expect(thread.anchor.valueThen).toBeGreaterThan(10000);
    expect(thread.anchor.valueNow).toBe(thread.anchor.valueThen);

    const reply = await owner.api("POST", `/threads/${thread.id}/comments`, { body: "Thanks, we are looking at it." });
    expect(reply.status).toBe(201);
    const shown = await (await editor.api("GET", `/threads/${thread.id}`)).json();
    expect(shown.anchor.valueThen).toBe(thread.anchor.valueThen);
    expect(shown.comments.map((c: { body: string }) => c.body)).toEqual([
      "Q1 gets the most",
      "Thanks, we are looking at it.",
    ]);
    const resolved = await commenter.api("PATCH", `/threads/${thread.id}`, { resolved: true });
    expect(resolved.status).toBe(200);
    expect((await resolved.json()).resolved).toBe(true);
    expect((await stranger.api("GET", `/threads/${thread.id}`)).status).toBe(404);
  });
});

describe("small cells", () => {
  it("never gives a family member a hidden figure through a thread's anchor, while the superintendent sees it", async () => {
    const point = { school: "RUSD-009", measure: "chronic_absence_pct", group: "black" };
    const created = await family.api("POST", viewThreads(absenceView), { body: "Why is this hidden?", point });
    expect(created.status).toBe(201);
    const mine = await created.json();
    expect(mine.anchor).toMatchObject({ point, valueThen: null, valueNow: null, suppressed: true });
    expect(JSON.stringify(mine)).not.toContain("22.2");

    const asCabinet = (await (await owner.api("GET", viewThreads(absenceView))).json()).threads.find(
      (t: { id: string }) => t.id === mine.id,
    );
    expect(asCabinet.anchor).toMatchObject({ valueThen: 22.2, valueNow: 22.2, suppressed: false });

    // The thread's own address and the list alike.
    for (const res of [
      await family.api("GET", `/threads/${mine.id}`),
      await family.api("GET", viewThreads(absenceView)),
    ]) {
      const text = await res.text();
      expect(res.status).toBe(200);
      expect(text).not.toContain("22.2");
    }
  });
});

describe("data versions", () => {
  it("gives the value when the thread began and now, with their versions, after an import", async () => {
    const point = { school: "RUSD-001", measure: "per_pupil_spending" };
    const created = await commenter.api("POST", viewThreads(spendingView), { body: "Before the import", point });
    const thread = await created.json();
    expect(thread.anchor).toMatchObject({ valueThen: 12442, valueNow: 12442, versionThen: 1, versionNow: 1 });
    // The canonical point names the all-students group the view charts.
    expect(thread.anchor.point).toEqual({ ...point, group: "all" });

    const measures = riverbend.measures.replace(
      "RUSD-001,per_pupil_spending,all,12442",
      "RUSD-001,per_pupil_spending,all,12900",
    );
    expect(measures).not.toBe(riverbend.measures);
    expect((await uploadPackage(owner, district, { schools: riverbend.schools, measures })).status).toBe(201);

    const after = await (await family.api("GET", `/threads/${thread.id}`)).json();
    expect(after.anchor).toMatchObject({
      valueThen: 12442,
      versionThen: 1,
      valueNow: 12900,
      versionNow: 2,
      suppressed: false,
    });
  });
});

describe("the demo district", () => {
  it("has the coalition's thread on the funding chart's lowest quartile, answered by the superintendent", async () => {
    const demo = await startDemoServer();
    try {
      const superintendent = await demoMember(demo.url, "superintendent");
      const res = await superintendent.api(
        "GET",
        `/workspaces/community-coalition-data-review/charts/${FUNDING}/threads`,
      );
      expect(res.status).toBe(200);
      const [thread] = (await res.json()).threads;
      expect(thread.anchor).toMatchObject({ point: Q1, versionThen: 1, suppressed: false });
      expect(thread.comments.map((c: { author: { name: string } }) => c.author.name)).toEqual([
        "Aisha Thompson",
        "Elena Márquez",
      ]);
      expect(thread.comments[0].body).toMatch(/falls from the lowest-poverty quartile to the highest/);
      // Seeding again changes nothing.
      expect(await seedDemoDistrict(demo.db)).toBe(false);
      const again = await (
        await superintendent.api("GET", `/workspaces/community-coalition-data-review/charts/${FUNDING}/threads`)
      ).json();
      expect(again.threads).toHaveLength(1);
    } finally {
      await demo.close();
    }
  });
});
