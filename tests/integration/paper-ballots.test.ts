import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, ballots } from "../../db/schema";
import { TestClient } from "../helpers/client";
import { demoMember, startDemoServer } from "../helpers/demo";
import { shownMarkup } from "../helpers/html";
import type { TestServer } from "../helpers/server";
import { member, signedUp } from "../helpers/workspace";

// Paper ballots entered by staff (issue 13): one by one, as JSON, or as a CSV checked line by line.

const WORKSPACE = "family-budget-priorities";

let app: TestServer;
let sup: TestClient;
let rosa: TestClient;
let editor: TestClient;

beforeAll(async () => {
  app = await startDemoServer();
  sup = await demoMember(app.url, "superintendent");
  rosa = await demoMember(app.url, "family");
  editor = await member(sup, WORKSPACE, { role: "editor", name: "Paper Editor", label: "paper-editor" });
});
afterAll(() => app.close());

async function poll(body: Record<string, unknown> = {}, state: "draft" | "open" = "open") {
  const res = await sup.api("POST", `/workspaces/${WORKSPACE}/polls`, {
    title: "Papers from the school night",
    budget: 100000,
    ballot: { type: "budget" },
    options: [
      { title: "Reading tutors", cost: 40000 },
      { title: "Bus route", cost: 30000 },
      { title: "Counselor", cost: 50000 },
    ],
    ...body,
  });
  expect(res.status).toBe(201);
  const created = (await res.json()) as { id: string };
  if (state === "open") expect((await sup.api("PATCH", `/polls/${created.id}`, { state: "open" })).status).toBe(200);
  return created;
}

const stored = (pollId: string) => app.db.select().from(ballots).where(eq(ballots.pollId, pollId));

function upload(client: TestClient, path: string, csv: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("file", new Blob([csv], { type: "text/csv" }), "papers.csv");
  return client.request("POST", path, { body: form });
}

