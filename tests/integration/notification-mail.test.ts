import { and, eq, inArray, sql } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox, notifications, polls, unsubscribeTokens, users } from "../../db/schema";
import { hashToken } from "../../app/utils/tokens.server";
import { createNotifier, type Notifier } from "../../server/mail/notifier";
import { TestClient } from "../helpers/client";
import { shownMarkup } from "../helpers/html";
import { startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "../helpers/smtp";
import { createPlan, createWorkspace, member, signedUp } from "../helpers/workspace";

// Notification mail over real HTTP and a real SMTP server: mentions and replies are queued with
// the comment, votes opening and daily digests by the notifier (driven here with runOnce), and
// every message carries a one-click unsubscribe link that works without signing in.

const NOTIFIER_ORIGIN = "https://equity.example.org";
let app: TestServer;
let smtp: TestSmtpServer;
let owner: TestClient;
let workspace: string;
let planId: string;
type Person = { client: TestClient; id: string; email: string };
let ana: Person; // immediate, Spanish, a family member
let dan: Person; // daily digest, family
let nev: Person; // never, family
let una: Person; // immediate, address not verified, family
let cara: Person; // immediate, cabinet: not invited to the families' vote

const quiet = pino({ level: "silent" });
const notifier = (): Notifier => createNotifier({ db: app.db, logger: quiet, origin: NOTIFIER_ORIGIN, digestLagMs: 0 });

async function person(client: TestClient): Promise<Person> {
  const me = (await (await client.api("GET", "/me")).json()) as { id: string; email: string };
  return { client, id: me.id, email: me.email };
}
const verify = (p: Person) => app.db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, p.id));
const modeOf = async (p: Person) =>
  (await app.db.select({ m: users.mailNotifications }).from(users).where(eq(users.id, p.id)))[0]!.m;
const outboxTo = (p: Person, kind?: "notification" | "digest") =>
  app.db
    .select()
    .from(mailOutbox)
    .where(kind ? and(eq(mailOutbox.to, p.email), eq(mailOutbox.kind, kind)) : eq(mailOutbox.to, p.email));
/** As if the last digest went out a day and an hour ago. */
const dayPassed = (p: Person) =>
  app.db
    .update(users)
    .set({ digestSentAt: sql`now() - interval '25 hours'` })
    .where(eq(users.id, p.id));

/** A day passes and the notifier runs: exactly one new digest to `p`, returned. */
async function nextDigest(p: Person) {
  const before = (await outboxTo(p, "digest")).length;
  await dayPassed(p);
  await notifier().runOnce();
  const digests = await outboxTo(p, "digest");
  expect(digests).toHaveLength(before + 1);
  return digests.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).at(-1)!;
}

/** Waits until every queued message has reached the SMTP server, and returns those to `p`. */
async function delivered(p: Person): Promise<ReceivedMail[]> {
  const queued = await app.db.select({ id: mailOutbox.id }).from(mailOutbox);
  await smtp.waitFor(queued.length);
  return smtp.received.filter((m) => m.to.includes(p.email));
}

