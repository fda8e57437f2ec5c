import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { ballots, polls } from "../../db/schema";
import { povertyQuartiles } from "../../app/domain/metrics";
import type { TestClient } from "../helpers/client";
import { connectPeer, synced, waitFor } from "../helpers/collab";
import { demoMember, startDemoServer } from "../helpers/demo";
import { riverbend, uploadPackage } from "../helpers/district-data";
import type { TestServer } from "../helpers/server";
import { parseDataPackage } from "../../app/domain/district-data/parse";
import { createWorkspace, member, signedUp } from "../helpers/workspace";

const WORKSPACE = "family-budget-priorities";

let app: TestServer;
let sup: TestClient;
let rosa: TestClient;

beforeAll(async () => {
  app = await startDemoServer();
  sup = await demoMember(app.url, "superintendent");
  rosa = await demoMember(app.url, "family");
});
afterAll(() => app.close());

const parsed = parseDataPackage(riverbend);
if (!parsed.ok) throw new Error("the Riverbend package does not parse");
const schools = parsed.data.schools;
const quartileOf = new Map(povertyQuartiles(schools).map((a) => [a.school.schoolId, a.quartile]));

type Voices = {
  byGroup: { group: string; ballots: number | null; eligible: number }[];
  byQuartile: {
    quartile: number;
    ballots: number | null;
    ballotShare: number | null;
    enrollmentShare: number | null;
  }[];
  namedSchool: number;
  ballots: number;
};

async function publishedDemoPoll() {
  const [poll] = await app.db.select().from(polls).where(eq(polls.state, "published"));
  return poll!;
}

