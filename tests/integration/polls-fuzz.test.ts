import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { TestClient } from "../helpers/client";
import { httpFuzzChecks, Tally } from "../helpers/http-fuzz";
import type { RawRequest, RawResponse } from "../helpers/raw-http";
import { startTestServer, type TestServer } from "../helpers/server";
import { createWorkspace, member, signedUp } from "../helpers/workspace";

// The poll routes under generated input, as tests/integration/fuzz-requests.test.ts does for the
// rest: whoever sends whatever, the answer is a 2xx-4xx, the server keeps serving, and a refused
// request changes nothing — the stored ballot, the poll, the list of polls are as they were. The
// inputs are mostly valid with a field or two spoiled, so that many are accepted too, and an
// accepted ballot is checked against what was sent. Each property sends a few hundred requests;
// on a loaded 2-core machine that takes tens of seconds, hence the per-test timeouts.
const RUNS = 150;
const TIMEOUT = 240_000;

let app: TestServer;
let owner: TestClient;
let voter: TestClient;
let stranger: TestClient;
let workspace: string;

type Who = "anonymous" | "stranger" | "owner" | "voter";
const clients = (): Record<Exclude<Who, "anonymous">, TestClient> => ({ owner, voter, stranger });

const BALLOT_TYPES = ["budget", "approval", "points", "ranked"] as const;
type BallotType = (typeof BALLOT_TYPES)[number];
const RULES: Record<BallotType, Record<string, unknown>> = {
  budget: { type: "budget" },
  approval: { type: "approval", maxOptions: 2 },
  points: { type: "points", points: 10, maxPerOption: 6 },
  ranked: { type: "ranked", maxRanked: 3 },
};
const OPTIONS = [
  { title: "Reading tutors", cost: 40000 },
  { title: "Bus route", cost: 30000 },
  { title: "Counselor", cost: "50000.50" },
];
const CODES = ["P1", "P2", "P3"];
const FIRST_BALLOT: Record<BallotType, unknown> = {
  budget: ["P1"],
  approval: ["P2"],
  points: { P1: 4, P3: 6 },
  ranked: ["P3", "P1"],
};

/** One open poll per ballot type, each with a ballot already cast by the voter. */
const open = {} as Record<BallotType, string>;
/** The client token each member's stored ballot came with, by poll: a retry of it changes nothing. */
const lastToken = new Map<string, string | null>();