async function startThread(body: string, mentions: Person[]) {
  const res = await owner.api("POST", `/plans/${planId}/threads`, {
    body,
    anchor: { quote: "Where we are" },
    mentions: mentions.map((m) => m.id),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}

/** The token of the unsubscribe link in a received message (its List-Unsubscribe header). */
function unsubscribeToken(mail: ReceivedMail): string {
  const header = /^List-Unsubscribe: <([^>]+)>/im.exec(mail.decoded.replace(/\r?\n[ \t]+/g, " "));
  expect(header).not.toBeNull();
  return new URL(header![1]!).pathname.split("/unsubscribe/")[1]!;
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestServer({ mail: { smtpUrl: smtp.url, from: "Equity Workspaces <equity@example.org>" } });
  owner = await signedUp(app.url, "Olivia Owner", "mail-owner");
  workspace = await createWorkspace(owner, "Mail District", "Mail workspace");
  planId = await createPlan(owner, workspace, { title: "Mail plan", template: "equity_action_plan" });
  const join = async (name: string, label: string, stakeholderGroup: string) =>
    person(await member(owner, workspace, { role: "commenter", stakeholderGroup, name, label }));
  ana = await join("Ana Álvarez", "ana", "family");
  dan = await join("Dan Daily", "dan", "family");
  nev = await join("Nev Never", "nev", "family");
  una = await join("Una Unverified", "una", "family");
  cara = await join("Cara Cabinet", "cara", "cabinet");
  for (const p of [ana, dan, nev, cara]) await verify(p);
  // Sign-up mailed each a verification link: let those arrive, then start from an empty outbox and
  // mailbox so what follows counts notification mail only.
  await smtp.waitFor((await app.db.select({ id: mailOutbox.id }).from(mailOutbox)).length);
  await app.db.delete(mailOutbox);
  smtp.received.length = 0;
  await app.db.update(users).set({ locale: "es" }).where(eq(users.id, ana.id));
  // Dan chooses the digest through the API, Nev "never" through the Account page's form.
  const patched = await dan.client.api("PATCH", "/me", { mailNotifications: "daily" });
  expect(patched.status).toBe(200);
  expect((await patched.json()).mailNotifications).toBe("daily");
  expect((await nev.client.postForm("/account/mail-notifications", { mailNotifications: "never" })).status).toBe(303);
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

describe("mentions and replies", () => {
  it("mail an immediate member once, in her language, with the excerpt, the link and one-click unsubscribe headers", async () => {
    const thread = await startThread("@Ana could you check the bus routes before Friday?", [ana, dan, nev, una]);
    const [mail, ...more] = await delivered(ana);
    expect(more).toEqual([]);
    expect(mail!.decoded).toContain("Subject: Olivia Owner le mencionó en Mail workspace");
    expect(mail!.decoded).toContain("Hola, Ana Álvarez:");
    expect(mail!.decoded).toContain("el plan «Mail plan»");
    expect(mail!.decoded).toContain("could you check the bus routes before Friday?");
    expect(mail!.decoded).toContain(`${app.url}/workspaces/${workspace}/plans/${planId}?thread=${thread.id}`);
    expect(mail!.decoded).toContain("Mail District");
    expect(mail!.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);
    const token = unsubscribeToken(mail!);
    expect(mail!.decoded).toContain(`${app.url}/unsubscribe/${token}`);
    // Only the token's hash is stored.
    const stored = await app.db.select().from(unsubscribeTokens).where(eq(unsubscribeTokens.userId, ana.id));
    expect(stored.map((t) => t.id)).toContain(hashToken(token));

    // Daily, never and an unverified address: nothing now. The notifier does not mail it again.
    await notifier().runOnce();
    for (const p of [dan, nev, una]) expect(await outboxTo(p)).toEqual([]);
    expect(await outboxTo(ana)).toHaveLength(1);
    // The in-app notification knows it was mailed (to Ana only).
    const rows = await app.db.select().from(notifications).where(eq(notifications.threadId, thread.id));
    expect(rows.filter((n) => n.emailedAt).map((n) => n.userId)).toEqual([ana.id]);
  });

  it("mail a reply in a thread one takes part in", async () => {
    const res = await cara.client.api("POST", `/plans/${planId}/threads`, {
      body: "Cara's question about counselors",
      anchor: { quote: "Where we are" },
    });
    const thread = (await res.json()) as { id: string };
    const before = (await delivered(cara)).length;
    expect((await owner.api("POST", `/threads/${thread.id}/comments`, { body: "Owner answers Cara" })).status).toBe(
      201,
    );
    const mine = await delivered(cara);
    expect(mine).toHaveLength(before + 1);
    expect(mine.at(-1)!.decoded).toContain("Subject: Olivia Owner replied in a thread in Mail workspace");
    expect(mine.at(-1)!.decoded).toContain("Owner answers Cara");
  });
});

describe("the daily digest", () => {
  it("lists what came since the last digest, once a day, and is not sent when nothing is new", async () => {
    // Dan chose the digest just now: not due yet.
    await notifier().runOnce();
    expect(await outboxTo(dan)).toEqual([]);

    await dayPassed(dan);
    await notifier().runOnce();
    const [first] = await outboxTo(dan, "digest");
    expect(first!.subject).toBe("Your daily summary from Equity Workspaces");
    expect(first!.text).toContain("Olivia Owner mentioned you");
    expect(first!.text).toContain("could you check the bus routes before Friday?");
    expect(first!.text).toContain(`${NOTIFIER_ORIGIN}/notifications`);
    expect(first!.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    // Once a day: another round right away queues nothing.
    await notifier().runOnce();
    expect(await outboxTo(dan, "digest")).toHaveLength(1);

    await startThread("A second note for Dan about tutoring", [dan]);
    await dayPassed(dan);
    await notifier().runOnce();
    const digests = await outboxTo(dan, "digest");
    expect(digests).toHaveLength(2);
    const second = digests.find((d) => d.id !== first!.id)!;
    expect(second.text).toContain("A second note for Dan about tutoring");
    expect(second.text).not.toContain("bus routes");

    // Nothing new: no mail, and the day starts over.
    await dayPassed(dan);
    await notifier().runOnce();
    expect(await outboxTo(dan, "digest")).toHaveLength(2);
    const [after] = await app.db.select({ at: users.digestSentAt }).from(users).where(eq(users.id, dan.id));
    expect(Date.now() - after!.at!.getTime()).toBeLessThan(60 * 60 * 1000);
    // It did go out over SMTP.
    expect((await delivered(dan)).map((m) => m.decoded)).toEqual([
      expect.stringContaining("Subject: Your daily summary"),
      expect.stringContaining("Subject: Your daily summary"),
    ]);
  });
});

describe("what mail shows", () => {
  it("never quotes a comment a moderator hid before the digest went out", async () => {
    const thread = await startThread("Call me at 555-0100 about it", [dan]);
    const [comment] = (await (await owner.api("GET", `/threads/${thread.id}`)).json()).comments as { id: string }[];
    expect((await owner.api("DELETE", `/comments/${comment!.id}`, { reason: "Personal information" })).status).toBe(
      200,
    );
    const latest = await nextDigest(dan);
    expect(latest.text).toContain("Olivia Owner mentioned you");
    expect(latest.text + latest.html).not.toContain("555-0100");
  });
});

describe("authors who left", () => {
  it("are a former member in the digest, as in the inbox, not named", async () => {
    const lena = await person(
      await member(owner, workspace, {
        role: "commenter",
        stakeholderGroup: "family",
        name: "Lena Leaver",
        label: "lena",
      }),
    );
    const res = await lena.client.api("POST", `/plans/${planId}/threads`, {
      body: "Dan, the tutoring numbers look off to me",
      anchor: { quote: "Where we are" },
      mentions: [dan.id],
    });
    expect(res.status).toBe(201);
    expect((await lena.client.api("DELETE", `/workspaces/${workspace}/members/me`)).status).toBe(204);
    const latest = await nextDigest(dan);
    expect(latest.text).toContain("A former member mentioned you");
    expect(latest.text + latest.html).not.toContain("Lena Leaver");
  });
});

describe("what a digest leaves out", () => {
  it("a vote the reader may not vote in, and everything from a workspace they left", async () => {
    const dora = await person(
      await member(owner, workspace, {
        role: "commenter",
        stakeholderGroup: "cabinet",
        name: "Dora Daily",
        label: "dora",
      }),
    );
    await verify(dora);
    expect((await dora.client.api("PATCH", "/me", { mailNotifications: "daily" })).status).toBe(200);

    const created = await owner.api("POST", `/workspaces/${workspace}/polls`, {
      title: "Families only: after-school buses",
      budget: 1000,
      ballot: { type: "approval", maxOptions: 1 },
      eligibleGroups: ["family"],
      options: [
        { title: "Route A", cost: 600 },
        { title: "Route B", cost: 400 },
      ],
    });
    const poll = (await created.json()) as { id: string };
    expect((await owner.api("PATCH", `/polls/${poll.id}`, { state: "open" })).status).toBe(200);
    await notifier().runOnce();
    await startThread("Dora, the cabinet should read the bus numbers", [dora]);
    await dayPassed(dora);
    await notifier().runOnce();
    const [digest] = await outboxTo(dora, "digest");
    expect(digest!.text).toContain("Dora, the cabinet should read the bus numbers");
    // Announced to families, who may vote in it; Dora, cabinet, may not.
    expect(digest!.text + digest!.html).not.toContain("Families only");

    await startThread("Dora, one more thing before you go", [dora]);
    expect((await dora.client.api("DELETE", `/workspaces/${workspace}/members/me`)).status).toBe(204);
    await dayPassed(dora);
    await notifier().runOnce();
    // The only new item is from a workspace she left: no digest at all.
    expect(await outboxTo(dora, "digest")).toHaveLength(1);
  });
});

describe("votes opening", () => {
  it("are announced once to each member who may vote, even with two notifiers racing, and reach the digest", async () => {
    const created = await owner.api("POST", `/workspaces/${workspace}/polls`, {
      title: "Where should $50,000 go?",
      budget: 50000,
      ballot: { type: "budget" },
      eligibleGroups: ["family"],
      options: [
        { title: "Reading tutors", cost: 30000 },
        { title: "Bus route", cost: 20000 },
      ],
    });
    expect(created.status).toBe(201);
    const poll = (await created.json()) as { id: string };
    // A draft is announced to nobody.
    await notifier().runOnce();
    expect((await app.db.select().from(polls).where(eq(polls.id, poll.id)))[0]!.openingMailedAt).toBeNull();

    expect((await owner.api("PATCH", `/polls/${poll.id}`, { state: "open" })).status).toBe(200);
    const [one, two] = await Promise.all([notifier().runOnce(), notifier().runOnce()]);
    expect(one.polls + two.polls).toBe(1);
    await notifier().runOnce();

    const announcements = await app.db
      .select({ to: mailOutbox.to, subject: mailOutbox.subject, text: mailOutbox.text })
      .from(mailOutbox)
      .where(sql`${mailOutbox.subject} like '%Where should $50,000 go?%'`);
    // Ana (family, immediate) only: Cara is not invited to vote, Una is unverified, Nev said never, Dan reads a digest.
    expect(announcements.map((m) => m.to)).toEqual([ana.email]);
    expect(announcements[0]!.subject).toBe("Hay una votación abierta en Mail workspace: Where should $50,000 go?");
    expect(announcements[0]!.text).toContain(`${NOTIFIER_ORIGIN}/workspaces/${workspace}/polls/${poll.id}`);
    const received = (await delivered(ana)).filter((m) => m.decoded.includes("Where should $50,000 go?"));
    expect(received).toHaveLength(1);

    await dayPassed(dan);
    await notifier().runOnce();
    const digests = await outboxTo(dan, "digest");
    expect(digests.some((d) => d.text.includes("A vote is open in Mail workspace: “Where should $50,000 go?”"))).toBe(
      true,
    );
  });

  it("announces a scheduled vote when its time comes", async () => {
    const created = await owner.api("POST", `/workspaces/${workspace}/polls`, {
      title: "Scheduled vote",
      budget: 1000,
      ballot: { type: "approval", maxOptions: 1 },
      opensAt: new Date(Date.now() + 60 * 60 * 1000).toISOString(),
      options: [
        { title: "Library hours", cost: 1000 },
        { title: "Art supplies", cost: 500 },
      ],
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const poll = (await created.json()) as { id: string };
    await notifier().runOnce();
    const subject = "Hay una votación abierta en Mail workspace: Scheduled vote";
    expect(await app.db.select().from(mailOutbox).where(eq(mailOutbox.subject, subject))).toEqual([]);
    await app.db
      .update(polls)
      .set({ opensAt: new Date(Date.now() - 1000) })
      .where(eq(polls.id, poll.id));
    await notifier().runOnce();
    expect(await app.db.select({ to: mailOutbox.to }).from(mailOutbox).where(eq(mailOutbox.subject, subject))).toEqual([
      { to: ana.email },
    ]);
  });
});

describe("unsubscribing", () => {
  /** A fresh mention of `p` and the unsubscribe token of the mail it brings. */
  async function freshToken(p: Person): Promise<string> {
    const before = (await delivered(p)).length;
    await startThread(`Another mention ${Math.random()}`, [p]);
    const mine = await delivered(p);
    expect(mine).toHaveLength(before + 1);
    return unsubscribeToken(mine.at(-1)!);
  }

  it("works with a mail client's RFC 8058 one-click POST, without cookies or Origin, once", async () => {
    const token = await freshToken(ana);
    const oneClick = () =>
      fetch(`${app.url}/unsubscribe/${token}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
        redirect: "manual",
      });
    // A cross-site page cannot use it: a foreign Origin is still refused.
    const foreign = await fetch(`${app.url}/unsubscribe/${token}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://evil.example" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(foreign.status).toBe(403);
    expect(await modeOf(ana)).toBe("immediate");

    const res = await oneClick();
    expect(res.status).toBe(200);
    expect(await modeOf(ana)).toBe("never");
    // Spent: a second use changes nothing and says so.
    await ana.client.api("PATCH", "/me", { mailNotifications: "immediate" });
    const again = await oneClick();
    expect(again.status).toBe(404);
    expect(shownMarkup(await again.text())).toContain("This link does not work");
    expect(await modeOf(ana)).toBe("immediate");

    // A client that labels the body otherwise is not refused for it: the token decides.
    const plainToken = await freshToken(ana);
    const plain = await fetch(`${app.url}/unsubscribe/${plainToken}`, {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(plain.status).toBe(200);
    expect(await modeOf(ana)).toBe("never");

    // The token never reaches the log.
    expect(JSON.stringify(app.logs)).not.toContain(token);
    expect(app.logs.some((l) => l.path === "/unsubscribe/[redacted]")).toBe(true);
  });

  it("works from the page, signed out, with a button, and offers the settings afterwards", async () => {
    const token = await freshToken(cara);
    const page = await fetch(`${app.url}/unsubscribe/${token}`);
    expect(page.status).toBe(200);
    const markup = shownMarkup(await page.text());
    expect(markup).toContain("Stop notification e-mails");
    expect(markup).toMatch(/<form method="post"/);
    // Looking at the page changes nothing (mail scanners follow links).
    expect(await modeOf(cara)).toBe("immediate");

    const signedOut = new TestClient(app.url);
    const done = await signedOut.postForm(`/unsubscribe/${token}`, {});
    expect(done.status).toBe(200);
    const shown = shownMarkup(await done.text());
    expect(shown).toContain("Done: you will get no more notification e-mails.");
    expect(shown).toContain('href="/account#mail-notifications"');
    expect(await modeOf(cara)).toBe("never");
  });

  it("answers a wrong token with a clear page and changes nothing", async () => {
    const modes = async () =>
      app.db
        .select({ id: users.id, m: users.mailNotifications })
        .from(users)
        .where(
          inArray(
            users.id,
            [ana, dan, nev, una, cara].map((p) => p.id),
          ),
        );
    const before = await modes();
    const page = await fetch(`${app.url}/unsubscribe/notarealtoken`, { headers: { "Accept-Language": "es" } });
    expect(page.status).toBe(404);
    expect(shownMarkup(await page.text())).toContain("Este enlace no funciona");
    const oneClick = (token: string) =>
      fetch(`${app.url}/unsubscribe/${token}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      });
    // Shaped like a token but unknown: the page's answer.
    const post = await oneClick("a".repeat(32));
    expect(post.status).toBe(404);
    // Not shaped like one: no exception to the Origin rule for it.
    expect((await oneClick("notarealtoken")).status).toBe(403);
    expect(await modes()).toEqual(before);
  });
});

/** The values of the checked radio buttons of the setting in a page. */
const checkedMode = (page: string) =>
  [...page.matchAll(/<input type="radio" name="mailNotifications"[^>]*>/g)]
    .filter((m) => m[0].includes('checked=""'))
    .map((m) => /value="(\w+)"/.exec(m[0])![1]);

describe("the setting", () => {
  it("is a radio group on the Account page whose form saves the choice and says so", async () => {
    const page = shownMarkup(await (await una.client.get("/account")).text());
    expect(page).toContain("E-mail notifications");
    expect(checkedMode(page)).toEqual(["immediate"]);
    const saved = await una.client.postForm("/account/mail-notifications", { mailNotifications: "daily" });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("Location")).toBe("/account?saved=mail-notifications#mail-notifications");
    expect(await modeOf(una)).toBe("daily");
    const after = shownMarkup(await (await una.client.get("/account?saved=mail-notifications")).text());
    expect(after).toContain("Your choice of notification e-mails is saved.");
    expect(checkedMode(after)).toEqual(["daily"]);

    const bad = await una.client.postForm("/account/mail-notifications", { mailNotifications: "hourly" });
    expect(bad.status).toBe(400);
    expect(await modeOf(una)).toBe("daily");
    // Like every other form, only from this site.
    expect(
      (await una.client.postForm("/account/mail-notifications", { mailNotifications: "never" }, { origin: null }))
        .status,
    ).toBe(403);
    expect(await modeOf(una)).toBe("daily");
  });

  it("is read and changed through PATCH /api/v1/me, and bad input changes nothing", async () => {
    expect((await (await una.client.api("GET", "/me")).json()).mailNotifications).toBe("daily");
    const bad = await una.client.api("PATCH", "/me", { mailNotifications: "hourly" });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.details.fields.mailNotifications).toBe("Choose immediate, daily or never.");
    expect((await una.client.api("PATCH", "/me", { mailNotifications: "never", name: "x" })).status).toBe(422);
    expect((await una.client.api("PATCH", "/me", {})).status).toBe(422);
    expect(await modeOf(una)).toBe("daily");
    const ok = await una.client.api("PATCH", "/me", { mailNotifications: "never" });
    expect(ok.status).toBe(200);
    expect((await ok.json()).mailNotifications).toBe("never");
    expect(await modeOf(una)).toBe("never");
    expect((await una.client.api("POST", "/me", { mailNotifications: "daily" })).status).toBe(405);
  });
});
