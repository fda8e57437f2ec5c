import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TestClient } from "../helpers/client";
import { httpFuzzChecks, Tally } from "../helpers/http-fuzz";
import type { RawRequest, RawResponse } from "../helpers/raw-http";
import { startTestServer, type TestServer } from "../helpers/server";
import { createWorkspace, signedUp } from "../helpers/workspace";

// The poll inputs a stranger or a careless upload reaches, under generated input (as polls-fuzz
// does for the JSON bodies): the code-only vote (API and the /vote page's form), the paper-ballot
// CSV and the Pabulib import. Whatever arrives, the answer is below 500, the server keeps serving,
// and a refused request stores nothing — no ballot, no spent code, no poll. Inputs are mostly
// valid with a spoiled part, so the accepting path is reached too and its effect checked.
const RUNS = 120;
const TIMEOUT = 240_000;

let app: TestServer;
let owner: TestClient;
let workspace: string;
/** An open vote with live results (so its ballot count is readable), codes for the family group. */
let poll: string;
let codes: string[] = [];
const spent = new Set<string>();

beforeAll(async () => {
  app = await startTestServer();
  owner = await signedUp(app.url, "Upload Owner", "upload-fuzz-owner");
  workspace = await createWorkspace(owner, "Upload Fuzz District", "Upload Fuzz Workspace");
  const created = await owner.api("POST", `/workspaces/${workspace}/polls`, {
    title: "Fuzzed uploads",
    budget: 100000,
    ballot: { type: "approval", maxOptions: 2 },
    options: [
      { title: "Reading tutors", cost: 40000 },
      { title: "Bus route", cost: 30000 },
      { title: "Counselor", cost: 50000 },
    ],
    eligibleGroups: ["family", "student"],
    results: "live",
  });
  expect(created.status).toBe(201);
  poll = ((await created.json()) as { id: string }).id;
  expect((await owner.api("PATCH", `/polls/${poll}`, { state: "open" })).status).toBe(200);
  const issued = await owner.api("POST", `/polls/${poll}/access-codes`, { count: 400 });
  expect(issued.status).toBe(201);
  codes = ((await issued.json()) as { codes: string[] }).codes;
}, 120_000);
afterAll(() => app.close());

const checks = httpFuzzChecks(() => app);
beforeEach(() => checks.mark());
const { stillServing } = checks;

function send(request: RawRequest, cookie?: string): Promise<RawResponse> {
  return checks.send(cookie ? { ...request, headers: { ...request.headers, Cookie: cookie } } : request);
}

const json = async (res: Response) => (await res.json()) as Record<string, unknown>;
const ballotCount = async () =>
  Number((await json(await owner.api("GET", `/polls/${poll}/results?rule=votes`))).ballots);
const codesUsed = async () => Number((await json(await owner.api("GET", `/polls/${poll}/access-codes`))).used);
const pollIds = async () =>
  ((await json(await owner.api("GET", `/workspaces/${workspace}/polls`))).polls as { id: string }[]).map((p) => p.id);

// ── generated values ─────────────────────────────────────────────────────────

const odd = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom("__proto__", "constructor", "", " ", "\u0000", "\r\n", '"', "=cmd|' /C calc'!A0", "1e999", "NaN"),
  fc.integer({ min: 1, max: 70_000 }).map((n) => "x".repeat(n)),
);
/** An unspent code now and then typed loosely (lower case, spaces, no dashes), or something else. */
const code = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(fc.nat(), fc.constantFrom("as-is", "lower", "spaced", "bare")).map(([i, style]) => {
      const fresh = codes.filter((c) => !spent.has(c));
      const c = fresh[i % fresh.length]!;
      if (style === "lower") return c.toLowerCase();
      if (style === "spaced") return ` ${c.replaceAll("-", " ")} `;
      if (style === "bare") return c.replaceAll("-", "");
      return c;
    }),
  },
  { weight: 1, arbitrary: fc.oneof(odd, fc.constantFrom(...["ABCD-EFGH-JKLM-NPQR", "0000-0000-0000-0000"])) },
);
const canonical = (typed: string) => typed.replace(/[\s-]/g, "").toUpperCase();
const choice = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom("P1", "P2", "P3", "p1") },
  { weight: 1, arbitrary: odd },
);
const group = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom("family", "student") },
  { weight: 1, arbitrary: fc.oneof(fc.constantFrom("cabinet", "parents", "__proto__"), odd) },
);