async function createPoll(body: Record<string, unknown> = {}): Promise<string> {
  const res = await owner.api("POST", `/workspaces/${workspace}/polls`, {
    title: "Fuzzed vote",
    budget: 100000,
    ballot: RULES.budget,
    options: OPTIONS,
    ...body,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function openPoll(body: Record<string, unknown> = {}): Promise<string> {
  const id = await createPoll(body);
  expect((await owner.api("PATCH", `/polls/${id}`, { state: "open" })).status).toBe(200);
  return id;
}

beforeAll(async () => {
  app = await startTestServer();
  owner = await signedUp(app.url, "Poll Owner", "poll-fuzz-owner");
  workspace = await createWorkspace(owner, "Poll Fuzz District", "Poll Fuzz Workspace");
  voter = await member(owner, workspace, { role: "viewer", stakeholderGroup: "family", label: "poll-fuzz-voter" });
  stranger = await signedUp(app.url, "Sam Stranger", "poll-fuzz-stranger");
  for (const type of BALLOT_TYPES) {
    // Live results on one of them, so the voter reaches the results code too.
    open[type] = await openPoll({ ballot: RULES[type], results: type === "points" ? "live" : "after_publication" });
    const token = `first-${type}`;
    const res = await voter.api("PUT", `/polls/${open[type]}/ballot`, {
      choices: FIRST_BALLOT[type],
      clientToken: token,
    });
    expect(res.status).toBe(200);
    lastToken.set(`voter:${open[type]}`, token);
  }
}, 120_000);
afterAll(() => app.close());

const checks = httpFuzzChecks(() => app);
beforeEach(() => checks.mark());
const { stillServing } = checks;

/** Sends one request as `who` (that member's cookies; none for anonymous) and checks it is not a server error. */
function send(who: Who, request: RawRequest): Promise<RawResponse> {
  const headers: Record<string, string | string[]> = { ...request.headers };
  if (who !== "anonymous" && !("Cookie" in headers)) headers.Cookie = clients()[who].cookieHeader();
  return checks.send({ ...request, headers }, `${who}: `);
}

const json = async (res: Response) => (await res.json()) as Record<string, unknown>;
const ballotOf = async (client: TestClient, poll: string) => json(await client.api("GET", `/polls/${poll}/ballot`));
const pollOf = async (poll: string) => json(await owner.api("GET", `/polls/${poll}`));
const pollIds = async () =>
  ((await json(await owner.api("GET", `/workspaces/${workspace}/polls`))).polls as { id: string }[]).map((p) => p.id);

// ── generated values ─────────────────────────────────────────────────────────

// Markers JSON.stringify cannot produce, put into the text afterwards: numbers out of a double's
// range or precision, and keys that name the prototype.
const RAW: Record<string, string> = {
  '"@@huge@@"': "1e999",
  '"@@-huge@@"': "-1e999",
  '"@@long@@"': "123456789012345678901234567890",
  '"@@tiny@@"': "1e-999",
  '"@@negzero@@"': "-0",
};
const PROTO = '"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},';

function jsonText(value: unknown, proto: boolean): string {
  let text = JSON.stringify(value) ?? "null";
  for (const [marker, raw] of Object.entries(RAW)) text = text.split(marker).join(raw);
  // Prototype keys at the top and in every nested object.
  return proto ? text.replace(/\{(?!\})/g, `{${PROTO}`).replace(/\{\}/g, `{${PROTO.slice(0, -1)}}`) : text;
}

/** Mostly a valid value, now and then anything else. */
const mostly = <T>(valid: fc.Arbitrary<T>, spoiled: fc.Arbitrary<unknown>) =>
  fc.oneof({ weight: 6, arbitrary: valid as fc.Arbitrary<unknown> }, { weight: 1, arbitrary: spoiled });

const nanish = fc.constantFrom(
  "NaN",
  "Infinity",
  "-Infinity",
  "1e999",
  "-0",
  "0x10",
  "1_000",
  "١٢٣",
  " 5 ",
  "5.",
  ".5",
  "1e3",
  "null",
  "undefined",
  "",
  " ",
);
const number = fc.oneof(
  fc.integer({ min: -5, max: 20 }),
  fc.double(),
  fc.constantFrom(1e308, -1e308, 5e-324, 2 ** 53 + 2, 0.1 + 0.2, 12.345, 100000.001, 1e12, 1e13),
  fc.constantFrom(...Object.keys(RAW).map((m) => JSON.parse(m) as string)),
);
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 2, arbitrary: nanish },
  {
    weight: 2,
    arbitrary: fc.constantFrom("__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "p1", "P4"),
  },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 70_000 }).map((n) => "x".repeat(n)) },
);
const anything = fc.oneof(number, text, fc.boolean(), fc.constant(null), fc.jsonValue({ maxDepth: 4 }));
// Dates JavaScript reads but Postgres may not (year 0, or a year 1 that is year 0 in UTC), and dates neither reads.
const oddDate = fc.oneof(
  fc
    .date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom(
    "0000-01-01T00:00:00Z",
    "0001-01-01T00:00:00+01:00",
    "9999-12-31T23:59:59-14:00",
    "2027-02-30T00:00:00Z",
    "2027-13-01T00:00:00Z",
    "2027-03-01T24:00:00Z",
    "2027-03-01T08:00:00+99:99",
    "2027-03-01",
  ),
  anything,
);
// Far from now either way, so a poll's state never changes between two reads of a property run.
const date = fc.constantFrom("2000-01-01T00:00:00Z", "2001-06-01T12:00:00+02:00", "2990-01-01T00:00:00Z", null);