describe("a vote beside the district's data", () => {
  it("shows each option's schools on the ballot with their poverty quartile, students and spending", async () => {
    const [high, low] = [
      schools.find((s) => quartileOf.get(s.schoolId) === 4)!,
      schools.find((s) => quartileOf.get(s.schoolId) === 1)!,
    ];
    const view = await sup.api("POST", `/workspaces/${WORKSPACE}/views`, {
      title: "Spending by school",
      spec: { chart: "bar", fields: ["per_pupil_spending"], groups: ["all"], groupBy: "school" },
    });
    expect(view.status).toBe(201);
    const viewId = ((await view.json()) as { id: string }).id;
    const created = await sup.api("POST", `/workspaces/${WORKSPACE}/polls`, {
      title: "Tutors where poverty is highest",
      budget: 100000,
      ballot: { type: "budget" },
      options: [
        { title: "Tutors", cost: 60000, dimension: "instructional_time", schools: [high.schoolId], viewId },
        { title: "Library", cost: 50000, schools: [low.schoolId] },
      ],
    });
    expect(created.status).toBe(201);
    const { id } = await created.json();
    expect((await sup.api("PATCH", `/polls/${id}`, { state: "open" })).status).toBe(200);

    const page = await (await rosa.get(`/workspaces/${WORKSPACE}/polls/${id}`)).text();
    expect(page).toContain(`${high.schoolName} (Highest poverty (Q4))`);
    expect(page).toContain(`${low.schoolName} (Lowest poverty (Q1))`);
    expect(page).toContain("Instructional time");
    expect(page).toContain("Spending per student");
    expect(page).toMatch(/\(district: \$[\d,]+\)/);
    // The saved view the option names, one link away.
    expect(page).toContain(`href="/workspaces/${WORKSPACE}/views#view-${viewId}"`);
  });

  it("sets the published vote's ballots against who was invited and against each quartile's students", async () => {
    const poll = await publishedDemoPoll();
    const res = await rosa.api("GET", `/polls/${poll.id}/results`);
    expect(res.status).toBe(200);
    const voices = (await res.json()).representativeness as Voices;

    // Counted here from the stored ballots and the package, apart from the app's code.
    const stored = await app.db.select().from(ballots).where(eq(ballots.pollId, poll.id));
    const perQuartile = [1, 2, 3, 4].map((q) => stored.filter((b) => quartileOf.get(b.schoolId ?? "") === q).length);
    const named = perQuartile.reduce((a, b) => a + b, 0);
    expect(voices.ballots).toBe(stored.length);
    expect(voices.namedSchool).toBe(named);
    const total = schools.reduce((sum, s) => sum + s.enrollment, 0);
    for (const [i, q] of voices.byQuartile.entries()) {
      if (q.ballots !== null) {
        expect(q.ballots).toBe(perQuartile[i]);
        expect(q.ballotShare).toBe(Math.round((100 * perQuartile[i]!) / named));
      }
      // Never a count of one to nine.
      expect(q.ballots === null || q.ballots === 0 || q.ballots >= 10).toBe(true);
      const enrolled = schools
        .filter((s) => quartileOf.get(s.schoolId) === q.quartile)
        .reduce((sum, s) => sum + s.enrollment, 0);
      if (q.enrollmentShare !== null) expect(q.enrollmentShare).toBe(Math.round((100 * enrolled) / total));
    }
    // The families invited are the workspace's family members; the paper ballots' families are many more.
    const family = voices.byGroup.find((g) => g.group === "family")!;
    expect(family.ballots).toBe(stored.filter((b) => b.stakeholderGroup === "family").length);
    expect(family.eligible).toBeGreaterThan(0);

    const page = await (await rosa.get(`/workspaces/${WORKSPACE}/polls/${poll.id}`)).text();
    expect(page).toContain("Whose voices these are");
  });

  it("tells a voter what her share paid for, and nobody else what anyone's did", async () => {
    const created = await sup.api("POST", `/workspaces/${WORKSPACE}/polls`, {
      title: "Shares",
      budget: 90000,
      ballot: { type: "approval", maxOptions: 2 },
      results: "live",
      options: [
        { title: "A", cost: 60000 },
        { title: "B", cost: 30000 },
      ],
    });
    const { id } = await created.json();
    await sup.api("PATCH", `/polls/${id}`, { state: "open" });
    expect((await rosa.api("PUT", `/polls/${id}/ballot`, { choices: ["P1", "P2"] })).status).toBe(200);
    expect((await sup.api("PUT", `/polls/${id}/ballot`, { choices: ["P1"] })).status).toBe(200);

    const mine = (await (await rosa.api("GET", `/polls/${id}/results`)).json()).myShare as {
      code: string;
      amount: string;
    }[];
    // Two voters with $45,000 each fund A (30,000 each), leaving Rosa 15,000: too little for B
    // alone. add1 raises both shares until B fits in the real budget: at 60,000 each, Rosa
    // pays A's 30,000 and all of B's 30,000 — what her (raised) share paid for.
    expect(mine).toEqual([
      { code: "P1", title: "A", amount: "30000" },
      { code: "P2", title: "B", amount: "30000" },
    ]);
    const stranger = await signedUp(app.url, "Outside Olga", "olga-share");
    expect((await stranger.api("GET", `/polls/${id}/results`)).status).toBe(404);
  });
});

/** A new plan of the family workspace embedding these objects, typed in by the superintendent. */
async function planEmbedding(embeds: { kind: string; id: string }[]) {
  const plan = await (await sup.api("POST", `/workspaces/${WORKSPACE}/plans`, { title: "Plan with a vote" })).json();
  const peer = connectPeer(app.url, plan.id, { Cookie: sup.cookieHeader() });
  await synced(peer);
  const fragment = peer.doc.getXmlFragment("default");
  for (const e of embeds) {
    const node = new Y.XmlElement("embed");
    node.setAttribute("kind", e.kind);
    node.setAttribute("id", e.id);
    fragment.insert(fragment.length, [node]);
  }
  await waitFor(async () =>
    (await (await sup.api("GET", `/plans/${plan.id}/export?format=json`)).text()).includes(embeds.at(-1)!.id),
  );
  peer.destroy();
  return plan as { id: string };
}