describe("fuzzed code ballots, paper ballots and Pabulib files never get a server error, and a refused one stores nothing", () => {
  it(
    "POST /api/v1/vote and the /vote form: codes, choices and groups, valid and not",
    async () => {
      const tally = new Tally();
      const body = fc.record(
        {
          code,
          choices: fc.oneof(
            { weight: 5, arbitrary: fc.uniqueArray(choice, { maxLength: 3 }) },
            { weight: 1, arbitrary: fc.oneof(odd, fc.jsonValue({ maxDepth: 3 })) },
          ),
          group,
          school: fc.option(fc.oneof(fc.constantFrom("RUSD-001"), odd), { nil: undefined }),
          clientToken: fc.option(odd, { nil: undefined }),
        },
        { requiredKeys: ["code"] },
      );
      const asForm = fc.boolean();
      await fc.assert(
        fc.asyncProperty(body, asForm, async (b, form) => {
          const [ballotsBefore, usedBefore] = [await ballotCount(), await codesUsed()];
          let res: RawResponse;
          if (form) {
            const fields = new URLSearchParams({ intent: "vote", code: String(b.code) });
            const choices = Array.isArray(b.choices) ? b.choices : [b.choices];
            for (const c of choices) fields.append("choice", typeof c === "string" ? c : JSON.stringify(c));
            if (typeof b.group === "string") fields.set("group", b.group);
            if (typeof b.school === "string") fields.set("school", b.school);
            if (typeof b.clientToken === "string") fields.set("clientToken", b.clientToken);
            res = await send({
              method: "POST",
              path: "/vote",
              body: fields.toString(),
              headers: { "Content-Type": "application/x-www-form-urlencoded" },
            });
          } else {
            res = await send({
              method: "POST",
              path: "/api/v1/vote",
              body: JSON.stringify(b),
              headers: { "Content-Type": "application/json" },
            });
          }
          tally.add(res.status);
          const [ballotsAfter, usedAfter] = [await ballotCount(), await codesUsed()];
          const known = codes.find((c) => canonical(c) === canonical(String(b.code)));
          if (res.status === 200 && known && !spent.has(known) && /receipt/i.test(res.body)) {
            // A ballot was cast with a fresh code: one more ballot, one more spent code.
            spent.add(known);
            expect(ballotsAfter).toBe(ballotsBefore + 1);
            expect(usedAfter).toBe(usedBefore + 1);
          } else {
            expect(ballotsAfter, `answered ${res.status} ${res.body.slice(0, 200)} yet a ballot was stored`).toBe(
              ballotsBefore,
            );
            expect(usedAfter, "a code was spent without a ballot").toBe(usedBefore);
          }
        }),
        { numRuns: RUNS },
      );
      expect(tally.of(200), `answers: ${tally}`).toBeGreaterThan(0);
      await stillServing();
    },
    TIMEOUT,
  );

  it(
    "POST /api/v1/polls/:poll/paper-ballots with a CSV file: columns, lines, quoting and bytes spoiled",
    async () => {
      const tally = new Tally();
      const header = fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom("group,school,choices", "choices,group", "Group, School ,CHOICES") },
        {
          weight: 1,
          arbitrary: fc.oneof(fc.constantFrom("group,group,choices", "", "group;choices", "\ufeffgroup,choices"), odd),
        },
      );
      const cell = (valid: fc.Arbitrary<string>) =>
        fc.oneof({ weight: 6, arbitrary: valid }, { weight: 1, arbitrary: odd });
      const line = fc
        .tuple(
          cell(fc.constantFrom("family", "student")),
          cell(fc.constantFrom("", "RUSD-001")),
          cell(fc.constantFrom("P1", "P2;P3", "p1 ; p3", "P1;P1", "P1;P2;P3")),
          fc.constantFrom(",", ",", ",", ";", "\t"),
          fc.boolean(),
        )
        .map(([g, s, c, sep, quoted]) => {
          const q = (v: string) => (quoted ? `"${v.replaceAll('"', '""')}"` : v);
          return [q(g), q(s), q(c)].join(sep);
        });
      const csv = fc
        .tuple(header, fc.array(line, { maxLength: 6 }), fc.constantFrom("\n", "\r\n", "\r"), fc.boolean())
        .map(([h, lines, eol, trailing]) => [h, ...lines].join(eol) + (trailing ? eol : ""));
      const file = fc.oneof(
        { weight: 8, arbitrary: csv },
        {
          weight: 1,
          arbitrary: fc.oneof(
            fc.constantFrom('group,choices\n"family,P1', "group,choices\nfamily,\u0000", "\u0000\u0001\u0002"),
            fc.integer({ min: 1, max: 2_000 }).map((n) => "group,choices\n" + "family,P1\n".repeat(n)),
          ),
        },
      );
      const cookie = owner.cookieHeader();
      await fc.assert(
        fc.asyncProperty(file, fc.option(odd, { nil: undefined }), async (text, clientToken) => {
          const before = await ballotCount();
          const boundary = "----fuzz" + Math.random().toString(36).slice(2);
          const parts = [
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="papers.csv"\r\nContent-Type: text/csv\r\n\r\n${text}\r\n`,
            ...(clientToken === undefined
              ? []
              : [`--${boundary}\r\nContent-Disposition: form-data; name="clientToken"\r\n\r\n${clientToken}\r\n`]),
            `--${boundary}--\r\n`,
          ];
          const res = await send(
            {
              method: "POST",
              path: `/api/v1/polls/${poll}/paper-ballots`,
              body: parts.join(""),
              headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
            },
            cookie,
          );
          tally.add(res.status);
          const after = await ballotCount();
          if (res.status === 201) {
            const { receipts } = JSON.parse(res.body) as { receipts: string[] };
            // A repeated client token answers the first receipts and stores nothing new.
            expect([before, before + receipts.length]).toContain(after);
          } else {
            expect(after, `answered ${res.status} ${res.body.slice(0, 200)} yet ballots were stored`).toBe(before);
          }
        }),
        { numRuns: RUNS },
      );
      expect(tally.of(201), `answers: ${tally}`).toBeGreaterThan(0);
      expect(tally.of(422), `answers: ${tally}`).toBeGreaterThan(0);
      await stillServing();
    },
    TIMEOUT,
  );

  it(
    "POST /api/v1/workspaces/:workspace/polls/import: Pabulib files with sections, keys and values spoiled",
    async () => {
      const tally = new Tally();
      const meta = fc
        .tuple(
          fc.oneof({ weight: 5, arbitrary: fc.constantFrom("2", "3") }, { weight: 1, arbitrary: odd }),
          fc.oneof({ weight: 5, arbitrary: fc.constantFrom("100000", "740793.05") }, { weight: 1, arbitrary: odd }),
          fc.oneof(
            { weight: 5, arbitrary: fc.constantFrom("approval", "cumulative", "ordinal") },
            { weight: 1, arbitrary: odd },
          ),
          fc.oneof({ weight: 5, arbitrary: fc.constantFrom("Fuzzed election") }, { weight: 1, arbitrary: odd }),
        )
        .map(([projects, budget, type, name]) =>
          [
            "META",
            "key;value",
            `description;${name}`,
            "country;Poland",
            "unit;Fuzz",
            `num_projects;${projects}`,
            "num_votes;2",
            `budget;${budget}`,
            `vote_type;${type}`,
            "rule;greedy",
          ].join("\n"),
        );
      const project = fc
        .tuple(
          fc.constantFrom("1", "2", "3", "1"),
          fc.oneof({ weight: 5, arbitrary: fc.constantFrom("40000", "30000.50") }, { weight: 1, arbitrary: odd }),
        )
        .map(([id, cost]) => `${id};${cost};Project ${id}`);
      const vote = fc
        .tuple(
          fc.constantFrom("v1", "v2", "v1"),
          fc.oneof({ weight: 5, arbitrary: fc.constantFrom("1", "1,2", "2,1", "3") }, { weight: 1, arbitrary: odd }),
        )
        .map(([id, chosen]) => `${id};${chosen}`);
      const pb = fc
        .tuple(
          meta,
          fc.array(project, { minLength: 1, maxLength: 3 }),
          fc.array(vote, { maxLength: 3 }),
          fc.constantFrom("\n", "\r\n"),
        )
        .map(([m, projects, votes, eol]) =>
          [m, "PROJECTS", "project_id;cost;name", ...projects, "VOTES", "voter_id;vote", ...votes]
            .join("\n")
            .replaceAll("\n", eol),
        );
      const file = fc.oneof(
        { weight: 8, arbitrary: pb },
        {
          weight: 1,
          arbitrary: fc.oneof(odd, fc.constantFrom("META\n", "PROJECTS\nVOTES\n", "\ufeffMETA\nkey;value\n")),
        },
      );
      const cookie = owner.cookieHeader();
      await fc.assert(
        fc.asyncProperty(file, async (text) => {
          const before = await pollIds();
          const boundary = "----fuzz" + Math.random().toString(36).slice(2);
          const body =
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="fuzz.pb"\r\nContent-Type: text/plain\r\n\r\n` +
            `${text}\r\n--${boundary}--\r\n`;
          const res = await send(
            {
              method: "POST",
              path: `/api/v1/workspaces/${workspace}/polls/import`,
              body,
              headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
            },
            cookie,
          );
          tally.add(res.status);
          const after = await pollIds();
          if (res.status === 201) {
            const { id } = JSON.parse(res.body) as { id: string };
            expect(after.sort()).toEqual([...before, id].sort());
            const results = await owner.api("GET", `/polls/${id}/results?rule=greedy`);
            expect(results.status, "an imported vote can be counted").toBe(200);
          } else {
            expect(after, `refused (${res.status} ${res.body.slice(0, 200)}) yet a poll was made`).toEqual(before);
          }
        }),
        { numRuns: RUNS },
      );
      expect(tally.of(201), `answers: ${tally}`).toBeGreaterThan(0);
      expect(tally.of(422), `answers: ${tally}`).toBeGreaterThan(0);
      await stillServing();
    },
    TIMEOUT,
  );
});
