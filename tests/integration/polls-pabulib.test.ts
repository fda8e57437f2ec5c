import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../app/domain/district-data/csv";
import { toDecimalString } from "../../app/domain/voting/rational";
import { ballots as ballotsTable, polls as pollsTable } from "../../db/schema";
import { TestClient } from "../helpers/client";
import { readPabulib, type ReferenceElection } from "../helpers/pabulib-reference";
import { rawRequest } from "../helpers/raw-http";
import { startTestServer, type TestServer } from "../helpers/server";
import { createWorkspace, member, signedUp } from "../helpers/workspace";
import { referenceEqualShares, referenceGreedy } from "../unit/voting-reference";

// Every real election in tests/fixtures/pabulib goes in through the API, and what the app then
// says is checked against tests/unit/voting-reference.ts run on the file as read by a separate
// plain reader (tests/helpers/pabulib-reference.ts), never through the import path.

const DIR = join(import.meta.dirname, "../fixtures/pabulib");
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith(".pb"))
  .sort();
const fixture = (file: string) => readFileSync(join(DIR, file));

// The reference's add1 reruns equal shares once per unit the shares grow: seconds for these
// files, minutes for the others (Toulouse: over two). Those get equal shares without
// completion against the reference, and Wieliczka, decided by equal shares with add1, its
// real outcome (the file's `selected`).
const REFERENCE_ADD1 = new Set([
  "poland_czestochowa_2020_grabowka.pb",
  "poland_gdynia_2020_chylonia-small.pb",
  "poland_krakow_2018_swoszowice.pb",
  "poland_warszawa_2017_plac-wojska-polskiego.pb",
]);

let app: TestServer;
let owner: TestClient;
let editor: TestClient;
let viewer: TestClient;
let outsider: TestClient;
let slug: string;
const SECRET_NAMES = ["Olive Owner", "Eddie Editor", "Vera Viewer"];

type Expected = { election: ReferenceElection; greedy: string[]; none: string[]; add1: string[] | null };
const expected = new Map<string, Expected>();

beforeAll(async () => {
  // The reference is slow and synchronous: run it before the server starts, so no request
  // waits on it (a keep-alive socket could time out in between).
  for (const file of FILES) {
    const election = readPabulib(fixture(file).toString("utf8"));
    const { poll, ballots } = election;
    expected.set(file, {
      election,
      greedy: referenceGreedy(poll, ballots),
      none: referenceEqualShares(poll, ballots, "none"),
      add1: REFERENCE_ADD1.has(file) ? referenceEqualShares(poll, ballots, "add1") : null,
    });
  }
  app = await startTestServer();
  owner = await signedUp(app.url, SECRET_NAMES[0]!, "pb-owner");
  slug = await createWorkspace(owner, "Pabulib District", "Pabulib votes");
  editor = await member(owner, slug, { role: "editor", name: SECRET_NAMES[1], label: "pb-editor" });
  viewer = await member(owner, slug, {
    role: "viewer",
    stakeholderGroup: "family",
    name: SECRET_NAMES[2],
    label: "pb-viewer",
  });
  outsider = await signedUp(app.url, "Oscar Outsider", "pb-outsider");
}, 600_000);
afterAll(() => app.close());

/** Posts a file as the multipart field `file`, the way `curl -F file=@x.pb` does. */
function upload(client: TestClient, path: string, content: string | Uint8Array<ArrayBuffer>, name = "election.pb") {
  const form = new FormData();
  form.append("file", new Blob([content]), name);
  return client.request("POST", path, { body: form });
}
const importPb = (client: TestClient, content: string | Uint8Array<ArrayBuffer>, name?: string, workspace = slug) =>
  upload(client, `/api/v1/workspaces/${workspace}/polls/import`, content, name);

async function imported(content: string | Uint8Array<ArrayBuffer>, name?: string) {
  const res = await importPb(editor, content, name);
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: string; options: number; ballots: number };
}

