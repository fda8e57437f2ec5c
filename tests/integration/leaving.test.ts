import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  apiTokens,
  auditEvents,
  ballots,
  comments,
  districts,
  emailConfirmations,
  invitations,
  mailOutbox,
  notifications,
  passwordCredentials,
  passwordResetTokens,
  sessions,
  unsubscribeTokens,
  users,
  workspaceMemberships,
  workspaces,
} from "../../db/schema";
import { createApiToken } from "../../app/models/api-tokens.server";
import { hashToken } from "../../app/utils/tokens.server";
import { TestClient } from "../helpers/client";
import { startTestServer, type TestServer } from "../helpers/server";
import { createPlan, createWorkspace, member, signedUp } from "../helpers/workspace";

// Leaving a workspace and deleting an account (issue 14, decision 023), over real HTTP,
// checked in the database: what goes, what stays, and every refusal changing nothing.

let app: TestServer;
let owner: TestClient;
let workspace: string;
let planId: string;

beforeAll(async () => {
  app = await startTestServer();
  owner = await signedUp(app.url, "Olivia Owner", "owner");
  workspace = await createWorkspace(owner, "Leaving District", "Family priorities");
  planId = await createPlan(owner, workspace, { title: "Equity plan", template: "equity_action_plan" });
});
afterAll(() => app.close());

const json = async (res: Response) => (await res.json()) as Record<string, unknown> & { error?: { code: string } };
const idOf = async (c: TestClient) => (await json(await c.api("GET", "/me"))).id as string;
const emailOf = async (c: TestClient) => (await json(await c.api("GET", "/me"))).email as string;

async function startThread(c: TestClient, body: string) {
  const res = await c.api("POST", `/plans/${planId}/threads`, { body, anchor: { quote: "Where we are" } });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; comments: { id: string }[] };
}

async function threadAuthors(c: TestClient, threadId: string) {
  const { threads } = (await json(await c.api("GET", `/plans/${planId}/threads`))) as unknown as {
    threads: { id: string; comments: { body: string | null; author: { id: string; name: string } | null }[] }[];
  };
  return threads.find((t) => t.id === threadId)!.comments.map((x) => [x.author?.name ?? null, x.body]);
}

async function openPoll() {
  const created = await owner.api("POST", `/workspaces/${workspace}/polls`, {
    title: "Where should $100,000 go?",
    budget: 100000,
    ballot: { type: "budget" },
    options: [
      { title: "Reading tutors", cost: 40000 },
      { title: "Bus route", cost: 30000 },
    ],
  });
  expect(created.status).toBe(201);
  const poll = (await created.json()) as { id: string };
  expect((await owner.api("PATCH", `/polls/${poll.id}`, { state: "open" })).status).toBe(200);
  return poll.id;
}

const vote = async (c: TestClient, pollId: string, choices: string[]) =>
  expect((await c.api("PUT", `/polls/${pollId}/ballot`, { choices })).status).toBeLessThan(300);
/** The tally; "whose voices" is left out, since it counts the members now invited, which leaving changes. */
async function results(pollId: string) {
  const all = await json(await owner.api("GET", `/polls/${pollId}/results?rule=votes`));
  expect(all.ballots).toEqual(expect.any(Number));
  delete all.representativeness;
  return all;
}

