import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ballots, pollAccessCodes } from "../../db/schema";
import { TestClient } from "../helpers/client";
import { demoMember, startDemoServer } from "../helpers/demo";
import { shownMarkup } from "../helpers/html";
import type { TestServer } from "../helpers/server";
import { member, signedUp } from "../helpers/workspace";

// Voters without an account (issue 13): one-time access codes, over real HTTP.

const WORKSPACE = "family-budget-priorities";
const CODE = /^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/;

let app: TestServer;
let sup: TestClient;
let rosa: TestClient;
let editor: TestClient;
let viewer: TestClient;

beforeAll(async () => {
  app = await startDemoServer();
  sup = await demoMember(app.url, "superintendent");
  rosa = await demoMember(app.url, "family");
  editor = await member(sup, WORKSPACE, { role: "editor", name: "Ed Editor", label: "codes-editor" });
  viewer = await member(sup, WORKSPACE, { role: "viewer", stakeholderGroup: "family", label: "codes-viewer" });
});
afterAll(() => app.close());

async function openPoll(body: Record<string, unknown> = {}, open = true) {
  const res = await sup.api("POST", `/workspaces/${WORKSPACE}/polls`, {
    title: `Family night vote ${Math.random().toString(36).slice(2, 8)}`,
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
  const poll = (await res.json()) as { id: string; title: string };
  if (open) expect((await sup.api("PATCH", `/polls/${poll.id}`, { state: "open" })).status).toBe(200);
  return poll;
}

async function mint(pollId: string, body: Record<string, unknown> = { count: 2 }) {
  const res = await sup.api("POST", `/polls/${pollId}/access-codes`, body);
  expect(res.status).toBe(201);
  return ((await res.json()) as { codes: string[] }).codes;
}

/** Someone with no account at all; `address` is the client address the server sees (behind a local proxy). */
function stranger(address = "198.51.100.1") {
  const client = new TestClient(app.url);
  const vote = (body: Record<string, unknown>) =>
    client.request("POST", "/api/v1/vote", {
      body: JSON.stringify(body),
      headers: { "Content-Type": "application/json", "X-Forwarded-For": address },
    });
  const page = (fields: Record<string, string> | [string, string][], lang = "en") =>
    client.request("POST", "/vote", {
      body: new URLSearchParams(fields).toString(),
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Forwarded-For": address,
        "Accept-Language": lang,
      },
    });
  return { client, vote, page };
}

const ballotsOf = (pollId: string) => app.db.select().from(ballots).where(eq(ballots.pollId, pollId));

describe("access codes", () => {
  it("are minted by owners only, shown once, and stored only as their SHA-256", async () => {
    const poll = await openPoll();
    const res = await sup.api("POST", `/polls/${poll.id}/access-codes`, { count: 3 });
    expect(res.status).toBe(201);
    const minted = (await res.json()) as { codes: string[]; link: string; group: null };
    expect(minted.codes).toHaveLength(3);
    for (const code of minted.codes) expect(code).toMatch(CODE);
    expect(new Set(minted.codes).size).toBe(3);
    expect(minted.link).toBe(`${app.url}/vote`);

    // Only a hash of each code is stored.
    const rows = await app.db.select().from(pollAccessCodes).where(eq(pollAccessCodes.pollId, poll.id));
    const hashes = minted.codes.map((c) => createHash("sha256").update(c.replaceAll("-", "")).digest("hex"));
    expect(rows.map((r) => r.codeHash).sort()).toEqual(hashes.sort());
    const stored = JSON.stringify(rows);
    for (const code of minted.codes) {
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(code.replaceAll("-", ""));
    }

    // Counts, never the codes.
    const counts = await sup.api("GET", `/polls/${poll.id}/access-codes`);
    const text = await counts.text();
    expect(JSON.parse(text)).toEqual({ issued: 3, used: 0 });
    for (const code of minted.codes) expect(text).not.toContain(code.replaceAll("-", ""));

    for (const client of [editor, rosa, viewer]) {
      expect((await client.api("POST", `/polls/${poll.id}/access-codes`, { count: 1 })).status).toBe(403);
      expect((await client.api("GET", `/polls/${poll.id}/access-codes`)).status).toBe(403);
      expect((await client.get(`/workspaces/${WORKSPACE}/polls/${poll.id}/codes`)).status).toBe(403);
    }
    const outsider = await signedUp(app.url, "Olga Outsider", "codes-outsider");
    expect((await outsider.api("POST", `/polls/${poll.id}/access-codes`, { count: 1 })).status).toBe(404);
    expect((await outsider.api("GET", `/polls/${poll.id}/access-codes`)).status).toBe(404);
    expect((await outsider.get(`/workspaces/${WORKSPACE}/polls/${poll.id}/codes`)).status).toBe(404);
    expect((await new TestClient(app.url).api("GET", `/polls/${poll.id}/access-codes`)).status).toBe(401);
    expect(await (await sup.api("GET", `/polls/${poll.id}/access-codes`)).json()).toEqual({ issued: 3, used: 0 });
  });

  it("refuses a count outside 1–500 and a group the vote does not invite", async () => {
    const poll = await openPoll({ eligibleGroups: ["family", "student"] });
    for (const count of [0, 501, 2.5, "10"]) {
      const res = await sup.api("POST", `/polls/${poll.id}/access-codes`, { count });
      expect(res.status, String(count)).toBe(422);
    }
    const group = await sup.api("POST", `/polls/${poll.id}/access-codes`, { count: 1, group: "cabinet" });
    expect(group.status).toBe(422);
    expect((await group.json()).error.details.fields).toEqual({ group: "This vote is not open to that group." });
    expect(await (await sup.api("GET", `/polls/${poll.id}/access-codes`)).json()).toEqual({ issued: 0, used: 0 });
    expect((await sup.api("POST", `/polls/${poll.id}/access-codes`, { count: 500 })).status).toBe(201);
  });

  it("print on a sheet, one card per code with the vote's title, the link, the code and a QR code", async () => {
    const poll = await openPoll();
    const page = await sup.get(`/workspaces/${WORKSPACE}/polls/${poll.id}/codes`);
    expect(page.status).toBe(200);
    expect(shownMarkup(await page.text())).toContain("Codes made: 0. Used to vote: 0.");
    const res = await sup.postForm(`/workspaces/${WORKSPACE}/polls/${poll.id}/codes`, { count: "2", group: "family" });
    expect(res.status).toBe(200);
    const html = shownMarkup(await res.text());
    const codes = [...html.matchAll(/class="code-card__code">([A-Z2-7-]{19})</g)].map((m) => m[1]);
    expect(codes).toHaveLength(2);
    expect(html.match(/class="code-card"/g)).toHaveLength(2);
    expect(html.match(/<img class="code-card__qr" src="data:image\/svg\+xml,%3Csvg/g)).toHaveLength(2);
    expect(html).toContain(`${app.url}/vote`);
    expect(html).toContain("For: Family");
    expect(html).toContain(poll.title);
    // The QR code's link carries the code after "#", never where a server would see it.
    expect(html).not.toMatch(/vote\?|vote\/[A-Z2-7]{4}/);
    expect(await (await sup.api("GET", `/polls/${poll.id}/access-codes`)).json()).toEqual({ issued: 2, used: 0 });
    // Shown once: the page lists counts afterwards, not the codes.
    const again = await (await sup.get(`/workspaces/${WORKSPACE}/polls/${poll.id}/codes`)).text();
    for (const code of codes) expect(again).not.toContain(code);
  });

  it("open a ballot for someone without an account, once", async () => {
    const poll = await openPoll();
    const [code, other] = await mint(poll.id);
    const voter = stranger();
    const first = await voter.vote({ code, choices: ["P1", "P2"], group: "family", clientToken: "tap-1" });
    expect(first.status).toBe(200);
    const { receipt } = (await first.json()) as { receipt: string };
    expect(receipt).toMatch(/^[A-Z2-7]{5}-[A-Z2-7]{5}$/);
    expect(voter.client.cookies.size).toBe(0);

    // The answer was lost and the same submission comes again: the same receipt, nothing new.
    const retry = await voter.vote({ code, choices: ["P1", "P2"], group: "family", clientToken: "tap-1" });
    expect(await retry.json()).toEqual({ receipt });
    // Anything else with a spent code is refused.
    const reuse = await voter.vote({ code, choices: ["P3"], group: "family", clientToken: "tap-2" });
    expect(reuse.status).toBe(410);
    expect((await reuse.json()).error.code).toBe("code_used");

    const stored = await ballotsOf(poll.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      voterId: null,
      paper: false,
      stakeholderGroup: "family",
      choices: [{ code: "P1" }, { code: "P2" }],
      receipt,
    });
    expect(stored[0]!.accessCodeId).not.toBeNull();

    // Typed by hand: lower case, spaces, a zero for an O and a one for an I all read the same.
    const typed = other!.toLowerCase().replaceAll("-", " ").replaceAll("o", "0").replaceAll("i", "1");
    const noGroup = await voter.vote({ code: typed, choices: ["P3"] });
    expect(noGroup.status).toBe(422);
    expect((await noGroup.json()).error.code).toBe("group_required");
    const over = await voter.vote({ code: typed, choices: ["P1", "P2", "P3"], group: "student" });
    expect((await over.json()).error.code).toBe("over_budget");
    expect((await voter.vote({ code: typed, choices: ["P3"], group: "student" })).status).toBe(200);
    expect(await (await sup.api("GET", `/polls/${poll.id}/access-codes`)).json()).toEqual({ issued: 2, used: 2 });
  });

  it("work without JavaScript on /vote, in English and Spanish, the code only ever in a form field", async () => {
    const poll = await openPoll({ description: "Tell us what matters." });
    const [code] = await mint(poll.id);
    const voter = stranger("198.51.100.2");
    const start = await voter.client.get("/vote");
    expect(start.status).toBe(200);
    const startHtml = shownMarkup(await start.text());
    expect(startHtml).toContain("Vote with a code");
    expect(startHtml).toMatch(/<input[^>]*name="code"/);

    const opened = await voter.page({ intent: "open", code: code! });
    expect(opened.status).toBe(200);
    const html = shownMarkup(await opened.text());
    expect(html).toContain(poll.title);
    expect(html).toContain("Which best describes you?");
    expect(html).toMatch(new RegExp(`<input type="hidden" name="code" value="${code}"`));
    expect(html).toMatch(/<input type="radio" name="group" required="" value="family"\/>/);
    // The vote's, not the workspace's: a code holder learns nothing else.
    expect(html).not.toContain("Family budget priorities");
    const clientToken = /name="clientToken" value="([a-z2-7]+)"/.exec(html)![1]!;

    const refused = await voter.page([
      ["intent", "vote"],
      ["code", code!],
      ["clientToken", clientToken],
      ["choice", "P1"],
      ["choice", "P2"],
      ["choice", "P3"],
      ["group", "family"],
    ]);
    expect(refused.status).toBe(422);
    expect(shownMarkup(await refused.text())).toContain(
      "Your choices cost $120,000, more than the budget of $100,000.",
    );

    const cast = await voter.page([
      ["intent", "vote"],
      ["code", code!],
      ["clientToken", clientToken],
      ["choice", "P1"],
      ["group", "family"],
      ["school", "RUSD-002"],
    ]);
    expect(cast.status).toBe(200);
    const done = shownMarkup(await cast.text());
    const receipt = /Your receipt code is ([A-Z2-7]{5}-[A-Z2-7]{5})/.exec(done)?.[1];
    expect(receipt).toBeDefined();
    expect((await ballotsOf(poll.id))[0]).toMatchObject({ schoolId: "RUSD-002", stakeholderGroup: "family" });

    const used = await voter.page({ intent: "open", code: code! }, "es");
    expect(used.status).toBe(410);
    expect(shownMarkup(await used.text())).toContain("Este código ya se usó para votar.");

    const [spanish] = await mint(poll.id);
    const es = await voter.page({ intent: "open", code: spanish! }, "es-MX,es;q=0.9");
    const esHtml = shownMarkup(await es.text());
    expect(esHtml).toContain("Votar con un código");
    expect(esHtml).toContain("¿Qué le describe mejor?");
    expect(esHtml).toContain("Familia");
    expect(esHtml).toContain("Emitir mi voto");
  });

  it("store exactly one ballot for 50 parallel uses of one code", async () => {
    const poll = await openPoll();
    const [code] = await mint(poll.id, { count: 1 });
    const voter = stranger("198.51.100.3");
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        voter.vote({ code, choices: [i % 2 ? "P1" : "P2"], group: "family", clientToken: `parallel-${i}` }),
      ),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 410)).toHaveLength(49);
    const [row] = await app.db.select().from(pollAccessCodes).where(eq(pollAccessCodes.pollId, poll.id));
    const stored = await app.db.select().from(ballots).where(eq(ballots.accessCodeId, row!.id));
    expect(stored).toHaveLength(1);
    expect(await ballotsOf(poll.id)).toHaveLength(1);
    expect(row!.usedAt).not.toBeNull();
  });

  it("open nothing for a vote that is not open: a draft, or one that has closed", async () => {
    const draft = await openPoll({}, false);
    const [early] = await mint(draft.id, { count: 1 });
    const voter = stranger("198.51.100.4");
    const tooEarly = await voter.vote({ code: early, choices: ["P1"], group: "family" });
    expect(tooEarly.status).toBe(409);
    expect((await tooEarly.json()).error.code).toBe("not_open");

    const poll = await openPoll();
    const [code] = await mint(poll.id, { count: 1 });
    expect((await sup.api("PATCH", `/polls/${poll.id}`, { state: "closed" })).status).toBe(200);
    const late = await voter.vote({ code, choices: ["P1"], group: "family" });
    expect(late.status).toBe(409);
    const page = await voter.page({ intent: "open", code: code! });
    expect(page.status).toBe(409);
    expect(shownMarkup(await page.text())).toContain("This vote is not open");
    expect(await ballotsOf(poll.id)).toHaveLength(0);
    // Nor are codes made for it any more.
    const mintLate = await sup.api("POST", `/polls/${poll.id}/access-codes`, { count: 1 });
    expect(mintLate.status).toBe(409);
    expect(await (await sup.api("GET", `/polls/${poll.id}/access-codes`)).json()).toEqual({ issued: 1, used: 0 });
  });

  it("cast as the group a code was handed out to, or as one the vote invites", async () => {
    const poll = await openPoll({ eligibleGroups: ["family", "student"] });
    const [forFamilies] = await mint(poll.id, { count: 1, group: "family" });
    const [untagged] = await mint(poll.id, { count: 1 });
    const voter = stranger("198.51.100.5");
    expect((await voter.vote({ code: forFamilies, choices: ["P1"] })).status).toBe(200);
    const notInvited = await voter.vote({ code: untagged, choices: ["P1"], group: "cabinet" });
    expect(notInvited.status).toBe(403);
    expect((await notInvited.json()).error.code).toBe("not_eligible");
    expect((await voter.vote({ code: untagged, choices: ["P2"], group: "student" })).status).toBe(200);
    const groups = (await ballotsOf(poll.id)).map((b) => b.stakeholderGroup).sort();
    expect(groups).toEqual(["family", "student"]);
  });

  it("never tell which code cast which ballot, nor log a code", async () => {
    const poll = await openPoll();
    const codes = await mint(poll.id, { count: 2 });
    const voter = stranger("198.51.100.6");
    for (const code of codes) await voter.vote({ code, choices: ["P1"], group: "family" });
    await voter.page({ intent: "open", code: codes[0]! });
    await sup.api("PATCH", `/polls/${poll.id}`, { state: "closed" });
    await sup.api("PATCH", `/polls/${poll.id}`, { state: "published" });
    const codeIds = (await app.db.select().from(pollAccessCodes).where(eq(pollAccessCodes.pollId, poll.id))).map(
      (r) => r.id,
    );
    const answers = [
      await (await sup.api("GET", `/polls/${poll.id}/results`)).text(),
      await (await sup.api("GET", `/polls/${poll.id}`)).text(),
      await (await sup.api("GET", `/polls/${poll.id}/access-codes`)).text(),
      await (await sup.get(`/workspaces/${WORKSPACE}/polls/${poll.id}`)).text(),
      await (await sup.get(`/workspaces/${WORKSPACE}/polls/${poll.id}/codes`)).text(),
    ];
    const results = JSON.parse(answers[0]!) as { counted: Record<string, unknown>[] };
    expect(results.counted).toHaveLength(2);
    for (const ballot of results.counted) expect(Object.keys(ballot).sort()).toEqual(["choices", "paper", "receipt"]);
    const logged = JSON.stringify(app.logs);
    for (const text of [...answers, logged]) {
      for (const id of codeIds) expect(text).not.toContain(id);
      for (const code of codes) {
        expect(text).not.toContain(code);
        expect(text).not.toContain(code.replaceAll("-", ""));
      }
    }
  });

  // Last: it leaves its address blocked for the rest of the window.
  it("answer every wrong code alike, and slow an address down after 30 of them", async () => {
    const poll = await openPoll();
    const [code] = await mint(poll.id, { count: 1 });
    const guesser = stranger("203.0.113.77");
    const answers = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const wrong = i % 2 ? "not a code at all" : "AAAA-BBBB-CCCC-DDDD";
      const res = await guesser.vote({ code: wrong, choices: ["P1"], group: "family" });
      expect(res.status).toBe(404);
      answers.add(await res.text());
    }
    expect([...answers]).toEqual([
      JSON.stringify({ error: { code: "invalid_code", message: "This code is not valid." } }),
    ]);
    const limited = await guesser.vote({ code, choices: ["P1"], group: "family" });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    const page = await guesser.page({ intent: "open", code: code! });
    expect(page.status).toBe(429);
    expect(shownMarkup(await page.text())).toContain("Too many codes that do not work came from your connection.");
    // Another address is not held up, and the valid code was not spent by the refusals.
    expect((await stranger("203.0.113.78").vote({ code, choices: ["P1"], group: "family" })).status).toBe(200);
  });
});