type Results = {
  ballots: number;
  selected: { code: string }[];
  options: { code: string; votes: number; points?: number; funded: boolean }[];
};
const results = async (client: TestClient, id: string, query: string) => {
  const res = await client.api("GET", `/polls/${id}/results?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Results;
};
const selected = (r: Results) => r.selected.map((o) => o.code);
const sorted = (codes: readonly string[]) => [...codes].sort();
const byVoter = <T extends { voterId: string }>(list: readonly T[]) =>
  [...list].sort((a, b) => (a.voterId < b.voterId ? -1 : a.voterId > b.voterId ? 1 : 0));

function approvals(e: ReferenceElection): Map<string, number> {
  const votes = new Map(e.poll.options.map((o) => [o.code, 0]));
  for (const b of e.ballots) for (const c of b.choices) votes.set(c.code, votes.get(c.code)! + 1);
  return votes;
}

/** A CSV download as rows of fields, after checking its byte-order mark and CRLF line ends. */
async function csvRows(res: Response): Promise<string[][]> {
  // Read as bytes: text() would drop the byte-order mark.
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes);
  expect(text.endsWith("\r\n")).toBe(true);
  const parsed = parseCsv(text);
  expect(parsed.errors).toEqual([]);
  return parsed.records;
}

async function stored() {
  const [polls] = await app.db.select({ n: count() }).from(pollsTable);
  const [ballots] = await app.db.select({ n: count() }).from(ballotsTable);
  return { polls: polls!.n, ballots: ballots!.n };
}

describe("importing every real election", () => {
  for (const file of FILES) {
    it(`${file}: stored as the file says, counted as the reference counts it, exported back whole`, async () => {
      const { election, ...reference } = expected.get(file)!;
      const { meta, poll, ballots, names } = election;

      const answer = await imported(fixture(file), file);
      expect(answer).toEqual({ id: answer.id, options: poll.options.length, ballots: ballots.length });
      expect(answer.options).toBe(Number(meta.num_projects));
      expect(answer.ballots).toBe(Number(meta.num_votes));

      const shown = (await (await editor.api("GET", `/polls/${answer.id}`)).json()) as {
        state: string;
        imported: boolean;
        title: string;
        budget: string;
        options: { code: string; title: string; cost: string }[];
      };
      expect(shown).toMatchObject({ state: "closed", imported: true, budget: toDecimalString(poll.budget) });
      expect(shown.title).toBe((meta.description ?? "").slice(0, 200));
      expect(shown.options.map((o) => [o.code, o.cost])).toEqual(
        poll.options.map((o) => [o.code, toDecimalString(o.cost)]),
      );
      expect(shown.options.map((o) => o.title)).toEqual(
        poll.options.map((o) => {
          const name = names.get(o.code) ?? o.code;
          return name.length > 200 ? `${name.slice(0, 199).trimEnd()}…` : name;
        }),
      );

      const votes = await results(editor, answer.id, "rule=votes");
      expect(votes.ballots).toBe(ballots.length);
      expect(new Map(votes.options.map((o) => [o.code, o.votes]))).toEqual(approvals(election));
      expect(selected(await results(editor, answer.id, "rule=greedy"))).toEqual(reference.greedy);
      expect(selected(await results(editor, answer.id, "rule=equal-shares&completion=none"))).toEqual(reference.none);
      const add1 = selected(await results(editor, answer.id, "rule=equal-shares"));
      if (reference.add1) expect(add1).toEqual(reference.add1);
      if (meta.rule === "equalshares/add1") expect(sorted(add1)).toEqual(sorted(election.selected));

      // Export, and read the file back with the plain reader: the same election.
      const exported = await editor.get(`/api/v1/polls/${answer.id}/export?format=pb`);
      expect(exported.status).toBe(200);
      expect(exported.headers.get("content-type")).toBe("text/plain; charset=utf-8");
      expect(exported.headers.get("content-disposition")).toMatch(/^attachment; filename=".+-equal-shares-add1\.pb"/);
      const text = await exported.text();
      const back = readPabulib(text);
      expect(back.poll).toEqual(poll);
      expect(byVoter(back.ballots)).toEqual(byVoter(ballots));
      expect(back.names).toEqual(
        new Map(poll.options.map((o) => [o.code, shown.options.find((s) => s.code === o.code)!.title])),
      );
      expect(back.meta).toMatchObject({
        description: shown.title,
        vote_type: meta.vote_type === "choose-1" ? "approval" : meta.vote_type,
        budget: toDecimalString(poll.budget),
        rule: "equalshares/add1",
        num_projects: String(poll.options.length),
        num_votes: String(ballots.length),
      });
      for (const limit of ["min_length", "max_length", "max_sum_points", "max_points"])
        if (meta[limit] !== undefined && !(limit === "min_length" && meta.vote_type === "ordinal"))
          expect(back.meta[limit], limit).toBe(meta[limit]);
      expect(sorted(back.selected)).toEqual(sorted(add1));
    }, 300_000);
  }
});

const pb = (...sections: string[][]) => sections.flat().join("\n") + "\n";
const META = [
  "META",
  "key;value",
  "description;Hostile names",
  "vote_type;cumulative",
  "budget;100.5",
  "max_sum_points;5",
];

describe("CSV exports", () => {
  it("list results by option and the anonymous ballots, safe to open in a spreadsheet", async () => {
    const { id } = await imported(
      pb(
        META,
        [
          "PROJECTS",
          "project_id;cost;name",
          '1;50.25;"=HYPERLINK(""http://evil.example"";""x"")"',
          "2;60;+cmd",
          "3;40;@SUM(A1)",
        ],
        ["VOTES", "voter_id;vote;points", "-7;1,3;3,2", "=2;2;5", "v3;3,1;4,1"],
      ),
      "hostile.pb",
    );
    const res = await editor.get(`/api/v1/polls/${id}/export?format=csv&rule=greedy`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(
      `attachment; filename="Hostile-names-results-greedy.csv"; filename*=UTF-8''Hostile-names-results-greedy.csv`,
    );
    const api = await results(editor, id, "rule=greedy");
    const rows = await csvRows(res);
    expect(rows[0]).toEqual([
      "code",
      "title",
      "cost",
      "votes",
      "points",
      "borda",
      "funded",
      "funded_order",
      "explanation",
    ]);
    expect(rows.slice(1).map((r) => r.slice(0, 8))).toEqual([
      ...api.options.map((o) => [
        o.code,
        { "1": `'=HYPERLINK("http://evil.example";"x")`, "2": "'+cmd", "3": "'@SUM(A1)" }[o.code]!,
        { "1": "50.25", "2": "60", "3": "40" }[o.code]!,
        String(o.votes),
        String(o.points),
        "",
        o.funded ? "1" : "0",
        o.funded ? String(api.selected.findIndex((s) => s.code === o.code) + 1) : "",
      ]),
    ]);
    expect(rows.slice(1).every((r) => r[8]!.length > 0)).toBe(true);

    const ballots = await editor.get(`/api/v1/polls/${id}/export?format=csv&part=ballots`);
    expect(ballots.headers.get("content-disposition")).toContain('filename="Hostile-names-ballots.csv"');
    expect(await csvRows(ballots)).toEqual([
      ["receipt", "choices", "points", "paper"],
      ["'-7", "1,3", "3,2", "0"],
      ["'=2", "2", "5", "0"],
      ["v3", "3,1", "4,1", "0"],
    ]);
  });

  it("words each option's explanation in the reader's language", async () => {
    const { id } = await imported(
      pb(META, ["PROJECTS", "project_id;cost", "1;50"], ["VOTES", "voter_id;vote;points", "a;1;5"]),
    );
    const res = await editor.request("GET", `/api/v1/polls/${id}/export?format=csv`, {
      headers: { "Accept-Language": "es" },
    });
    expect((await csvRows(res))[1]![8]).toMatch(/^Financiada: /);
  });

  it("refuses unknown formats, parts and rules", async () => {
    const { id } = await imported(
      pb(META, ["PROJECTS", "project_id;cost", "1;50"], ["VOTES", "voter_id;vote;points", "a;1;5"]),
    );
    for (const query of [
      "format=xml",
      "format=pb&part=ballots",
      "format=csv&part=everything",
      "rule=votes",
      "completion=later",
    ]) {
      const res = await editor.api("GET", `/polls/${id}/export?${query}`);
      expect(res.status, query).toBe(400);
      expect((await res.json()).error.code).toBe("bad_request");
    }
  });
});