describe("leaving a workspace", () => {
  it("a member leaves through the API: the workspace answers 404 after, their comments show a former member, their ballot still counts", async () => {
    const lee = await member(owner, workspace, { role: "commenter", stakeholderGroup: "family", name: "Lee Leaver" });
    const thread = await startThread(lee, "Before I go: what about tutoring?");
    const pollId = await openPoll();
    await vote(lee, pollId, ["P1"]);
    const before = await results(pollId);
    expect(await threadAuthors(owner, thread.id)).toEqual([["Lee Leaver", "Before I go: what about tutoring?"]]);

    const left = await lee.api("DELETE", `/workspaces/${workspace}/members/me`);
    expect(left.status).toBe(204);
    expect((await lee.api("GET", `/workspaces/${workspace}`)).status).toBe(404);
    expect((await lee.get(`/workspaces/${workspace}`)).status).toBe(404);
    expect((await lee.api("GET", `/plans/${planId}/threads`)).status).toBe(404);
    // Leaving twice: they are a stranger now.
    expect((await lee.api("DELETE", `/workspaces/${workspace}/members/me`)).status).toBe(404);

    // To the others, the words stay, by a former member; the comment row keeps its author for a return.
    expect(await threadAuthors(owner, thread.id)).toEqual([[null, "Before I go: what about tutoring?"]]);
    const [row] = await app.db.select().from(comments).where(eq(comments.id, thread.comments[0]!.id));
    expect(row!.authorId).toBe(await idOf(lee));
    const exported = await (await owner.api("GET", `/plans/${planId}/export?format=md&comments=1`)).text();
    expect(exported).toContain("Former member");
    expect(exported).not.toContain("Lee Leaver");
    expect(await results(pollId)).toEqual(before);
  });

  it("refuses the last owner (409, still a member), strangers (404), the signed-out (401) and forged origins (403)", async () => {
    const last = await owner.api("DELETE", `/workspaces/${workspace}/members/me`);
    expect(last.status).toBe(409);
    expect((await json(last)).error).toMatchObject({
      code: "last_owner",
      message: expect.stringMatching(/last owner/),
    });
    expect((await json(await owner.api("GET", `/workspaces/${workspace}`))).role).toBe("owner");
    // The page says it too.
    const page = await owner.postForm(`/workspaces/${workspace}?index`, { intent: "leave" });
    expect(page.status).toBe(409);
    expect(await page.text()).toContain("Make another member an owner first");

    const stranger = await signedUp(app.url, "Sam Stranger", "stranger");
    expect((await stranger.api("DELETE", `/workspaces/${workspace}/members/me`)).status).toBe(404);
    expect((await new TestClient(app.url).api("DELETE", `/workspaces/${workspace}/members/me`)).status).toBe(401);

    const mia = await member(owner, workspace, { role: "viewer", name: "Mia Member" });
    const forged = await mia.api("DELETE", `/workspaces/${workspace}/members/me`, undefined, {
      origin: "https://evil.example",
    });
    expect(forged.status).toBe(403);
    expect((await mia.api("GET", `/workspaces/${workspace}`)).status).toBe(200);
    expect(await json(await mia.api("GET", `/workspaces/${workspace}/members/me`))).toMatchObject({ role: "viewer" });
    expect((await mia.api("POST", `/workspaces/${workspace}/members/me`, {})).status).toBe(405);
  });
});