describe("paper ballots", () => {
  it("are entered one by one on the vote's page, each with its receipt, stored once per form", async () => {
    const { id } = await poll();
    const page = `/workspaces/${WORKSPACE}/polls/${id}/paper`;
    const view = await sup.get(page);
    expect(view.status).toBe(200);
    const form = shownMarkup(await view.text());
    expect(form).toContain("Enter paper ballots");
    const clientToken = /name="clientToken" value="([a-z2-7]+)"/.exec(form)![1]!;
    const fields: [string, string][] = [
      ["intent", "paper"],
      ["clientToken", clientToken],
      ["choice", "P1"],
      ["choice", "P2"],
      ["group", "family"],
      ["school", "RUSD-003"],
    ];
    const res = await sup.postForm(page, fields);
    expect(res.status).toBe(200);
    const receipt = /receipt code on the paper: ([A-Z2-7]{5}-[A-Z2-7]{5})/.exec(shownMarkup(await res.text()))?.[1];
    expect(receipt).toBeDefined();
    // The same form sent twice (a double click, a reload): one paper, one ballot.
    const twice = await sup.postForm(page, fields);
    expect(shownMarkup(await twice.text())).toContain(receipt);
    const rows = await stored(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      voterId: null,
      accessCodeId: null,
      paper: true,
      receipt,
      stakeholderGroup: "family",
      schoolId: "RUSD-003",
      choices: [{ code: "P1" }, { code: "P2" }],
    });

    const bad = await sup.postForm(page, [
      ["intent", "paper"],
      ["clientToken", "another"],
      ["choice", "P1"],
      ["choice", "P2"],
      ["choice", "P3"],
    ]);
    expect(bad.status).toBe(422);
    const refused = shownMarkup(await bad.text());
    expect(refused).toContain("Write the voter&#x27;s group");
    expect(refused).toContain("Your choices cost $120,000, more than the budget of $100,000.");
    expect(await stored(id)).toHaveLength(1);
  });

  it("are for owners and editors: commenters are refused, outsiders learn nothing", async () => {
    const { id } = await poll();
    const body = { ballots: [{ group: "family", choices: ["P1"] }] };
    expect((await editor.api("POST", `/polls/${id}/paper-ballots`, body)).status).toBe(201);
    expect((await rosa.api("POST", `/polls/${id}/paper-ballots`, body)).status).toBe(403);
    expect((await rosa.get(`/workspaces/${WORKSPACE}/polls/${id}/paper`)).status).toBe(403);
    const outsider = await signedUp(app.url, "Oscar Outsider", "paper-outsider");
    expect((await outsider.api("POST", `/polls/${id}/paper-ballots`, body)).status).toBe(404);
    expect((await outsider.get(`/workspaces/${WORKSPACE}/polls/${id}/paper`)).status).toBe(404);
    expect((await stored(id)).length).toBe(1);
  });

  it("are entered while the vote is open or closed, never in a draft or once published", async () => {
    const draft = await poll({}, "draft");
    const body = { ballots: [{ group: "family", choices: ["P1"] }] };
    expect((await sup.api("POST", `/polls/${draft.id}/paper-ballots`, body)).status).toBe(409);
    const { id } = await poll();
    expect((await sup.api("POST", `/polls/${id}/paper-ballots`, body)).status).toBe(201);
    await sup.api("PATCH", `/polls/${id}`, { state: "closed" });
    expect((await sup.api("POST", `/polls/${id}/paper-ballots`, body)).status).toBe(201);
    await sup.api("PATCH", `/polls/${id}`, { state: "published" });
    const late = await sup.api("POST", `/polls/${id}/paper-ballots`, body);
    expect(late.status).toBe(409);
    expect(shownMarkup(await (await sup.get(`/workspaces/${WORKSPACE}/polls/${id}/paper`)).text())).toContain(
      "Paper ballots can be entered while the vote is open",
    );
    expect(await stored(id)).toHaveLength(2);
  });

  it("come as a JSON list, all stored with a receipt each, and a retried list stores nothing new", async () => {
    const { id } = await poll();
    const body = {
      ballots: [
        { group: "student", choices: ["P2"] },
        { group: "family", school: "RUSD-001", choices: ["p1", "P2"] },
      ],
      clientToken: "box-7",
    };
    const res = await sup.api("POST", `/polls/${id}/paper-ballots`, body);
    expect(res.status).toBe(201);
    const { receipts } = (await res.json()) as { receipts: string[] };
    expect(receipts).toHaveLength(2);
    const again = await sup.api("POST", `/polls/${id}/paper-ballots`, body);
    expect(await again.json()).toEqual({ receipts });
    const rows = await stored(id);
    expect(rows).toHaveLength(2);
    // Codes typed in lower case are the options' own.
    expect(rows.find((r) => r.schoolId === "RUSD-001")!.choices).toEqual([{ code: "P1" }, { code: "P2" }]);

    const bad = await sup.api("POST", `/polls/${id}/paper-ballots`, {
      ballots: [
        { group: "family", choices: ["P1"] },
        { group: "parents", choices: "P1" },
      ],
    });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error).toEqual({
      code: "invalid_paper_ballots",
      message: "Some paper ballots have problems; none was entered.",
      details: [
        {
          line: 2,
          code: "unknown_group",
          message:
            "“parents” is not a stakeholder group: use cabinet, district_staff, educator, coalition, family, student or community.",
        },
        {
          line: 2,
          code: "choices_unreadable",
          message:
            'The choices “"P1"” could not be read: write option codes separated by “;” (on points votes, code:points).',
        },
      ],
    });
    expect(await stored(id)).toHaveLength(2);
  });

  it("take a client token for one upload: a retry answers its receipts, other ballots under it are refused whole", async () => {
    const { id } = await poll();
    const path = `/api/v1/polls/${id}/paper-ballots`;
    const csv = "group,choices\nfamily,P1\nstudent,P2\n";
    // Sent twice at once (a double click): one upload stored, both answered with its receipts.
    const [a, b] = await Promise.all([
      upload(sup, path, csv, { clientToken: "night-3" }),
      upload(sup, path, csv, { clientToken: "night-3" }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const { receipts } = (await a.json()) as { receipts: string[] };
    expect(await b.json()).toEqual({ receipts });
    expect(await stored(id)).toHaveLength(2);

    // The same token with a longer, a shorter or a changed file: refused, nothing stored.
    for (const other of [csv + "family,P3\n", "group,choices\nfamily,P1\n", "group,choices\nfamily,P1\nstudent,P3\n"]) {
      const res = await upload(sup, path, other, { clientToken: "night-3" });
      expect(res.status).toBe(409);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("client_token_reused");
    }
    // The JSON list shares the rule (its line 1 is the CSV's line 1).
    const listed = await sup.api("POST", `/polls/${id}/paper-ballots`, {
      ballots: [{ group: "family", choices: ["P3"] }],
      clientToken: "night-3",
    });
    expect(listed.status).toBe(409);
    expect(await stored(id)).toHaveLength(2);

    // A token Postgres cannot store, or longer than the API takes, is refused plainly, not dropped.
    for (const clientToken of ["night\u00004", "n".repeat(201)]) {
      expect((await upload(sup, path, csv, { clientToken })).status).toBe(400);
    }
    expect(await stored(id)).toHaveLength(2);
    // The retry entered no papers: the audit log counts one upload of two.
    const audited = await app.db
      .select({ data: auditEvents.data })
      .from(auditEvents)
      .where(eq(auditEvents.action, "poll.paper_ballots"));
    expect(audited.filter((a) => (a.data as { pollId?: string }).pollId === id)).toEqual([
      { data: { pollId: id, count: 2 } },
    ]);

    // On the page, the form that entered ballots cannot enter others.
    const page = `/workspaces/${WORKSPACE}/polls/${id}/paper`;
    const reused = await upload(sup, page, "group,choices\nfamily,P2\n", { intent: "csv", clientToken: "night-3" });
    expect(reused.status).toBe(409);
    expect(shownMarkup(await reused.text())).toContain("This form already entered other ballots");
    const single = await sup.postForm(page, [
      ["intent", "paper"],
      ["clientToken", "night-3"],
      ["choice", "P2"],
      ["group", "family"],
    ]);
    expect(single.status).toBe(409);
    expect(shownMarkup(await single.text())).toContain("This form already entered other ballots");
    expect(await stored(id)).toHaveLength(2);
  });

  it("come as a CSV file: every bad line reported with its number, and nothing stored", async () => {
    const { id } = await poll({ eligibleGroups: ["family", "student", "educator"] });
    const csv = [
      "group,school,choices",
      "family,,P1;P2",
      "",
      "parents,,P1",
      "student,RUSD-999,P3",
      "family,,P1;P2;P3",
      "educator,,P9",
      "cabinet,,P1",
      'family,"RUSD-001"x,P1',
      "student,,P1:3",
      "family,RUSD-004,P3;P2",
    ].join("\n");
    const res = await upload(sup, `/api/v1/polls/${id}/paper-ballots`, csv);
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { code: string; details: { line: number; code: string }[] } };
    expect(error.code).toBe("invalid_paper_ballots");
    expect(error.details.map((d) => [d.line, d.code])).toEqual([
      [4, "unknown_group"],
      [5, "unknown_school"],
      [6, "over_budget"],
      [7, "unknown_option"],
      [8, "group_not_invited"],
      [9, "text_after_quote"],
      [10, "choices_unreadable"],
    ]);
    expect(await stored(id)).toHaveLength(0);

    // The page lists the same problems, in the reader's language, in a table.
    const page = await upload(sup, `/workspaces/${WORKSPACE}/polls/${id}/paper`, csv, { intent: "csv" });
    expect(page.status).toBe(422);
    const html = shownMarkup(await page.text());
    expect(html).toContain("Nothing was entered.");
    expect(html).toContain("<td>8</td><td>This vote is not open to the group Cabinet.</td>");
    expect(await stored(id)).toHaveLength(0);

    const good = ["group,school,choices", "family,,P1;P2", "student,RUSD-004,P3", "educator,,"].join("\r\n");
    const ok = await upload(sup, `/workspaces/${WORKSPACE}/polls/${id}/paper`, good, {
      intent: "csv",
      clientToken: "file-1",
    });
    expect(ok.status).toBe(200);
    const done = shownMarkup(await ok.text());
    expect(done).toContain("3 paper ballots entered.");
    expect(done.match(/<code>[A-Z2-7]{5}-[A-Z2-7]{5}<\/code>/g)).toHaveLength(3);
    expect((await stored(id)).map((b) => b.stakeholderGroup).sort()).toEqual(["educator", "family", "student"]);
  });

  it("read points and ranks from a CSV as the ballot type says", async () => {
    const points = await poll({ ballot: { type: "points", points: 10, maxPerOption: 6 } });
    const csv = ["choices,group", "P1:6;P2:4,family", "P1:7;P2:4,family", "P3:2;P1:0,student"].join("\n");
    const refused = await upload(sup, `/api/v1/polls/${points.id}/paper-ballots`, csv);
    const details = ((await refused.json()) as { error: { details: { line: number; code: string }[] } }).error.details;
    expect(details.map((d) => [d.line, d.code])).toEqual([
      [3, "points_over_option_limit"],
      [3, "points_over_total"],
    ]);
    const fixed = csv.replace("P1:7;P2:4", "P1:5;P2:4");
    expect((await upload(sup, `/api/v1/polls/${points.id}/paper-ballots`, fixed)).status).toBe(201);
    expect((await stored(points.id)).map((b) => b.choices)).toContainEqual([{ code: "P3", points: 2 }]);

    const ranked = await poll({ ballot: { type: "ranked", maxRanked: 2 } });
    const order = ["group,choices", "family,P3;P1"].join("\n");
    expect((await upload(sup, `/api/v1/polls/${ranked.id}/paper-ballots`, order)).status).toBe(201);
    expect((await stored(ranked.id))[0]!.choices).toEqual([{ code: "P3" }, { code: "P1" }]);
  });

  it("refuse a file whose header is wrong, saying so once", async () => {
    const { id } = await poll();
    const res = await upload(sup, `/api/v1/polls/${id}/paper-ballots`, "grupo,choices\nfamily,P1\n");
    expect(((await res.json()) as { error: { details: unknown } }).error.details).toEqual([
      {
        line: 1,
        code: "unknown_column",
        message: "“grupo” is not a column of paper ballots: use group, school and choices.",
      },
      {
        line: 1,
        code: "missing_column",
        message: "The header needs a column named “group” (the columns are group, school, choices).",
      },
    ]);
  });

  it("count in the results, marked paper in the list of counted ballots", async () => {
    const { id } = await poll();
    const online = await rosa.api("PUT", `/polls/${id}/ballot`, { choices: ["P3"] });
    const onlineReceipt = ((await online.json()) as { receipt: string }).receipt;
    const res = await upload(sup, `/api/v1/polls/${id}/paper-ballots`, "group,choices\nfamily,P1\nfamily,P1;P2\n");
    const { receipts } = (await res.json()) as { receipts: string[] };
    await sup.api("PATCH", `/polls/${id}`, { state: "closed" });
    await sup.api("PATCH", `/polls/${id}`, { state: "published" });
    const results = (await (await rosa.api("GET", `/polls/${id}/results?rule=votes`)).json()) as {
      ballots: number;
      options: { code: string; votes: number }[];
      counted: { receipt: string; paper: boolean }[];
    };
    expect(results.ballots).toBe(3);
    expect(results.options.find((o) => o.code === "P1")!.votes).toBe(2);
    expect(
      results.counted
        .filter((b) => b.paper)
        .map((b) => b.receipt)
        .sort(),
    ).toEqual([...receipts].sort());
    expect(results.counted.find((b) => b.receipt === onlineReceipt)!.paper).toBe(false);
    const page = shownMarkup(await (await rosa.get(`/workspaces/${WORKSPACE}/polls/${id}`)).text());
    for (const receipt of receipts) expect(page).toContain(`<code>${receipt}</code> (paper)`);
    expect(page).toContain(`<code>${onlineReceipt}</code></li>`);
  });
});