describe("files that cannot be imported", () => {
  const good = {
    meta: ["META", "key;value", "description;Bad files", "vote_type;approval", "budget;1000"],
    projects: ["PROJECTS", "project_id;cost;name", "1;400;Park", "2;600;Road"],
    votes: ["VOTES", "voter_id;vote", "a;1,2", "b;2"],
  };

  it.each([
    [
      "a missing section",
      pb(good.meta, good.projects),
      [{ line: 9, code: "missing_section", message: "The VOTES section is missing." }],
    ],
    [
      "a bad cost",
      pb(good.meta, ["PROJECTS", "project_id;cost;name", "1;four hundred;Park", "2;600;Road"], good.votes),
      [{ line: 8, code: "bad_cost", message: 'The cost "four hundred" is not an amount of 0 or more.' }],
    ],
    [
      "a vote for an unknown project",
      pb(good.meta, good.projects, ["VOTES", "voter_id;vote", "a;1,2", "b;2,99"]),
      [{ line: 13, code: "unknown_project", message: "The vote names a project that PROJECTS does not list: 99." }],
    ],
    [
      "a budget that is not a number",
      pb(
        ["META", "key;value", "description;Bad files", "vote_type;approval", "budget;lots"],
        good.projects,
        good.votes,
      ),
      [{ line: 5, code: "bad_budget", message: 'The budget "lots" is not an amount of 0 or more.' }],
    ],
    [
      "several errors at once",
      pb(good.meta, good.projects, ["VOTES", "voter_id;vote", "a;1,1", "a;2"]),
      [
        { line: 12, code: "vote_repeats", message: "The vote names project 1 twice." },
        { line: 13, code: "voter_twice", message: "Voter a appears twice." },
      ],
    ],
    [
      "a cost of nothing",
      pb(good.meta, ["PROJECTS", "project_id;cost;name", "1;0;Park", "2;600;Road"], good.votes),
      [{ line: 8, code: "cost_not_positive", message: "Project 1 must cost more than 0." }],
    ],
  ])("%s → 422 with every error by line, and nothing stored", async (_, file, details) => {
    const before = await stored();
    const res = await importPb(editor, file);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; message: string; details: unknown } };
    expect(body.error.code).toBe("invalid_pabulib");
    expect(body.error.message).toBe(
      `The file has ${details.length} error${details.length === 1 ? "" : "s"}; nothing was imported.`,
    );
    expect(body.error.details).toEqual(details);
    expect(await stored()).toEqual(before);
  });

  it("binary garbage → 422 naming the line where the text stops, and nothing stored", async () => {
    const before = await stored();
    const garbage = new Uint8Array(4096);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 151 + 7) % 256;
    const res = await importPb(editor, garbage, "photo.jpg");
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { details: { line: number; code: string }[] } };
    expect(error.details).toEqual([
      { line: 1, code: "not_text", message: "The file is not UTF-8 text from this line on. Is it a .pb file?" },
    ]);
    expect(await stored()).toEqual(before);
  });

  it("no file, or not multipart → 400; a file over 10 MB → 413 with a message, before or while it is read", async () => {
    const empty = new FormData();
    empty.append("title", "no file");
    const none = await editor.request("POST", `/api/v1/workspaces/${slug}/polls/import`, { body: empty });
    expect(none.status).toBe(400);
    expect((await none.json()).error.message).toBe("Send the Pabulib (.pb) file in the multipart field `file`.");
    expect((await editor.api("POST", `/workspaces/${slug}/polls/import`, {})).status).toBe(400);

    const before = await stored();
    const MB = 1024 * 1024;
    // Over the whole body's limit: refused from its Content-Length, unread.
    const huge = await importPb(editor, new Uint8Array(11 * MB).fill(65));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual({
      error: { code: "payload_too_large", message: "The body is larger than 10 MB." },
    });
    // Within the body's limit, but the file part itself is one byte too many: cut while streaming.
    const over = await importPb(editor, new Uint8Array(10 * MB + 1).fill(65));
    expect(over.status).toBe(413);
    expect((await over.json()).error).toEqual({
      code: "payload_too_large",
      message: "Each file may be at most 10 MB.",
    });
    expect(await stored()).toEqual(before);
  }, 60_000);
});