describe("deleting an account", () => {
  it("refuses a wrong password, a forged origin and the signed-out, changing nothing", async () => {
    const sam = await signedUp(app.url, "Sam Keeper", "keeper");
    const id = await idOf(sam);
    const wrong = await sam.api("DELETE", "/me", { password: "not my password" });
    expect(wrong.status).toBe(403);
    expect((await json(wrong)).error?.code).toBe("wrong_password");
    const forged = await sam.api(
      "DELETE",
      "/me",
      { password: "correct horse battery" },
      { origin: "https://evil.example" },
    );
    expect(forged.status).toBe(403);
    expect((await new TestClient(app.url).api("DELETE", "/me", { password: "x" })).status).toBe(401);
    expect((await sam.api("DELETE", "/me", {})).status).toBe(422);
    // The page: a wrong word or password, and no session at all.
    const word = await sam.postForm("/account/delete", { confirm: "DELET", password: "correct horse battery" });
    expect(word.status).toBe(400);
    const pass = await sam.postForm("/account/delete", { confirm: "DELETE", password: "nope" });
    expect(pass.status).toBe(403);
    expect(await pass.text()).toContain("That password is not right");
    const anonymous = await new TestClient(app.url).postForm("/account/delete", {
      confirm: "DELETE",
      password: "correct horse battery",
    });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);

    expect(await app.db.select().from(users).where(eq(users.id, id))).toHaveLength(1);
    expect(await app.db.select().from(sessions).where(eq(sessions.userId, id))).toHaveLength(1);
    expect((await sam.api("GET", "/me")).status).toBe(200);
  });

  it("refuses the last owner of a workspace others use, naming it; allowed once another member is an owner", async () => {
    const olga = await signedUp(app.url, "Olga Only-Owner", "olga");
    const shared = await createWorkspace(olga, "Olga District", "Olga's coalition");
    const guest = await member(olga, shared, { role: "editor", name: "Gus Guest" });
    const refused = await olga.api("DELETE", "/me", { password: "correct horse battery" });
    expect(refused.status).toBe(409);
    const body = await json(refused);
    expect(body.error).toMatchObject({ code: "last_owner", message: expect.stringContaining("Olga's coalition") });
    const page = await olga.postForm("/account/delete", { confirm: "ELIMINAR", password: "correct horse battery" });
    expect(page.status).toBe(409);
    expect(await page.text()).toContain("Olga&#x27;s coalition");
    expect((await olga.api("GET", "/me")).status).toBe(200);

    const guestId = await idOf(guest);
    const promoted = await olga.postForm(`/workspaces/${shared}?index`, {
      intent: "update-member",
      userId: guestId,
      role: "owner",
      stakeholderGroup: "cabinet",
    });
    expect(promoted.status).toBe(200);
    // The workspace has another owner now, but the district would have no administrator.
    const districtLeft = await olga.api("DELETE", "/me", { password: "correct horse battery" });
    expect(districtLeft.status).toBe(409);
    expect((await json(districtLeft)).error).toMatchObject({
      code: "last_district_admin",
      message: expect.stringContaining("Olga District"),
      details: { districts: [{ name: "Olga District" }] },
    });
    const [district] = ((await json(await olga.api("GET", "/districts"))).districts as { slug: string }[]).filter((d) =>
      d.slug.startsWith("olga-district"),
    );
    const preview = await olga.get("/account/delete");
    expect(await preview.text()).toContain(
      "You are the last administrator of “Olga District”, which other people still use",
    );
    const named = await olga.postForm(`/districts/${district!.slug}`, { intent: "grant-admin", userId: guestId });
    expect(named.status).toBe(200);

    expect((await olga.api("DELETE", "/me", { password: "correct horse battery" })).status).toBe(200);
    expect((await guest.api("GET", `/workspaces/${shared}`)).status).toBe(200);
    expect((await json(await guest.api("GET", "/districts"))).districts).toEqual([
      expect.objectContaining({ slug: district!.slug, role: "admin" }),
    ]);
  });

  it("deletes a district nobody else is in along with the account, and says so before", async () => {
    const solo = await signedUp(app.url, "Solo Superintendent", "solo");
    await createWorkspace(solo, "Solo District", "Solo workspace");
    const preview = await (await solo.get("/account/delete")).text();
    expect(preview).toContain("These districts have nobody else in them and will be deleted with your account");
    expect(preview).toContain("“Solo District”");
    const res = await solo.api("DELETE", "/me", { password: "correct horse battery" });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      deletedWorkspaces: [{ name: "Solo workspace" }],
      deletedDistricts: [{ name: "Solo District" }],
    });
    expect(await app.db.select().from(districts).where(eq(districts.name, "Solo District"))).toEqual([]);
  });

  it("removes the person's sessions, tokens, invitations, mail and personal data, and keeps their comments and ballots, unlinked", async () => {
    const rosa = await member(owner, workspace, { role: "commenter", stakeholderGroup: "family", name: "Rosa Díaz" });
    const id = await idOf(rosa);
    const email = await emailOf(rosa);
    const otherDevice = new TestClient(app.url);
    await otherDevice.login(email);
    const { token: apiToken } = await createApiToken(app.db, id, "script");

    // Rosa owns a workspace of her own (nobody else in it) and co-owns the shared one.
    const solo = await createWorkspace(rosa, "Rosa District", "Rosa's notes");
    const ownerId = await idOf(owner);
    expect(
      (
        await owner.postForm(`/workspaces/${workspace}?index`, {
          intent: "update-member",
          userId: id,
          role: "owner",
          stakeholderGroup: "family",
        })
      ).status,
    ).toBe(200);
    const unused = await json(
      await rosa.api("POST", `/workspaces/${workspace}/invitations`, { role: "viewer", stakeholderGroup: "family" }),
    );
    const used = await json(
      await rosa.api("POST", `/workspaces/${workspace}/invitations`, { role: "viewer", stakeholderGroup: "family" }),
    );
    const newcomer = await signedUp(app.url, "Nina Newcomer", "nina");
    const usedToken = (used.url as string).split("/invite/")[1]!;
    expect((await newcomer.api("POST", `/invitations/${usedToken}/accept`)).status).toBe(200);
    // An invitation sent to her address (by mail), and links mailed to her.
    const [toHer] = await app.db
      .insert(invitations)
      .values({
        workspaceId: (await app.db.select().from(workspaces).where(eq(workspaces.slug, workspace)))[0]!.id,
        tokenHash: hashToken(`to-rosa-${Date.now()}`),
        role: "viewer",
        stakeholderGroup: "family",
        expiresAt: new Date(Date.now() + 86_400_000),
        maxUses: 1,
        email: email.toUpperCase(),
        createdBy: ownerId,
      })
      .returning();
    await app.db.insert(emailConfirmations).values({
      id: hashToken(`confirm-${id}`),
      userId: id,
      email,
      purpose: "verify",
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    await app.db.insert(unsubscribeTokens).values({ id: hashToken(`unsubscribe-${id}`), userId: id });
    expect((await new TestClient(app.url).postForm("/forgot-password", { email })).status).toBe(200);
    expect((await new TestClient(app.url).postForm("/login", { email, password: "wrong guess" })).status).toBe(400);
    expect(await app.db.select().from(mailOutbox).where(eq(mailOutbox.to, email))).toHaveLength(2); // verification, reset
    expect(await app.db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, id))).toHaveLength(1);

    // Her words, a reply to her (a notification for her), her ballot.
    const thread = await startThread(rosa, "¿Y las tutorías?");
    expect((await owner.api("POST", `/threads/${thread.id}/comments`, { body: "Good question, Rosa." })).status).toBe(
      201,
    );
    expect(await app.db.select().from(notifications).where(eq(notifications.userId, id))).toHaveLength(1);
    const pollId = await openPoll();
    await vote(rosa, pollId, ["P1", "P2"]);
    await vote(owner, pollId, ["P2"]);
    const before = await results(pollId);
    const ballotsBefore = await app.db.select().from(ballots).where(eq(ballots.pollId, pollId));
    expect(ballotsBefore).toHaveLength(2);
    const auditBefore = (await app.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]!.n;

    const res = await rosa.api("DELETE", "/me", { password: "correct horse battery" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      deleted: true,
      deletedWorkspaces: [{ slug: solo, name: "Rosa's notes" }],
      // She made a district for it, and nobody else is in it.
      deletedDistricts: [{ slug: expect.any(String), name: "Rosa District" }],
    });

    // Gone: the account and everything that was only hers.
    expect(await app.db.select().from(users).where(eq(users.id, id))).toEqual([]);
    expect(
      await app.db
        .select()
        .from(users)
        .where(eq(sql`lower(${users.email})`, email)),
    ).toEqual([]);
    for (const [table, column] of [
      [sessions, sessions.userId],
      [apiTokens, apiTokens.userId],
      [passwordCredentials, passwordCredentials.userId],
      [passwordResetTokens, passwordResetTokens.userId],
      [emailConfirmations, emailConfirmations.userId],
      [unsubscribeTokens, unsubscribeTokens.userId],
      [notifications, notifications.userId],
      [workspaceMemberships, workspaceMemberships.userId],
    ] as const) {
      expect(await app.db.select().from(table).where(eq(column, id))).toEqual([]);
    }
    expect((await rosa.api("GET", "/me")).status).toBe(401);
    expect((await otherDevice.api("GET", "/me")).status).toBe(401);
    expect((await rosa.api("GET", "/me", undefined, { token: apiToken })).status).toBe(401);
    expect(await app.db.select().from(workspaces).where(eq(workspaces.slug, solo))).toEqual([]);

    const tokenHashOf = (created: Record<string, unknown>) => hashToken((created.url as string).split("/invite/")[1]!);
    const left = await app.db
      .select()
      .from(invitations)
      .where(inArray(invitations.tokenHash, [tokenHashOf(unused), tokenHashOf(used), toHer!.tokenHash]));
    // The used one stays (someone joined with it), no longer naming her.
    expect(left.map((i) => [i.tokenHash, i.createdBy])).toEqual([[tokenHashOf(used), null]]);
    expect(
      await app.db
        .select()
        .from(mailOutbox)
        .where(eq(sql`lower(${mailOutbox.to})`, email)),
    ).toEqual([]);

    // The audit log keeps its events, without her address, client address or id.
    expect((await app.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents))[0]!.n).toBeGreaterThan(
      auditBefore,
    );
    expect(
      await app.db
        .select()
        .from(auditEvents)
        .where(sql`${auditEvents.data}::text ilike ${`%${email}%`}`),
    ).toEqual([]);
    const failures = await app.db.select().from(auditEvents).where(eq(auditEvents.action, "login.failure"));
    expect(failures.length).toBeGreaterThan(0);
    expect(
      await app.db
        .select()
        .from(auditEvents)
        .where(sql`${auditEvents.actorId} = ${id} or ${auditEvents.targetUserId} = ${id}`),
    ).toEqual([]);
    const [deletion] = await app.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "user.delete"))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(deletion).toMatchObject({ actorId: null, ip: null, data: { workspacesDeleted: 1 } });

    // Kept: her words, by a former member; her ballot, counted and unlinked; the tally unchanged.
    const [kept] = await app.db.select().from(comments).where(eq(comments.id, thread.comments[0]!.id));
    expect(kept).toMatchObject({ authorId: null, body: "¿Y las tutorías?", state: "visible" });
    expect(await threadAuthors(owner, thread.id)).toEqual([
      [null, "¿Y las tutorías?"],
      ["Olivia Owner", "Good question, Rosa."],
    ]);
    const page = await (await owner.get(`/workspaces/${workspace}/plans/${planId}`)).text();
    expect(page).not.toContain("Rosa Díaz");
    const ballotsAfter = await app.db.select().from(ballots).where(eq(ballots.pollId, pollId));
    expect(ballotsAfter).toHaveLength(2);
    expect(
      await app.db
        .select()
        .from(ballots)
        .where(and(eq(ballots.pollId, pollId), isNull(ballots.voterId))),
    ).toEqual([expect.objectContaining({ receipt: ballotsBefore.find((b) => b.voterId === id)!.receipt })]);
    expect(await results(pollId)).toEqual(before);
  });

  it("forgets every address the account had and the invitation mails it sent, its own workspace's too", async () => {
    const vera = await signedUp(app.url, "Vera Vance", "vera");
    const id = await idOf(vera);
    const current = await emailOf(vera);
    await app.db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, id));
    // Her sign-up address before she moved to the current one, still in a confirmation row and the outbox.
    const former = `former-${current}`;
    await app.db.insert(emailConfirmations).values({
      id: hashToken(`former-${id}`),
      userId: id,
      email: former,
      purpose: "verify",
      expiresAt: new Date(Date.now() - 1000),
      usedAt: new Date(Date.now() - 2000),
    });
    await app.db.insert(mailOutbox).values({
      to: former,
      locale: "en",
      subject: "Your address is changing",
      text: "Vera Vance …",
      html: "<p>Vera Vance …</p>",
      kind: "email_change",
    });
    await app.db.insert(invitations).values({
      workspaceId: (await app.db.select().from(workspaces).where(eq(workspaces.slug, workspace)))[0]!.id,
      tokenHash: hashToken(`for-former-${id}`),
      role: "viewer",
      stakeholderGroup: "family",
      expiresAt: new Date(Date.now() + 86_400_000),
      maxUses: 1,
      email: former,
    });
    // She invites by mail from a workspace of her own (it goes with her) and into Olivia's (it stays).
    const own = await createWorkspace(vera, "Vera District", "Vera alone");
    const mailed = async (ws: string, to: string) => {
      const res = await vera.api("POST", `/workspaces/${ws}/invitations`, {
        emails: [to],
        role: "viewer",
        stakeholderGroup: "family",
      });
      expect(res.status).toBe(201);
      const { invitations: made } = (await res.json()) as { invitations: { id: string }[] };
      const [row] = await app.db.select().from(invitations).where(eq(invitations.id, made[0]!.id));
      return row!.mailId!;
    };
    const ownMail = await mailed(own, "guest-of-vera@example.org");
    const joined = await owner.api("POST", `/workspaces/${workspace}/invitations`, {
      role: "owner",
      stakeholderGroup: "cabinet",
    });
    const { url } = (await joined.json()) as { url: string };
    expect((await vera.api("POST", `/invitations/${url.split("/invite/")[1]}/accept`)).status).toBe(200);
    const sharedMail = await mailed(workspace, "friend-of-vera@example.org");

    const res = await vera.api("DELETE", "/me", { password: "correct horse battery" });
    expect(res.status).toBe(200);
    for (const address of [current, former]) {
      expect(
        await app.db
          .select()
          .from(mailOutbox)
          .where(eq(sql`lower(${mailOutbox.to})`, address)),
      ).toEqual([]);
      expect(await app.db.select().from(invitations).where(eq(invitations.email, address))).toEqual([]);
    }
    expect(
      await app.db
        .select()
        .from(mailOutbox)
        .where(inArray(mailOutbox.id, [ownMail, sharedMail])),
    ).toEqual([]);
    expect(await app.db.select().from(workspaces).where(eq(workspaces.slug, own))).toEqual([]);
  });

  it("from the Account page: the confirmation word and password delete the account and sign out to /account-deleted", async () => {
    const tom = await signedUp(app.url, "Tom Nguyen", "tom");
    const id = await idOf(tom);
    const account = await (await tom.get("/account")).text();
    expect(account).toContain("Delete your account");
    expect(account).toContain('href="/api/v1/me/export"');
    const done = await tom.postForm("/account/delete", { confirm: " delete ", password: "correct horse battery" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/account-deleted");
    expect(tom.cookies.size).toBe(0);
    expect(await app.db.select().from(users).where(eq(users.id, id))).toEqual([]);
    const page = await tom.get("/account-deleted");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Your account is deleted");
  });
});