const ballotRules = mostly(
  fc.constantFrom(...Object.values(RULES), { type: "budget", minOptions: 1, maxOptions: 2, minSpendShare: 0.25 }),
  fc.oneof(
    fc.record(
      {
        type: fc.oneof(fc.constantFrom("budget", "approval", "points", "ranked", "borda", "__proto__"), anything),
        minOptions: fc.oneof(number, anything),
        maxOptions: fc.oneof(number, anything),
        minSpendShare: fc.oneof(number, anything),
        points: fc.oneof(number, anything),
        maxPerOption: fc.oneof(number, anything),
        maxRanked: fc.oneof(number, anything),
      },
      { requiredKeys: ["type"] },
    ),
    anything,
  ),
);
const option = fc.record(
  {
    code: mostly(fc.constantFrom("A", "B-2", "c.3"), fc.oneof(fc.constantFrom("__proto__", "constructor"), anything)),
    title: mostly(fc.constantFrom("Tutors", "Buses"), anything),
    description: mostly(fc.string({ maxLength: 30 }), anything),
    cost: mostly(fc.constantFrom(1, 2500, "99.99", 40000), fc.oneof(number, nanish, anything)),
    dimension: mostly(fc.constantFrom("school_funding", "instructional_time"), anything),
    schools: fc.oneof(fc.array(fc.oneof(text, anything), { maxLength: 2 }), anything),
    viewId: fc.oneof(fc.uuid(), anything),
  },
  // Title and cost are required; the rest is optional and, when present, often wrong.
  { requiredKeys: ["title", "cost"] },
);
const options = mostly(
  fc.array(fc.constantFrom(...OPTIONS), { minLength: 2, maxLength: 3 }),
  fc.oneof(
    fc.array(option, { maxLength: 4 }),
    fc.constant(Array.from({ length: 101 }, (_, i) => ({ title: `O${i}`, cost: 1 }))),
    anything,
  ),
);
const roles = mostly(
  fc.oneof(fc.constant(null), fc.subarray(["owner", "editor", "commenter", "viewer"], { minLength: 1 })),
  fc.oneof(fc.array(fc.constantFrom("owner", "admin", "__proto__"), { maxLength: 3 }), anything),
);
const groups = mostly(
  fc.oneof(fc.constant(null), fc.subarray(["cabinet", "family", "student"], { minLength: 1 })),
  fc.oneof(fc.array(fc.constantFrom("cabinet", "parent", "constructor"), { maxLength: 3 }), anything),
);
const pollFields = {
  title: mostly(fc.constantFrom("Where should $100,000 go?", "Bus or tutors"), anything),
  description: mostly(fc.string({ maxLength: 40 }), anything),
  budget: mostly(fc.constantFrom(100000, "100000.50", 5e5), fc.oneof(number, nanish, text)),
  ballot: ballotRules,
  options,
  eligibleRoles: roles,
  eligibleGroups: groups,
  opensAt: mostly(date, oddDate),
  closesAt: mostly(date, oddDate),
  results: mostly(fc.constantFrom("live", "after_publication"), anything),
};

/** A JSON body: a generated object (with prototype keys spliced in, sometimes), or text that is hardly JSON. */
const jsonBody = (object: fc.Arbitrary<unknown>) =>
  fc.oneof(
    {
      weight: 12,
      arbitrary: fc
        .tuple(object, fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, fc.constant(true)))
        .map(([v, proto]) => jsonText(v, proto)),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.integer({ min: 1, max: 20_000 }).map((n) => "[".repeat(n) + "]".repeat(n)),
        fc.integer({ min: 1, max: 5_000 }).map((n) => '{"choices":'.repeat(n) + "1" + "}".repeat(n)),
        fc.constantFrom("", "null", "[]", "{", '{"choices":["P1"]', '"\\ud800"', '{"title":"\\u0000"}', "1e999"),
        fc.string({ unit: "binary", maxLength: 100 }),
      ),
    },
  );