describe("who may import and export", () => {
  const small = pb(
    ["META", "key;value", "description;Small vote", "vote_type;approval", "budget;100"],
    ["PROJECTS", "project_id;cost", "1;60", "2;50"],
    ["VOTES", "voter_id;vote", "x1;1", "x2;1,2"],
  );

  it("non-members get 404 on import and export, exactly as for what does not exist", async () => {
    const { id } = await imported(small);
    const before = await stored();
    for (const workspace of [slug, "no-such-workspace"]) {
      const res = await importPb(outsider, small, "small.pb", workspace);
      expect(res.status, workspace).toBe(404);
      expect(await res.json()).toEqual({ error: { code: "not_found", message: "Not found." } });
    }
    for (const poll of [id, "00000000-0000-4000-8000-000000000000"])
      for (const query of ["format=pb", "format=csv", "format=csv&part=ballots"]) {
        const res = await outsider.api("GET", `/polls/${poll}/export?${query}`);
        expect(res.status, query).toBe(404);
        expect(await res.json()).toEqual({ error: { code: "not_found", message: "Not found." } });
      }
    expect(await stored()).toEqual(before);
    expect((await importPb(new TestClient(app.url), small)).status).toBe(401);
  });

  it("a viewer may not import (403), and may export only once the results are published", async () => {
    const before = await stored();
    const refused = await importPb(viewer, small);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe("forbidden");
    expect(await stored()).toEqual(before);

    const { id } = await imported(small);
    for (const query of ["format=pb", "format=csv", "format=csv&part=ballots"])
      expect((await viewer.api("GET", `/polls/${id}/export?${query}`)).status, query).toBe(403);
    expect((await editor.api("PATCH", `/polls/${id}`, { state: "published" })).status).toBe(200);
    const pbFile = await viewer.get(`/api/v1/polls/${id}/export?format=pb`);
    expect(pbFile.status).toBe(200);
    expect(readPabulib(await pbFile.text()).ballots.map((b) => b.voterId)).toEqual(["x1", "x2"]);
  });

  it("a draft has nothing to export (409); a browser following a refused link gets a page", async () => {
    const created = await editor.api("POST", `/workspaces/${slug}/polls`, {
      title: "Draft vote",
      budget: 10,
      ballot: { type: "approval", maxOptions: 1 },
      options: [
        { title: "One", cost: 5 },
        { title: "Two", cost: 5 },
      ],
    });
    const draft = (await created.json()) as { id: string };
    expect((await editor.api("GET", `/polls/${draft.id}/export`)).status).toBe(409);
    // A browser following the link (fetch cannot send Sec-Fetch-Mode: navigate).
    const page = await rawRequest(app.url, {
      path: `/api/v1/polls/${draft.id}/export?format=pb`,
      headers: { Accept: "text/html", "Sec-Fetch-Mode": "navigate", Cookie: viewer.cookieHeader() },
    });
    expect(page.status).toBe(403);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.body).toContain("<h1>");
  });

  it("exports hold receipts, never who voted: numbered until the results are published", async () => {
    const created = await editor.api("POST", `/workspaces/${slug}/polls`, {
      title: "Members' vote",
      budget: 100,
      ballot: { type: "ranked", maxRanked: 2 },
      options: [
        { title: "Tutors", cost: 60 },
        { title: "Buses", cost: 50 },
      ],
    });
    const { id } = (await created.json()) as { id: string };
    expect((await editor.api("PATCH", `/polls/${id}`, { state: "open" })).status).toBe(200);
    const receipts: string[] = [];
    for (const [client, choices] of [
      [owner, ["P1", "P2"]],
      [editor, ["P2"]],
      [viewer, ["P2", "P1"]],
    ] as const) {
      const res = await client.api("PUT", `/polls/${id}/ballot`, { choices });
      expect(res.status).toBe(200);
      receipts.push(((await res.json()) as { receipt: string }).receipt);
    }
    expect((await editor.api("PATCH", `/polls/${id}`, { state: "closed" })).status).toBe(200);
    const identities = [...SECRET_NAMES];
    for (const client of [owner, editor, viewer]) {
      const me = (await (await client.api("GET", "/me")).json()) as { id: string; email: string };
      identities.push(me.id, me.email);
    }
    const files = async () =>
      Promise.all(
        ["format=pb", "format=csv", "format=csv&part=ballots"].map(async (query) => {
          const res = await editor.get(`/api/v1/polls/${id}/export?${query}`);
          expect(res.status).toBe(200);
          return res.text();
        }),
      );

    const early = await files();
    expect(byVoter(readPabulib(early[0]!).ballots).map((b) => b.voterId)).toEqual(["1", "2", "3"]);
    expect(
      parseCsv(early[2]!)
        .records.slice(1)
        .map((r) => r[0]),
    ).toEqual(["1", "2", "3"]);
    for (const text of early) for (const secret of [...identities, ...receipts]) expect(text).not.toContain(secret);

    expect((await editor.api("PATCH", `/polls/${id}`, { state: "published" })).status).toBe(200);
    const late = await files();
    const ballots = readPabulib(late[0]!).ballots;
    expect(ballots.map((b) => b.voterId)).toEqual([...receipts].sort());
    // Ranked ballots keep their order, best first.
    const viewerBallot = ballots.find((b) => b.voterId === receipts[2]);
    expect(viewerBallot!.choices).toEqual([{ code: "P2" }, { code: "P1" }]);
    expect(readPabulib(late[0]!).meta.vote_type).toBe("ordinal");
    for (const text of late) for (const secret of identities) expect(text).not.toContain(secret);
  });
});