describe("downloading one's data", () => {
  it("gives the account, memberships, comments, ballot receipts and invitations sent, as an attachment, to its owner only", async () => {
    const ana = await member(owner, workspace, { role: "editor", stakeholderGroup: "coalition", name: "Ana Export" });
    const id = await idOf(ana);
    const thread = await startThread(ana, "My own words");
    const pollId = await openPoll();
    await vote(ana, pollId, ["P2"]);
    const receipt = (await json(await ana.api("GET", `/polls/${pollId}/ballot`))).receipt as string;

    const res = await ana.api("GET", "/me/export");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="equity-workspaces-my-data-/);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    const data = (await res.json()) as {
      account: { id: string; name: string };
      memberships: { workspaces: { workspace: string; role: string }[] };
      comments: { id: string; body: string }[];
      ballotReceipts: { pollId: string; receipt: string }[];
      invitationsSent: unknown[];
    };
    expect(data.account).toMatchObject({ id, name: "Ana Export" });
    expect(data.memberships.workspaces).toEqual([expect.objectContaining({ workspace, role: "editor" })]);
    expect(data.comments).toEqual([expect.objectContaining({ id: thread.comments[0]!.id, body: "My own words" })]);
    expect(data.ballotReceipts).toEqual([expect.objectContaining({ pollId, receipt })]);
    expect(JSON.stringify(data.ballotReceipts)).not.toContain("P2");
    expect(data.invitationsSent).toEqual([]);

    const owners = (await json(await owner.api("GET", "/me/export"))) as unknown as { invitationsSent: unknown[] };
    expect(owners.invitationsSent.length).toBeGreaterThan(0);
    expect((await new TestClient(app.url).api("GET", "/me/export")).status).toBe(401);
    expect((await ana.api("POST", "/me/export", {})).status).toBe(405);
  });
});