const jsonType = fc.oneof(
  { weight: 8, arbitrary: fc.constant("application/json") },
  { weight: 1, arbitrary: fc.constantFrom("application/json; charset=utf-8", "text/plain", "") },
);
const junkQuery = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom("rule", "utility", "completion", "_data", "index", "__proto__"),
        fc.string({ maxLength: 6 }),
      ),
      fc.oneof(
        fc.constantFrom("votes", "greedy", "equal-shares", "borda", "cost", "cardinality", "add1", "none", ""),
        fc.string({ maxLength: 8 }),
      ),
      // Sent as they are, not escaped: broken and odd escapes.
      fc.option(fc.constantFrom("%", "%ZZ", "%00", "%FF", "%C0%80", "%E0%A4%A", "%0D%0A", "+", "&&", "=="), {
        nil: "",
      }),
    ),
    { maxLength: 6 },
  )
  .map((pairs) => pairs.map(([k, v, raw]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}${raw}`).join("&"));

// ── the ballot model: what a member's stored ballot must be after an answer ────

type Shown = { choices: unknown; receipt: string | null; submittedAt: string | null };

/** The choices an accepted ballot stores, as GET …/ballot shows them. */
function shownChoices(type: BallotType, sent: unknown): unknown {
  if (type !== "points") return sent;
  return Object.fromEntries(Object.entries(sent as Record<string, number>).filter(([, p]) => p !== 0));
}

/**
 * After a 200, the ballot holds what was sent (unless it was a retry of the stored submission's
 * client token) under the receipt it had; after anything else, it is exactly as before.
 */
async function checkBallot(
  who: "owner" | "voter",
  type: BallotType,
  poll: string,
  before: Shown,
  res: RawResponse,
  sent: { choices: unknown; clientToken: string | null } | null,
) {
  const after = (await ballotOf(clients()[who], poll)) as Shown;
  const key = `${who}:${poll}`;
  if (res.status !== 200 || sent === null) {
    expect(after, `refused (${res.status}) yet changed`).toEqual(before);
    return;
  }
  const retry = sent.clientToken !== null && sent.clientToken === lastToken.get(key);
  if (retry) {
    expect(after, "a retry of the stored submission changed it").toEqual(before);
  } else {
    expect(after.choices, "an accepted ballot stores what was sent").toEqual(shownChoices(type, sent.choices));
    lastToken.set(key, sent.clientToken);
  }
  if (before.receipt !== null) expect(after.receipt, "the receipt stays").toBe(before.receipt);
}

const token = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom("t1", "t2", "first-budget", "first-points") },
  { weight: 1, arbitrary: fc.oneof(text, anything) },
);

describe("fuzzed poll requests never get a server error, and a refused one changes nothing", () => {
  it(
    "POST /api/v1/workspaces/:workspace/polls: arbitrary fields, numbers, dates and prototype keys",
    async () => {
      const tally = new Tally();
      const who = fc.constantFrom<Who>("owner", "owner", "owner", "owner", "voter", "stranger", "anonymous");
      const body = jsonBody(
        fc.oneof(
          { weight: 4, arbitrary: fc.record(pollFields, { requiredKeys: ["title", "budget", "ballot", "options"] }) },
          { weight: 1, arbitrary: fc.record(pollFields, { requiredKeys: [] }) },
        ),
      );
      await fc.assert(
        fc.asyncProperty(who, body, jsonType, async (who, body, type) => {
          const before = await pollIds();
          const res = await send(who, {
            method: "POST",
            path: `/api/v1/workspaces/${workspace}/polls`,
            body,
            headers: { "Content-Type": type },
          });
          tally.add(res.status);
          const after = await pollIds();
          if (res.status === 201) {
            const { id } = JSON.parse(res.body) as { id: string };
            expect(after.sort()).toEqual([...before, id].sort());
            expect((await owner.api("GET", `/polls/${id}`)).status).toBe(200);
          } else {
            expect(after, `refused (${res.status}) yet the list changed`).toEqual(before);
          }
        }),
        { numRuns: RUNS },
      );
      expect(tally.of(201), `answers: ${tally}`).toBeGreaterThan(0);
      await stillServing();
    },
    TIMEOUT,
  );

  it(
    "PATCH /api/v1/polls/:poll: draft fields and moves, with arbitrary values",
    async () => {
      const tally = new Tally();
      const targets = { draft: await createPoll(), open: await openPoll() };
      const who = fc.constantFrom<Who>("owner", "owner", "owner", "owner", "voter", "stranger", "anonymous");
      const target = fc.constantFrom<keyof typeof targets>("draft", "draft", "open");
      const body = jsonBody(
        fc.oneof(
          fc.record({
            state: mostly(fc.constantFrom("open", "closed", "published", "draft"), fc.oneof(text, anything)),
          }),
          fc.record(pollFields, { requiredKeys: [] }),
          fc.record(
            { ...pollFields, state: fc.oneof(fc.constantFrom("open", "closed", "published", "draft"), anything) },
            { requiredKeys: [] },
          ),
        ),
      );
      await fc.assert(
        fc.asyncProperty(who, target, body, jsonType, async (who, target, body, type) => {
          const poll = targets[target];
          const before = await pollOf(poll);
          const res = await send(who, {
            method: "PATCH",
            path: `/api/v1/polls/${poll}`,
            body,
            headers: { "Content-Type": type },
          });
          tally.add(res.status);
          const after = await pollOf(poll);
          if (res.status !== 200) {
            expect(after, `refused (${res.status}) yet the poll changed`).toEqual(before);
            return;
          }
          expect(JSON.parse(res.body)).toEqual(after);
          // A poll that has moved on is replaced, so the next runs still reach a draft and an open poll.
          if (after.state !== (target === "draft" ? "draft" : "open"))
            targets[target] = target === "draft" ? await createPoll() : await openPoll();
        }),
        { numRuns: RUNS },
      );
      expect(tally.of(200), `answers: ${tally}`).toBeGreaterThan(0);
      await stillServing();
    },
    TIMEOUT,
  );

  it(
    "PUT /api/v1/polls/:poll/ballot: choices of any shape, tokens and schools",
    async () => {
      const tally = new Tally();
      const code = fc.oneof(fc.constantFrom(...CODES, "p1", "P4", "", "__proto__", "constructor", "toString"), text);
      const choices = mostly(
        fc.oneof(
          fc.shuffledSubarray(CODES),
          fc.dictionary(fc.constantFrom(...CODES), fc.integer({ min: 0, max: 7 }), { maxKeys: 3 }),
        ),
        fc.oneof(
          fc.array(fc.oneof(code, anything), { maxLength: 5 }),
          fc.dictionary(code, fc.oneof(fc.integer({ min: -2, max: 8 }), number, nanish, anything), { maxKeys: 5 }),
          anything,
        ),
      );
      const ballotBody = fc.record(
        {
          choices,
          clientToken: token,
          school: fc.oneof(text, anything),
          receipt: text,
          voterId: fc.uuid(),
        },
        { requiredKeys: ["choices"] },
      );
      const who = fc.constantFrom<Who>("voter", "voter", "voter", "owner", "stranger", "anonymous");
      const type = fc.constantFrom(...BALLOT_TYPES);
      await fc.assert(
        fc.asyncProperty(who, type, jsonBody(ballotBody), jsonType, async (who, ballotType, body, contentType) => {
          const poll = open[ballotType];
          const member = who === "owner" || who === "voter" ? who : null;
          const before = member ? ((await ballotOf(clients()[member], poll)) as Shown) : null;
          const res = await send(who, {
            method: "PUT",
            path: `/api/v1/polls/${poll}/ballot`,
            body,
            headers: { "Content-Type": contentType },
          });
          tally.add(res.status);
          if (res.status === 200) expect(member).not.toBeNull();
          if (!member) return;
          // What the server read (out-of-range numbers and prototype keys included), for the model.
          const read = res.status === 200 ? (JSON.parse(body) as { choices?: unknown; clientToken?: unknown }) : {};
          const token = typeof read.clientToken === "string" ? read.clientToken : null;
          await checkBallot(member, ballotType, poll, before!, res, { choices: read.choices, clientToken: token });
          if (res.status === 200 && before!.receipt !== null)
            expect(JSON.parse(res.body)).toEqual({ receipt: before!.receipt });
        }),
        { numRuns: RUNS * 2 },
      );
      expect(tally.of(200), `answers: ${tally}`).toBeGreaterThan(0);
      await stillServing();
    },
    TIMEOUT,
  );

  it(
    "GET /api/v1/polls/:poll/results with arbitrary query strings changes no ballot",
    async () => {
      const before = await Promise.all(BALLOT_TYPES.map((t) => ballotOf(voter, open[t])));
      const who = fc.constantFrom<Who>("owner", "voter", "stranger", "anonymous");
      await fc.assert(
        fc.asyncProperty(who, fc.constantFrom(...BALLOT_TYPES), junkQuery, async (who, type, query) => {
          const res = await send(who, { path: `/api/v1/polls/${open[type]}/results?${query}` });
          // (`_data` is Remix's own parameter: it answers 403 for a route that is not there.)
          if (who === "owner" && !/(^|&)_data=/.test(query)) expect([200, 400]).toContain(res.status);
        }),
        { numRuns: RUNS },
      );
      expect(await Promise.all(BALLOT_TYPES.map((t) => ballotOf(voter, open[t])))).toEqual(before);
      await stillServing();
    },
    TIMEOUT,
  );

  it(
    "POST /workspaces/:workspace/polls/:poll (the ballot page's form) with arbitrary fields",
    async () => {
      const tally = { vote: new Tally(), move: new Tally() };
      let movable = await createPoll();
      const pair = (name: fc.Arbitrary<string>, value: fc.Arbitrary<string>) => fc.tuple(name, value);
      const junkValue = fc.oneof(
        { weight: 3, arbitrary: nanish },
        { weight: 3, arbitrary: fc.string({ maxLength: 20 }) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 70_000 }).map((n) => "y".repeat(n)) },
      );
      const junkPairs = fc.array(
        pair(
          fc.oneof(
            fc.constantFrom(
              "intent",
              "to",
              "choice",
              "clientToken",
              "school",
              ...CODES.flatMap((c) => [`points.${c}`, `rank.${c}`]),
              "points.__proto__",
              "__proto__",
              "constructor",
            ),
            fc.string({ maxLength: 8 }),
          ),
          fc.oneof(fc.constantFrom("vote", "move", "open", "closed", ...CODES, "1", "2", "0", "-1", "1.5"), junkValue),
        ),
        { maxLength: 4 },
      );
      // What the page's form sends for each ballot type, before anything is spoiled.
      const ballotPairs: Record<BallotType, fc.Arbitrary<[string, string][]>> = {
        budget: fc.shuffledSubarray(CODES).map((cs) => cs.map((c): [string, string] => ["choice", c])),
        approval: fc.shuffledSubarray(CODES).map((cs) => cs.map((c): [string, string] => ["choice", c])),
        points: fc
          .tuple(...CODES.map(() => fc.oneof(fc.integer({ min: 0, max: 7 }).map(String), fc.constant(""))))
          .map((ps) => CODES.map((c, i): [string, string] => [`points.${c}`, ps[i]!])),
        ranked: fc
          .tuple(fc.shuffledSubarray(CODES), fc.shuffledSubarray(CODES))
          .map(([ranked, all]) =>
            all.map((c): [string, string] => [`rank.${c}`, ranked.includes(c) ? String(ranked.indexOf(c) + 1) : ""]),
          ),
      };
      const voterForm = fc.constantFrom(...BALLOT_TYPES).chain((type) =>
        fc.record({
          who: fc.constant<Who>("voter"),
          type: fc.constant<BallotType | null>(type),
          pairs: fc
            .tuple(
              fc.option(fc.constantFrom("vote", "move", "nope"), { nil: null }),
              fc.option(
                token.filter((t): t is string => typeof t === "string"),
                { nil: null },
              ),
              ballotPairs[type],
              junkPairs,
              fc.boolean(),
            )
            .map(([intent, clientToken, ballot, junk, junkFirst]) => {
              const base: [string, string][] = [
                ...(intent ? [["intent", intent] as [string, string]] : []),
                ...(clientToken ? [["clientToken", clientToken] as [string, string]] : []),
                ...ballot,
              ];
              return junkFirst ? [...junk, ...base] : [...base, ...junk];
            }),
        }),
      );
      const ownerForm = fc.record({
        who: fc.constantFrom<Who>("owner", "owner", "owner", "stranger", "anonymous"),
        type: fc.constant<BallotType | null>(null),
        pairs: fc
          .tuple(
            fc.constantFrom("move", "move", "vote"),
            fc.constantFrom("open", "closed", "published", "draft", "deleted"),
            junkPairs,
          )
          .map(([intent, to, junk]): [string, string][] => [["intent", intent], ["to", to], ...junk]),
      });
      const contentType = fc.oneof(
        { weight: 6, arbitrary: fc.constant("application/x-www-form-urlencoded") },
        { weight: 1, arbitrary: fc.constantFrom("application/x-www-form-urlencoded; charset=latin1", "text/plain") },
      );
      await fc.assert(
        fc.asyncProperty(fc.oneof(voterForm, ownerForm), contentType, async ({ who, type, pairs }, contentType) => {
          // The voter votes in the open polls; the owner may also move a poll of their own.
          const poll = type ? open[type] : movable;
          const member = who === "voter" || who === "owner" ? who : null;
          const ballotBefore = member ? ((await ballotOf(clients()[member], poll)) as Shown) : null;
          const pollBefore = await pollOf(poll);
          const res = await send(who, {
            method: "POST",
            path: `/workspaces/${workspace}/polls/${poll}`,
            body: new URLSearchParams(pairs).toString(),
            headers: { "Content-Type": contentType },
          });
          const pollAfter = await pollOf(poll);
          const first = (name: string) => pairs.find(([k]) => k === name)?.[1];
          const form = contentType.startsWith("application/x-www-form-urlencoded");
          const move = form && first("intent") === "move";
          (move ? tally.move : tally.vote).add(res.status);
          if (move && res.status === 200) {
            expect(pollAfter.state).toBe(first("to"));
          } else {
            expect(pollAfter, `no move (${res.status}) yet the poll changed`).toEqual(pollBefore);
          }
          if (member) {
            const voted = res.status === 200 && form && !move;
            // A rank the page's list does not offer is refused, never sorted wherever it falls.
            if (voted && type === "ranked")
              for (const c of CODES) expect(first(`rank.${c}`) ?? "").toMatch(/^([1-9]\d*)?$/);
            const sent = voted
              ? { choices: formChoices(type ?? "budget", pairs), clientToken: first("clientToken") || null }
              : null;
            await checkBallot(member, type ?? "budget", poll, ballotBefore!, res, sent);
          }
          if (pollAfter.state === "published") movable = await createPoll();
        }),
        { numRuns: RUNS * 2 },
      );
      expect(tally.vote.of(200), `votes: ${tally.vote}`).toBeGreaterThan(0);
      expect(tally.move.of(200), `moves: ${tally.move}`).toBeGreaterThan(0);
      await stillServing();
    },
    TIMEOUT,
  );
});

/** What the ballot page's form means, by ballot type: checked codes, points by code, or codes by rank. */
function formChoices(type: BallotType, pairs: [string, string][]): unknown {
  const first = (name: string) => pairs.find(([k]) => k === name)?.[1];
  if (type === "points")
    return Object.fromEntries(
      CODES.map((c) => [c, (first(`points.${c}`) ?? "").trim()] as const).map(([c, raw]) => [
        c,
        raw === "" ? 0 : Number(raw),
      ]),
    );
  if (type === "ranked")
    return CODES.filter((c) => (first(`rank.${c}`) ?? "") !== "").sort(
      (a, b) => Number(first(`rank.${a}`)) - Number(first(`rank.${b}`)),
    );
  return pairs.filter(([k]) => k === "choice").map(([, v]) => v);
}