describe("the votes page", () => {
  const pagePath = () => `/workspaces/${slug}/polls`;
  const small = pb(
    ["META", "key;value", "description;Page import", "vote_type;approval", "budget;100"],
    ["PROJECTS", "project_id;cost;name", "1;60;Library", "2;50;Garden"],
    ["VOTES", "voter_id;vote", "p1;1", "p2;1,2"],
  );

  it("offers the import form to those who may create votes only", async () => {
    const html = await (await editor.get(pagePath())).text();
    expect(html).toMatch(/<form[^>]*method="post"[^>]*enctype="multipart\/form-data"/i);
    expect(html).toMatch(/<label for="pabulib-file">Pabulib file \(\.pb, at most 10 MB\)<\/label>/);
    expect(html).toMatch(/<input id="pabulib-file" type="file" name="file" accept="\.pb,text\/plain" required=""/);
    expect(await (await viewer.get(pagePath())).text()).not.toContain('name="file"');
    const refused = await upload(viewer, `${pagePath()}?index`, small);
    expect(refused.status).toBe(403);
  });

  it("imports without JavaScript: a plain multipart post, then the new vote's page", async () => {
    const res = await upload(editor, `${pagePath()}?index`, small, "page.pb");
    expect(res.status).toBe(302);
    const location = res.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^/workspaces/${slug}/polls/[0-9a-f-]{36}$`));
    const page = await (await editor.get(location)).text();
    expect(page).toContain("Page import");
    // The editor sees the results, and with them the files.
    const id = location.split("/").at(-1)!;
    expect(page).toContain(`href="/api/v1/polls/${id}/export?rule=equal-shares&amp;format=pb"`);
    expect(page).toContain(`href="/api/v1/polls/${id}/export?rule=equal-shares&amp;format=csv&amp;part=ballots"`);
    // A viewer sees neither before publication.
    expect(await (await viewer.get(location)).text()).not.toContain("/export?");
  });

  it("lists every error by line, as an alert, in the reader's language", async () => {
    const before = await stored();
    const bad = pb(
      ["META", "key;value", "description;Bad", "vote_type;approval", "budget;lots"],
      ["PROJECTS", "project_id;cost", "1;60"],
      ["VOTES", "voter_id;vote", "a;7"],
    );
    const en = await upload(editor, `${pagePath()}?index`, bad);
    expect(en.status).toBe(422);
    const html = await en.text();
    expect(html).toMatch(/<div id="import-errors" role="alert"[^>]*>/);
    expect(html).toContain("The file has 2 errors, so nothing was imported:");
    expect(html).toContain("<li>Line 5: The budget &quot;lots&quot; is not an amount of 0 or more.</li>");
    expect(html).toContain("<li>Line 11: The vote names a project that PROJECTS does not list: 7.</li>");
    expect(html).toMatch(/<input[^>]*aria-invalid="true"[^>]*aria-describedby="import-errors"/);

    const form = new FormData();
    form.append("file", new Blob([bad]), "malo.pb");
    // A signed-in reader's language is her account's (decision 021); a page view brings it to the device.
    expect((await editor.api("PATCH", "/me", { locale: "es" })).status).toBe(200);
    await editor.get(pagePath());
    const es = await editor.request("POST", `${pagePath()}?index`, { body: form });
    const spanish = await es.text();
    expect((await editor.api("PATCH", "/me", { locale: "en" })).status).toBe(200);
    await editor.get(pagePath());
    expect(spanish).toContain("El archivo tiene 2 errores, así que no se importó nada:");
    expect(spanish).toContain("<li>Línea 11: El voto nombra un proyecto que PROJECTS no incluye: 7.</li>");
    expect(await stored()).toEqual(before);
  });
});
