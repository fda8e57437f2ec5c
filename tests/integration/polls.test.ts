import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../helpers/client";
import { demoMember, startDemoServer } from "../helpers/demo";
import type { TestServer } from "../helpers/server";
import { member, signedUp } from "../helpers/workspace";

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

const options = [
  { title: "Reading tutors", cost: 40000 },
  { title: "Bus route", cost: 30000 },
  { title: "Counselor", cost: "50000.50" },
];

async function createPoll(body: Record<string, unknown> = {}) {
  const res = await sup.api("POST", `/workspaces/${WORKSPACE}/polls`, {
    title: "Where should $100,000 go?",
    budget: 100000,
    ballot: { type: "budget" },
    options,
    ...body,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; state: string; options: { code: string; cost: string }[] };
}

async function openPoll(body: Record<string, unknown> = {}) {
  const poll = await createPoll(body);
  const opened = await sup.api("PATCH", `/polls/${poll.id}`, { state: "open" });
  expect(opened.status).toBe(200);
  return poll;
}

const vote = (client: TestClient, pollId: string, choices: unknown, clientToken?: string) =>
  client.api("PUT", `/polls/${pollId}/ballot`, { choices, clientToken });

describe("polls", () => {
  it("an editor creates a draft with coded options, exact costs, that only editors see until it opens", async () => {
    const poll = await createPoll();
    expect(poll.state).toBe("draft");
    expect(poll.options.map((o) => [o.code, o.cost])).toEqual([
      ["P1", "40000"],
      ["P2", "30000"],
      ["P3", "50000.50"],
    ]);
    const listed = async (client: TestClient) =>
      ((await (await client.api("GET", `/workspaces/${WORKSPACE}/polls`)).json()) as { polls: { id: string }[] }).polls
        .map((p) => p.id)
        .includes(poll.id);
    expect(await listed(sup)).toBe(true);
    expect(await listed(rosa)).toBe(false);
    expect((await rosa.api("GET", `/polls/${poll.id}`)).status).toBe(403);

    await sup.api("PATCH", `/polls/${poll.id}`, { state: "open" });
    expect(await listed(rosa)).toBe(true);
    // Options change only in draft.
    const late = await sup.api("PATCH", `/polls/${poll.id}`, { title: "Renamed" });
    expect(late.status).toBe(409);
  });

  it("refuses a bad poll with a message per field, and stores nothing", async () => {
    const before = (await (await sup.api("GET", `/workspaces/${WORKSPACE}/polls`)).json()).polls.length;
    const res = await sup.api("POST", `/workspaces/${WORKSPACE}/polls`, {
      title: "",
      budget: -5,
      ballot: { type: "approval", minOptions: 3, maxOptions: 2 },
      options: [
        { title: "A", cost: "12.345", code: "X" },
        { title: "B", cost: 10, code: "x", schools: ["no-such-school"] },
      ],
      opensAt: "2027-03-02T08:00:00Z",
      closesAt: "2027-03-01T08:00:00Z",
    });
    expect(res.status).toBe(422);
    const { fields } = (await res.json()).error.details;
    expect(fields).toMatchObject({
      title: "Enter a title.",
      budget: "Enter an amount above 0, with at most two decimals.",
      "options.0.cost": "Enter an amount above 0, with at most two decimals.",
    });
    const after = (await (await sup.api("GET", `/workspaces/${WORKSPACE}/polls`)).json()).polls.length;
    expect(after).toBe(before);

    const crossed = await sup.api("POST", `/workspaces/${WORKSPACE}/polls`, {
      title: "T",
      budget: 10,
      ballot: { type: "approval", minOptions: 3, maxOptions: 2 },
      options: [
        { title: "A", cost: 1, code: "X" },
        { title: "B", cost: 1, code: "x", schools: ["no-such-school"] },
      ],
      opensAt: "2027-03-02T08:00:00Z",
      closesAt: "2027-03-01T08:00:00Z",
    });
    expect((await crossed.json()).error.details.fields).toEqual({
      options: "Each option needs its own code.",
      "ballot.minOptions": "The least cannot be more than the most.",
      closesAt: "The vote must close after it opens.",
      "options.1.schools": "Choose one of the district's schools.",
    });
  });

  it("refuses dates in year 0 or 10000 once in UTC, which the database cannot store, with 422 instead of failing", async () => {
    const before = (await (await sup.api("GET", `/workspaces/${WORKSPACE}/polls`)).json()).polls.length;
    for (const closesAt of ["0000-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-14:00"]) {
      const res = await sup.api("POST", `/workspaces/${WORKSPACE}/polls`, {
        title: "T",
        budget: 10,
        ballot: { type: "budget" },
        options,
        closesAt,
      });
      expect(res.status, closesAt).toBe(422);
      expect((await res.json()).error.details.fields).toEqual({ closesAt: expect.any(String) });
    }
    const draft = await createPoll();
    expect((await sup.api("PATCH", `/polls/${draft.id}`, { opensAt: "0000-06-01T00:00:00Z" })).status).toBe(422);
    expect((await (await sup.api("GET", `/workspaces/${WORKSPACE}/polls`)).json()).polls.length).toBe(before + 1);
  });

  it("lets only editors create and move polls; non-members get 404 everywhere", async () => {
    const poll = await createPoll();
    expect((await rosa.api("POST", `/workspaces/${WORKSPACE}/polls`, { title: "x" })).status).toBe(403);
    expect((await rosa.api("PATCH", `/polls/${poll.id}`, { state: "open" })).status).toBe(403);
    const stranger = await signedUp(app.url, "Sam Stranger", "poll-stranger");
    for (const [method, path, body] of [
      ["GET", `/workspaces/${WORKSPACE}/polls`, undefined],
      ["GET", `/polls/${poll.id}`, undefined],
      ["PATCH", `/polls/${poll.id}`, { state: "open" }],
      ["GET", `/polls/${poll.id}/ballot`, undefined],
      ["PUT", `/polls/${poll.id}/ballot`, { choices: ["P1"] }],
      ["GET", `/polls/${poll.id}/results`, undefined],
      ["GET", `/polls/not-a-uuid`, undefined],
    ] as const)
      expect((await stranger.api(method, path, body)).status, `${method} ${path}`).toBe(404);
    expect((await new TestClient(app.url).api("GET", `/polls/${poll.id}`)).status).toBe(401);
  });

  it("moves one step at a time: draft, open, closed, published", async () => {
    const poll = await createPoll();
    expect((await sup.api("PATCH", `/polls/${poll.id}`, { state: "closed" })).status).toBe(409);
    expect((await sup.api("PATCH", `/polls/${poll.id}`, { state: "open" })).status).toBe(200);
    expect((await sup.api("PATCH", `/polls/${poll.id}`, { state: "published" })).status).toBe(409);
    expect((await sup.api("PATCH", `/polls/${poll.id}`, { state: "closed" })).status).toBe(200);
    expect((await sup.api("PATCH", `/polls/${poll.id}`, { state: "draft" })).status).toBe(409);
    const published = await sup.api("PATCH", `/polls/${poll.id}`, { state: "published" });
    expect(await published.json()).toMatchObject({ state: "published" });
  });

  it("refuses bad ballots with a code per reason and stores nothing", async () => {
    const draft = await createPoll();
    expect((await vote(rosa, draft.id, ["P1"])).status).toBe(403); // a draft is not shown to her at all
    const poll = await openPoll();
    const refused = async (choices: unknown) => {
      const res = await vote(rosa, poll.id, choices);
      return { status: res.status, body: (await res.json()) as { error: { code: string; details?: unknown } } };
    };
    const over = await refused(["P1", "P2", "P3"]);
    expect(over.status).toBe(422);
    expect(over.body.error).toMatchObject({
      code: "over_budget",
      details: [
        {
          code: "over_budget",
          budget: "100000",
          total: "120000.5",
          message: "Your choices cost $120,000.50, more than the budget of $100,000.",
        },
      ],
    });
    expect((await refused(["P1", "P9"])).body.error.code).toBe("unknown_option");
    expect((await refused(["P1", "P1"])).body.error.code).toBe("duplicate_option");
    expect((await refused({ P1: 3 })).body.error.code).toBe("invalid_choices");
    expect((await refused("P1")).status).toBe(422);
    expect(await (await rosa.api("GET", `/polls/${poll.id}/ballot`)).json()).toMatchObject({ receipt: null });

    const approval = await openPoll({ ballot: { type: "approval", minOptions: 2, maxOptions: 2 } });
    expect(((await (await vote(rosa, approval.id, ["P1"])).json()) as { error: { code: string } }).error.code).toBe(
      "too_few_options",
    );
    const points = await openPoll({ ballot: { type: "points", points: 10, maxPerOption: 6 } });
    const pointsRes = await vote(rosa, points.id, { P1: 7, P2: 5 });
    expect(
      ((await pointsRes.json()) as { error: { details: { code: string }[] } }).error.details.map((d) => d.code),
    ).toEqual(["points_over_option_limit", "points_over_total"]);
    expect((await vote(rosa, points.id, { P1: 6, P2: 4, P3: 0 })).status).toBe(200);
  });

  it("keeps one ballot per member: revisable until close, the same receipt, the latest counting", async () => {
    const poll = await openPoll();
    const first = await vote(rosa, poll.id, ["P1"], "tap-1");
    expect(first.status).toBe(200);
    const { receipt } = (await first.json()) as { receipt: string };
    expect(receipt).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/);
    const again = await vote(rosa, poll.id, ["P1", "P2"], "tap-2");
    expect(await again.json()).toEqual({ receipt });
    // A retry of the first submission (a lost response) does not bring its choices back.
    const retried = await vote(rosa, poll.id, ["P1", "P2"], "tap-2");
    expect(await retried.json()).toEqual({ receipt });
    expect(await (await rosa.api("GET", `/polls/${poll.id}/ballot`)).json()).toMatchObject({
      choices: ["P1", "P2"],
      receipt,
    });

    await sup.api("PATCH", `/polls/${poll.id}`, { state: "closed" });
    const late = await vote(rosa, poll.id, ["P3"]);
    expect(late.status).toBe(409);
    expect((await late.json()).error.code).toBe("not_open");
  });

  it("counts the latest of ballots sent without a client token, and a retry of a token only while it is the latest", async () => {
    const poll = await openPoll();
    const mine = async () =>
      (await (await rosa.api("GET", `/polls/${poll.id}/ballot`)).json()) as Record<string, unknown>;
    const first = await vote(rosa, poll.id, ["P1"]);
    const { receipt } = (await first.json()) as { receipt: string };
    // No token twice: the second is a revision like any other, not a retry of the first.
    expect(await (await vote(rosa, poll.id, ["P2"])).json()).toEqual({ receipt });
    expect(await mine()).toMatchObject({ choices: ["P2"], receipt });
    expect((await vote(rosa, poll.id, ["P3"], "tap-1")).status).toBe(200);
    expect((await vote(rosa, poll.id, ["P1"], "tap-1")).status).toBe(200);
    expect(await mine()).toMatchObject({ choices: ["P3"], receipt });
    expect((await vote(rosa, poll.id, ["P1", "P2"])).status).toBe(200);
    expect(await mine()).toMatchObject({ choices: ["P1", "P2"], receipt });
  });

  it("takes ranks on the ballot page's form as its list gives them, and refuses any other", async () => {
    const poll = await openPoll({ ballot: { type: "ranked", maxRanked: 3 } });
    const page = `/workspaces/${WORKSPACE}/polls/${poll.id}`;
    for (const rank of ["abc", "NaN", "0", "-1", "1.5", " 3", "1e0"]) {
      const res = await rosa.postForm(page, [
        ["intent", "vote"],
        ["rank.P1", rank],
        ["rank.P2", "2"],
      ]);
      expect(res.status, rank).toBe(422);
      expect(await res.text()).toContain("Choose each rank from the list.");
    }
    expect(await (await rosa.api("GET", `/polls/${poll.id}/ballot`)).json()).toMatchObject({ receipt: null });
    const res = await rosa.postForm(page, [
      ["intent", "vote"],
      ["rank.P1", "2"],
      ["rank.P2", "1"],
      ["rank.P3", ""],
    ]);
    expect(res.status).toBe(200);
    expect(await (await rosa.api("GET", `/polls/${poll.id}/ballot`)).json()).toMatchObject({ choices: ["P2", "P1"] });
  });

  it("stores one ballot for 50 parallel submissions by one member", async () => {
    const poll = await openPoll();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => vote(rosa, poll.id, i % 2 ? ["P1"] : ["P2"], `parallel-${i}`)),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(200));
    const receipts = new Set(
      await Promise.all(answers.map(async (r) => ((await r.json()) as { receipt: string }).receipt)),
    );
    expect(receipts.size).toBe(1);
    await sup.api("PATCH", `/polls/${poll.id}`, { state: "closed" });
    const results = (await (await sup.api("GET", `/polls/${poll.id}/results?rule=votes`)).json()) as {
      ballots: number;
    };
    expect(results.ballots).toBe(1);
  });

  it("lets only eligible members vote: by stakeholder group and by role", async () => {
    const cabinetOnly = await openPoll({ eligibleGroups: ["cabinet"] });
    const refused = await vote(rosa, cabinetOnly.id, ["P1"]);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe("not_eligible");
    expect((await vote(sup, cabinetOnly.id, ["P1"])).status).toBe(200);

    const ownersOnly = await openPoll({ eligibleRoles: ["owner"] });
    expect((await vote(rosa, ownersOnly.id, ["P1"])).status).toBe(403);
  });

  it("opens and closes on schedule, whichever process reads it", async () => {
    const soon = new Date(Date.now() + 1500);
    const poll = await createPoll({
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: soon.toISOString(),
    });
    expect(poll.state).toBe("open");
    expect((await vote(rosa, poll.id, ["P1"])).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, soon.getTime() - Date.now() + 50)));
    expect((await (await rosa.api("GET", `/polls/${poll.id}`)).json()).state).toBe("closed");
    expect((await vote(rosa, poll.id, ["P2"])).status).toBe(409);
  });

  it("keeps results from members until publication, then shows them and every counted ballot, never who cast it", async () => {
    const poll = await openPoll();
    const sRes = await vote(sup, poll.id, ["P1", "P2"]);
    const rRes = await vote(rosa, poll.id, ["P3"]);
    const receipts = [
      ((await sRes.json()) as { receipt: string }).receipt,
      ((await rRes.json()) as { receipt: string }).receipt,
    ];
    expect((await rosa.api("GET", `/polls/${poll.id}/results`)).status).toBe(403);
    // The editor follows the count, without the ballots.
    const live = (await (await sup.api("GET", `/polls/${poll.id}/results?rule=greedy`)).json()) as Record<
      string,
      unknown
    >;
    expect(live).toMatchObject({ rule: "greedy", ballots: 2, counted: null });

    await sup.api("PATCH", `/polls/${poll.id}`, { state: "closed" });
    await sup.api("PATCH", `/polls/${poll.id}`, { state: "published" });
    const res = await rosa.api("GET", `/polls/${poll.id}/results?rule=greedy`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const results = JSON.parse(text) as {
      selected: { code: string }[];
      options: { code: string; funded: boolean; explanation: string }[];
      counted: { receipt: string; choices: { code: string }[] }[];
      spent: string;
    };
    // Greedy by votes: every option has one vote; ties go to the lower cost (P2, then P1), P3 no longer fits.
    expect(results.selected.map((o) => o.code)).toEqual(["P2", "P1"]);
    expect(results.spent).toBe("70000");
    expect(results.options.find((o) => o.code === "P3")).toMatchObject({
      funded: false,
      explanation: "Not funded: it costs $50,000.50, and only $30,000 was left when its turn came.",
    });
    expect(results.counted.map((b) => b.receipt).sort()).toEqual([...receipts].sort());
    for (const secret of ["rosa", "Rosa", "superintendent", "Elena", "voter"]) expect(text).not.toContain(secret);
  });

  it("shows live results to every member when the poll says so", async () => {
    const poll = await openPoll({ results: "live" });
    await vote(rosa, poll.id, ["P1"]);
    const res = await rosa.api("GET", `/polls/${poll.id}/results?rule=equal-shares`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ rule: "equal-shares", ballots: 1, selected: [{ code: "P1" }] });
    expect((await rosa.api("GET", `/polls/${poll.id}/results?rule=borda`)).status).toBe(400);
  });

  it("loses no ballot that got a 200 when the poll closes while ballots arrive", async () => {
    const poll = await openPoll({ results: "after_publication" });
    const voters = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        member(sup, WORKSPACE, { role: "viewer", stakeholderGroup: "family", name: `Voter ${i}`, label: `voter-${i}` }),
      ),
    );
    const cast = voters.map((v, i) => vote(v, poll.id, [i % 2 ? "P1" : "P2"]));
    const closing = sup.api("PATCH", `/polls/${poll.id}`, { state: "closed" });
    const answers = await Promise.all(cast);
    expect((await closing).status).toBe(200);
    const accepted: string[] = [];
    for (const res of answers) {
      expect([200, 409]).toContain(res.status);
      if (res.status === 200) accepted.push(((await res.json()) as { receipt: string }).receipt);
    }
    await sup.api("PATCH", `/polls/${poll.id}`, { state: "published" });
    const results = (await (await sup.api("GET", `/polls/${poll.id}/results`)).json()) as {
      counted: { receipt: string }[];
    };
    expect(results.counted.map((b) => b.receipt).sort()).toEqual(accepted.sort());
  });
});