describe("vote results in a plan", () => {
  it("exports embedded results as the reader may see them: published in full, unpublished not yet, others' unavailable", async () => {
    const published = await publishedDemoPoll();
    const created = await sup.api("POST", `/workspaces/${WORKSPACE}/polls`, {
      title: "Still counting",
      budget: 1000,
      ballot: { type: "budget" },
      options: [
        { title: "One", cost: 500 },
        { title: "Two", cost: 400 },
      ],
    });
    const running = await created.json();
    await sup.api("PATCH", `/polls/${running.id}`, { state: "open" });
    // A vote of another workspace, which Rosa does not belong to.
    const owner = await signedUp(app.url, "Other Owner", "other-owner");
    const elsewhere = await createWorkspace(owner, "Other District", "Other Workspace");
    const made = await owner.api("POST", `/workspaces/${elsewhere}/polls`, {
      title: "Foreign secret vote",
      budget: 10,
      ballot: { type: "budget" },
      options: [
        { title: "X", cost: 5 },
        { title: "Y", cost: 4 },
      ],
    });
    const foreign = await made.json();
    expect(made.status, JSON.stringify(foreign)).toBe(201);

    const plan = await planEmbedding([
      { kind: "poll", id: published.id },
      { kind: "poll", id: running.id },
      { kind: "poll", id: foreign.id },
    ]);
    const md = await (await rosa.api("GET", `/plans/${plan.id}/export?format=md`)).text();
    expect(md).toContain(published.title);
    expect(md).toMatch(/\| Option \| Cost \| Votes \| Outcome \|/);
    expect(md).toMatch(/Funded\. Funded: \d+ supporters paid/);
    expect(md).toContain("Still counting");
    expect(md).toContain("The results are shown once the district publishes them.");
    expect(md).toContain("These vote results are not available to you.");
    expect(md).not.toContain("Foreign secret vote");

    const html = await (await rosa.api("GET", `/plans/${plan.id}/export?format=html`)).text();
    expect(html).toContain(`data-embed="poll:${published.id}"`);
    expect(html).toMatch(/<table>.*Option.*Outcome/s);
  });

  it("tells the district's readers who may read a vote when it moves on, so results embedded in any of its plans follow", async () => {
    const created = await sup.api("POST", `/workspaces/${WORKSPACE}/polls`, {
      title: "Followed",
      budget: 1000,
      ballot: { type: "budget" },
      options: [
        { title: "One", cost: 500 },
        { title: "Two", cost: 400 },
      ],
    });
    const { id } = await created.json();
    // A cabinet member who does not belong to the family workspace the vote is in.
    const cabinetOnly = await member(sup, "cabinet-strategic-plan", { role: "editor", label: "cabinet-only" });
    const streams = await Promise.all([
      openStream(rosa, WORKSPACE),
      openStream(sup, "cabinet-strategic-plan"),
      openStream(cabinetOnly, "cabinet-strategic-plan"),
    ]);
    try {
      for (const stream of streams) await stream.until("event: data.version");
      expect((await sup.api("PATCH", `/polls/${id}`, { state: "open" })).status).toBe(200);
      const event = `event: poll.changed\ndata: {"pollId":"${id}"}`;
      // In the vote's own workspace, and in another plan's workspace for a reader of both.
      await streams[0]!.until(event);
      await streams[1]!.until(event);
      // Not for a reader who may not read the vote: a later event reaches them, that one never did.
      await uploadPackage(sup, "riverbend", riverbend);
      await streams[2]!.until('event: data.version\ndata: {"version":2}');
      expect(streams[2]!.received()).not.toContain("poll.changed");
    } finally {
      for (const stream of streams) await stream.close();
    }
  });
});

/** A workspace's event stream, read as text until what a test waits for arrives. */
async function openStream(client: TestClient, workspace: string) {
  const res = await client.get(`/api/v1/workspaces/${workspace}/events`);
  expect(res.status).toBe(200);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let received = "";
  return {
    received: () => received,
    async until(text: string) {
      while (!received.includes(text)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${text}`);
        received += value;
      }
    },
    close: () => reader.cancel(),
  };
}
