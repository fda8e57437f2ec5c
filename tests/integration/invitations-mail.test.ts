import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, invitations, mailOutbox, users, workspaceMemberships, workspaces } from "../../db/schema";
import { MAIL_INVITATIONS_PER_DAY } from "../../app/domain/invitation-addresses";
import { TestClient, uniqueEmail } from "../helpers/client";
import { scratchStorage, spawnServer, withStorage } from "../helpers/child-server";
import { waitFor } from "../helpers/collab";
import { startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "../helpers/smtp";

// Invitations by mail over real HTTP, with the mail going through a real SMTP server that refuses
// addresses starting with "bounce." as a server refuses an unknown mailbox. Links are built from
// PUBLIC_URL; clients come through a proxy that forwards that host (see password-reset.test.ts).

const PUBLIC = "https://equity.example.org";
const PUBLIC_HOST = new URL(PUBLIC).host;
let app: TestServer;
let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startSmtpServer({ refuse: (address) => address.startsWith("bounce.") });
  app = await startTestServer({
    publicOrigin: PUBLIC,
    mail: { smtpUrl: smtp.url, from: "Equity Workspaces <equity@example.org>" },
  });
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

/** A browser (or script) reaching the app through its public address. */
class PublicClient extends TestClient {
  override request(
    method: string,
    path: string,
    init: { body?: BodyInit; headers?: Record<string, string>; origin?: string | null } = {},
  ) {
    return super.request(method, path, {
      ...init,
      headers: { "X-Forwarded-Host": PUBLIC_HOST, ...init.headers },
      origin: init.origin === undefined ? PUBLIC : init.origin,
    });
  }
}

const json = async (res: Response) => (await res.json()) as any;

async function person(name: string, email = uniqueEmail(name.toLowerCase().split(" ")[0])) {
  const client = new PublicClient(app.url);
  await client.signup(name, email);
  return { client, email };
}

const verify = (email: string) =>
  app.db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.email, email));

/** An owner who confirmed her own address (only they may invite by mail), with a workspace of her own. */
async function ownerWithWorkspace({ verified = true } = {}) {
  const owner = await person("Olga Owner");
  if (verified) await verify(owner.email);
  const district = await json(await owner.client.api("POST", "/districts", { name: "Lakeside Schools" }));
  const workspace = await json(
    await owner.client.api("POST", `/districts/${district.slug}/workspaces`, { name: "Budget Voices" }),
  );
  const [row] = await app.db.select().from(workspaces).where(eq(workspaces.slug, workspace.slug));
  return { owner, slug: workspace.slug as string, workspaceId: row!.id };
}

const inviteBody = (emails: string[], extra: Record<string, unknown> = {}) => ({
  emails,
  role: "commenter",
  stakeholderGroup: "family",
  ...extra,
});

/** The newest invitation mail that reached `address`, once it has (sign-up also mails a verification link). */
async function mailTo(address: string, after = 0): Promise<ReceivedMail> {
  const mail = await waitFor(
    () =>
      smtp.received
        .filter((m) => m.to.includes(address) && m.decoded.includes("/invite/"))
        .slice(after)
        .at(-1),
    20_000,
    `mail to ${address}`,
  );
  return mail!;
}
const tokenIn = (mail: ReceivedMail) => {
  const match = mail.decoded.match(/https:\/\/equity\.example\.org\/invite\/([a-z2-7]+)/);
  expect(match).not.toBeNull();
  return match![1]!;
};

async function stateOf(owner: TestClient, slug: string, email: string) {
  const list = await json(await owner.api("GET", `/workspaces/${slug}/invitations`));
  return list.mailInvitations.find((i: any) => i.email === email);
}

const counts = async (workspaceId: string) => ({
  invitations: (await app.db.select().from(invitations).where(eq(invitations.workspaceId, workspaceId))).length,
  mail: (await app.db.select().from(mailOutbox).where(eq(mailOutbox.kind, "invitation"))).length,
});

describe("invitations by mail", () => {
  it("mails each address its own link in the chosen language; only the invited account accepts, joins and is verified", async () => {
    const { owner, slug, workspaceId } = await ownerWithWorkspace();
    const invitee = uniqueEmail("ines");
    const other = uniqueEmail("otto");
    const res = await owner.client.api(
      "POST",
      `/workspaces/${slug}/invitations`,
      inviteBody([invitee, ` ${other.toUpperCase()} `, owner.email, other], { locale: "es" }),
    );
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body.invitations.map((i: any) => i.email)).toEqual([invitee, other].sort());
    expect(body.invitations.every((i: any) => i.state === "sent" && i.role === "commenter")).toBe(true);
    expect(body.skipped).toEqual([{ email: owner.email, reason: "member" }]);

    const mail = await mailTo(invitee);
    expect(mail.decoded).toContain("Olga Owner le invitó a Budget Voices");
    expect(mail.decoded).toContain(
      "Olga Owner le invita a unirse a Budget Voices, un espacio de trabajo de Lakeside Schools en Espacios de Equidad, como Comentarista (Familia).",
    );
    expect(mail.decoded).toContain("Aceptar la invitación");
    const token = tokenIn(mail);
    // Each address has a link of its own.
    expect(tokenIn(await mailTo(other))).not.toBe(token);

    // Someone else holding the link learns the address only masked, and cannot use it.
    const masked = `i•••@example.test`;
    const anonymous = await new PublicClient(app.url).get(`/invite/${token}`);
    expect(anonymous.status).toBe(200);
    const anonymousPage = await anonymous.text();
    expect(anonymousPage).toContain(`This invitation was sent to ${masked}.`);
    expect(anonymousPage).not.toContain(invitee);
    const stranger = await person("Sam Stranger");
    const refusedPage = await stranger.client.get(`/invite/${token}`);
    expect(refusedPage.status).toBe(403);
    expect(await refusedPage.text()).toContain(
      `You are signed in as ${stranger.email}, but this invitation was sent to ${masked}.`,
    );
    const refused = await stranger.client.api("POST", `/invitations/${token}/accept`);
    expect(refused.status).toBe(403);
    expect(await json(refused)).toMatchObject({ error: { code: "invitation_wrong_account" } });
    expect((await stranger.client.postForm(`/invite/${token}`, {})).status).toBe(403);

    // The invited person signs up with that address (the page's sign-up comes back here) and joins.
    const ines = await person("Inés Invitada", invitee);
    const [before] = await app.db.select().from(users).where(eq(users.email, invitee));
    expect(before!.emailVerifiedAt).toBeNull();
    const joined = await ines.client.postForm(`/invite/${token}`, {});
    expect(joined.status).toBe(302);
    expect(joined.headers.get("Location")).toBe(`/workspaces/${slug}`);
    const [membership] = await app.db
      .select()
      .from(workspaceMemberships)
      .where(and(eq(workspaceMemberships.workspaceId, workspaceId), eq(workspaceMemberships.userId, before!.id)));
    expect(membership).toMatchObject({ role: "commenter", stakeholderGroup: "family" });
    const [after] = await app.db.select().from(users).where(eq(users.id, before!.id));
    expect(after!.emailVerifiedAt).toBeInstanceOf(Date);
    const [row] = await app.db.select().from(invitations).where(eq(invitations.email, invitee));
    expect(row).toMatchObject({ uses: 1, acceptedBy: before!.id });
    expect(row!.acceptedAt).toBeInstanceOf(Date);
    expect(await stateOf(owner.client, slug, invitee)).toMatchObject({ state: "accepted", acceptedBy: before!.id });
    // The stranger was never added.
    expect((await stranger.client.api("GET", `/workspaces/${slug}`)).status).toBe(404);
    // An accepted invitation is neither resent nor withdrawn.
    expect((await owner.client.api("POST", `/workspaces/${slug}/invitations/${row!.id}/resend`)).status).toBe(409);
    expect((await owner.client.api("DELETE", `/workspaces/${slug}/invitations/${row!.id}`)).status).toBe(409);
    // Asking again for the same people skips the member and the one still invited.
    const again = await owner.client.api("POST", `/workspaces/${slug}/invitations`, inviteBody([invitee, other]));
    expect(again.status).toBe(200);
    expect((await json(again)).skipped).toEqual([
      { email: invitee, reason: "member" },
      { email: other, reason: "pending" },
    ]);
    // The token travelled only in the mail: the request log redacts it.
    expect(JSON.stringify(app.logs)).not.toContain(token);
  });

  it("shows bounced when the mail server refuses the address", async () => {
    const { owner, slug } = await ownerWithWorkspace();
    const bad = uniqueEmail("bounce");
    expect((await owner.client.api("POST", `/workspaces/${slug}/invitations`, inviteBody([bad]))).status).toBe(201);
    const bounced = await waitFor(
      async () => (await stateOf(owner.client, slug, bad))?.state === "bounced",
      20_000,
      "the invitation shown bounced",
    );
    expect(bounced).toBe(true);
    const page = await (await owner.client.get(`/workspaces/${slug}`)).text();
    expect(page).toContain("Bounced: the mail server refused this address");
    // The button's name says whom it resends to.
    expect(page).toMatch(
      new RegExp(`Resend(<!-- -->)?<span class="visually-hidden"> (<!-- -->)?the invitation to ${bad}`),
    );
  });

  it("resends with a new link and a new expiry; the old link stops working", async () => {
    const { owner, slug } = await ownerWithWorkspace();
    const email = uniqueEmail("rita");
    await owner.client.api("POST", `/workspaces/${slug}/invitations`, inviteBody([email], { role: "viewer" }));
    const first = tokenIn(await mailTo(email));
    const [row] = await app.db.select().from(invitations).where(eq(invitations.email, email));
    await app.db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, row!.id));
    expect((await stateOf(owner.client, slug, email)).state).toBe("expired");
    const rita = await person("Rita", email);
    const late = await rita.client.api("POST", `/invitations/${first}/accept`);
    expect(late.status).toBe(410);
    expect(await json(late)).toMatchObject({ error: { code: "invitation_expired" } });

    const resent = await owner.client.api("POST", `/workspaces/${slug}/invitations/${row!.id}/resend`);
    expect(resent.status).toBe(200);
    const { invitation } = await json(resent);
    expect(invitation).toMatchObject({ id: row!.id, state: "sent", role: "viewer" });
    expect(new Date(invitation.expiresAt).getTime()).toBeGreaterThan(Date.now() + 6.9 * 86_400_000);
    const second = tokenIn(await mailTo(email, 1));
    expect(second).not.toBe(first);
    expect((await rita.client.api("POST", `/invitations/${first}/accept`)).status).toBe(404);
    expect((await rita.client.get(`/invite/${first}`)).status).toBe(404);
    const accepted = await rita.client.api("POST", `/invitations/${second}/accept`);
    expect(accepted.status).toBe(200);
    expect((await json(await rita.client.api("GET", `/workspaces/${slug}`))).role).toBe("viewer");
  });

  it("revokes: the link is refused and cannot be resent", async () => {
    const { owner, slug } = await ownerWithWorkspace();
    const email = uniqueEmail("rene");
    await owner.client.api("POST", `/workspaces/${slug}/invitations`, inviteBody([email]));
    const token = tokenIn(await mailTo(email));
    const [row] = await app.db.select().from(invitations).where(eq(invitations.email, email));
    expect((await owner.client.api("DELETE", `/workspaces/${slug}/invitations/${row!.id}`)).status).toBe(204);
    expect((await owner.client.api("DELETE", `/workspaces/${slug}/invitations/${row!.id}`)).status).toBe(204);
    expect((await stateOf(owner.client, slug, email)).state).toBe("revoked");
    const rene = await person("René", email);
    const refused = await rene.client.api("POST", `/invitations/${token}/accept`);
    expect(refused.status).toBe(410);
    expect(await json(refused)).toMatchObject({ error: { code: "invitation_revoked" } });
    expect((await rene.client.get(`/invite/${token}`)).status).toBe(410);
    expect((await owner.client.api("POST", `/workspaces/${slug}/invitations/${row!.id}/resend`)).status).toBe(409);
    expect((await owner.client.api("DELETE", `/workspaces/${slug}/invitations/not-an-id`)).status).toBe(404);
  });

  it("refuses more than 200 addresses, invalid ones and an empty list, and creates nothing", async () => {
    const { owner, slug, workspaceId } = await ownerWithWorkspace();
    const before = await counts(workspaceId);
    const many = Array.from({ length: 201 }, (_, i) => `person${i}@example.org`);
    const tooMany = await owner.client.api("POST", `/workspaces/${slug}/invitations`, inviteBody(many));
    expect(tooMany.status).toBe(422);
    expect(await json(tooMany)).toMatchObject({ error: { code: "too_many_addresses" } });
    const invalid = await owner.client.api(
      "POST",
      `/workspaces/${slug}/invitations`,
      inviteBody(["good@example.org", "not an address", "x@y"]),
    );
    expect(invalid.status).toBe(422);
    expect((await json(invalid)).error.details.invalid).toEqual([
      { address: "not an address", reason: "not_an_address" },
      { address: "x@y", reason: "not_an_address" },
    ]);
    expect((await owner.client.api("POST", `/workspaces/${slug}/invitations`, inviteBody([" "]))).status).toBe(422);
    const badLocale = await owner.client.api(
      "POST",
      `/workspaces/${slug}/invitations`,
      inviteBody(["a@example.org"], { locale: "fr" }),
    );
    expect(badLocale.status).toBe(422);
    expect((await json(badLocale)).error.details.fields.locale).toBe("Choose English or Spanish.");
    const notAList = await owner.client.api("POST", `/workspaces/${slug}/invitations`, {
      ...inviteBody([]),
      emails: "a@example.org",
    });
    expect(notAList.status).toBe(422);
    expect((await json(notAList)).error.details.fields.emails).toBe("Give the addresses as a list of strings.");

    // The page says the same in words, keeps what was pasted, and sends nothing.
    const page = await owner.client.postForm(`/workspaces/${slug}?index`, {
      intent: "invite-by-mail",
      emails: many.join("\n"),
      role: "viewer",
      stakeholderGroup: "community",
      locale: "en",
    });
    expect(page.status).toBe(422);
    expect(await page.text()).toContain("That is 201 addresses; at most 200 can be invited at once. Nothing was sent.");
    const pageInvalid = await owner.client.postForm(`/workspaces/${slug}?index`, {
      intent: "invite-by-mail",
      emails: "Ana <ana@example.org>; nope@, bob@example.org",
      role: "viewer",
      stakeholderGroup: "community",
      locale: "en",
    });
    expect(pageInvalid.status).toBe(422);
    const html = await pageInvalid.text();
    expect(html).toContain("Nothing was sent. Correct these addresses:");
    expect(html).toContain("nope@: not an e-mail address");
    // What was pasted is given back to correct.
    expect(html).toContain("Ana &lt;ana@example.org&gt;; nope@, bob@example.org</textarea>");
    const tampered = await owner.client.postForm(`/workspaces/${slug}?index`, {
      intent: "invite-by-mail",
      emails: "ana@example.org",
      role: "superuser",
      stakeholderGroup: "community",
      locale: "en",
    });
    expect(tampered.status).toBe(400);
    expect(await tampered.text()).toContain("Choose one of the roles.");
    expect(await counts(workspaceId)).toEqual(before);
  });

  it("invites from the page, in the owner's words, and lists each invitation's state", async () => {
    const { owner, slug } = await ownerWithWorkspace();
    const ana = uniqueEmail("ana");
    const bob = uniqueEmail("bob");
    const res = await owner.client.postForm(`/workspaces/${slug}?index`, {
      intent: "invite-by-mail",
      emails: `Ana López <${ana}>;\n${bob}, ${owner.email}`,
      role: "editor",
      stakeholderGroup: "coalition",
      locale: "en",
    });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Invitations sent: 2.");
    expect(html).toContain(`Already members, not invited: ${owner.email}`);
    const mail = await mailTo(bob);
    expect(mail.decoded).toContain("Olga Owner invited you to Budget Voices");
    expect(mail.decoded).toContain("as Editor (Coalition)");
    const [row] = await app.db.select().from(invitations).where(eq(invitations.email, ana));
    const revoked = await owner.client.postForm(`/workspaces/${slug}?index`, {
      intent: "revoke-mail-invitation",
      invitationId: row!.id,
    });
    expect(revoked.status).toBe(200);
    const list = await (await owner.client.get(`/workspaces/${slug}`)).text();
    expect(list).toContain("Invitations sent by e-mail");
    expect(list).toContain("Withdrawn");
    const resent = await owner.client.postForm(`/workspaces/${slug}?index`, {
      intent: "resend-invitation",
      invitationId: (await app.db.select().from(invitations).where(eq(invitations.email, bob)))[0]!.id,
    });
    expect(resent.status).toBe(200);
    expect(await resent.text()).toContain(`A new invitation was sent to ${bob}. The earlier link no longer works.`);
  });

  it("caps mailed invitations per workspace and day, counting resends, and sends nothing past the cap", async () => {
    const { owner, slug, workspaceId } = await ownerWithWorkspace();
    const [actor] = await app.db.select().from(users).where(eq(users.email, owner.email));
    await app.db.insert(auditEvents).values({
      action: "invitation.mail",
      actorId: actor!.id,
      workspaceId,
      data: { count: MAIL_INVITATIONS_PER_DAY - 1 },
    });
    const before = await counts(workspaceId);
    const capped = await owner.client.api(
      "POST",
      `/workspaces/${slug}/invitations`,
      inviteBody([uniqueEmail("cap"), uniqueEmail("cap")]),
    );
    expect(capped.status).toBe(429);
    expect(await json(capped)).toMatchObject({ error: { code: "daily_invitation_limit", details: { left: 1 } } });
    expect(await counts(workspaceId)).toEqual(before);
    const last = uniqueEmail("cap");
    expect((await owner.client.api("POST", `/workspaces/${slug}/invitations`, inviteBody([last]))).status).toBe(201);
    const [row] = await app.db.select().from(invitations).where(eq(invitations.email, last));
    expect((await owner.client.api("POST", `/workspaces/${slug}/invitations/${row!.id}/resend`)).status).toBe(429);
    // The same owner's other workspaces share the cap: starting workspaces does not lift it.
    const district = await json(await owner.client.api("POST", "/districts", { name: "Second District" }));
    const second = await json(
      await owner.client.api("POST", `/districts/${district.slug}/workspaces`, { name: "Another one" }),
    );
    const elsewhere = await owner.client.api(
      "POST",
      `/workspaces/${second.slug}/invitations`,
      inviteBody([uniqueEmail("cap")]),
    );
    expect(elsewhere.status).toBe(429);
  });

  it("lets simultaneous batches by one owner in two workspaces pass her cap together never", async () => {
    const { owner, slug, workspaceId } = await ownerWithWorkspace();
    const district = await json(await owner.client.api("POST", "/districts", { name: "Race District" }));
    const other = await json(
      await owner.client.api("POST", `/districts/${district.slug}/workspaces`, { name: "Race" }),
    );
    const [actor] = await app.db.select().from(users).where(eq(users.email, owner.email));
    // One mail left today for her; two batches of one at once: exactly one goes out.
    await app.db.insert(auditEvents).values({
      action: "invitation.mail",
      actorId: actor!.id,
      workspaceId,
      data: { count: MAIL_INVITATIONS_PER_DAY - 1 },
    });
    const answers = await Promise.all(
      [slug, other.slug as string].map((ws) =>
        owner.client.api("POST", `/workspaces/${ws}/invitations`, inviteBody([uniqueEmail("race")])),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 429]);
    const mailedByHer = await app.db
      .select()
      .from(invitations)
      .where(and(eq(invitations.createdBy, actor!.id), inArray(invitations.role, ["commenter"])));
    expect(mailedByHer).toHaveLength(1);
  });

  it("refuses an owner whose own address is not confirmed, by page and API, and sends nothing", async () => {
    // Anyone can sign up and start a workspace: an unproven account must not mail in the product's name.
    const { owner, slug, workspaceId } = await ownerWithWorkspace({ verified: false });
    const before = await counts(workspaceId);
    const api = await owner.client.api("POST", `/workspaces/${slug}/invitations`, inviteBody(["una@example.org"]));
    expect(api.status).toBe(403);
    expect(await json(api)).toMatchObject({ error: { code: "email_unverified" } });
    const page = await owner.client.postForm(`/workspaces/${slug}?index`, {
      intent: "invite-by-mail",
      emails: "una@example.org",
      role: "commenter",
      stakeholderGroup: "family",
      locale: "en",
    });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain("Confirm your own e-mail address first");
    expect(await counts(workspaceId)).toEqual(before);

    // Confirmed, she invites; should her address change back to unconfirmed, a resend is refused too.
    await verify(owner.email);
    const sent = await owner.client.api("POST", `/workspaces/${slug}/invitations`, inviteBody(["una@example.org"]));
    expect(sent.status).toBe(201);
    const [row] = await app.db.select().from(invitations).where(eq(invitations.workspaceId, workspaceId));
    await app.db.update(users).set({ emailVerifiedAt: null }).where(eq(users.email, owner.email));
    const resend = await owner.client.api("POST", `/workspaces/${slug}/invitations/${row!.id}/resend`);
    expect(resend.status).toBe(403);
    expect(await json(resend)).toMatchObject({ error: { code: "email_unverified" } });
    expect((await counts(workspaceId)).mail).toBe(before.mail + 1);
  });

  it("hides the workspace from outsiders (404) and refuses members who do not manage it (403)", async () => {
    const { owner, slug } = await ownerWithWorkspace();
    const target = uniqueEmail("target");
    await owner.client.api("POST", `/workspaces/${slug}/invitations`, inviteBody([target]));
    const [row] = await app.db.select().from(invitations).where(eq(invitations.email, target));
    const link = await json(
      await owner.client.api("POST", `/workspaces/${slug}/invitations`, {
        role: "editor",
        stakeholderGroup: "educator",
        maxUses: 2,
      }),
    );
    const editor = await person("Eddie Editor");
    expect((await editor.client.api("POST", `/invitations/${link.url.split("/invite/")[1]}/accept`)).status).toBe(200);
    const outsider = await person("Oscar Outsider");
    for (const [who, status] of [
      [outsider, 404],
      [editor, 403],
    ] as const) {
      expect(
        (await who.client.api("POST", `/workspaces/${slug}/invitations`, inviteBody([uniqueEmail("x")]))).status,
      ).toBe(status);
      expect((await who.client.api("POST", `/workspaces/${slug}/invitations/${row!.id}/resend`)).status).toBe(status);
      expect((await who.client.api("DELETE", `/workspaces/${slug}/invitations/${row!.id}`)).status).toBe(status);
      expect(
        (await who.client.postForm(`/workspaces/${slug}?index`, { intent: "invite-by-mail", emails: "a@example.org" }))
          .status,
      ).toBe(status);
      expect(
        (await who.client.postForm(`/workspaces/${slug}?index`, { intent: "resend-invitation", invitationId: row!.id }))
          .status,
      ).toBe(status);
    }
    expect((await stateOf(owner.client, slug, target)).state).toBe("sent");
    // Link invitations are listed apart, as before.
    const list = await json(await owner.client.api("GET", `/workspaces/${slug}/invitations`));
    expect(list.invitations).toHaveLength(1);
    expect(list.invitations[0]).not.toHaveProperty("email");
    const ids = (
      await app.db
        .select()
        .from(invitations)
        .where(inArray(invitations.email, [target]))
    ).map((r) => r.id);
    expect(ids).toEqual([row!.id]);
  });
});

describe("invitations by mail in production without e-mail", () => {
  it("says the district has not configured e-mail, refuses to mail, queues no notification, and links still work", async () => {
    const storage = await scratchStorage();
    let server = await spawnServer(storage.env);
    try {
      const owner = new TestClient(server.url);
      await owner.signup("Olga Owner", uniqueEmail("olga"));
      const district = (await (await owner.api("POST", "/districts", { name: "Quiet District" })).json()) as any;
      const workspace = (await (
        await owner.api("POST", `/districts/${district.slug}/workspaces`, { name: "No Mail Here" })
      ).json()) as any;
      const page = await (await owner.get(`/workspaces/${workspace.slug}`)).text();
      expect(page).toContain("This district has not configured e-mail, so invitations cannot be sent by mail.");
      expect(page).not.toContain('value="invite-by-mail"');
      const refused = await owner.api(
        "POST",
        `/workspaces/${workspace.slug}/invitations`,
        inviteBody(["a@example.org"]),
      );
      expect(refused.status).toBe(503);
      expect(await refused.json()).toMatchObject({ error: { code: "mail_not_configured" } });
      const form = await owner.postForm(`/workspaces/${workspace.slug}?index`, {
        intent: "invite-by-mail",
        emails: "a@example.org",
        role: "viewer",
        stakeholderGroup: "family",
        locale: "en",
      });
      expect(form.status).toBe(503);

      const link = await owner.api("POST", `/workspaces/${workspace.slug}/invitations`, {
        role: "viewer",
        stakeholderGroup: "family",
      });
      expect(link.status).toBe(201);
      const token = ((await link.json()) as { url: string }).url.split("/invite/")[1]!;
      const guest = new TestClient(server.url);
      await guest.signup("Gabi Guest", uniqueEmail("gabi"));
      expect((await guest.api("POST", `/invitations/${token}/accept`)).status).toBe(200);

      // Nor are notifications mailed: a mention of a confirmed, "immediately" reader queues nothing
      // that would go out days later, once someone sets SMTP_URL.
      const gabi = (await (await guest.api("GET", "/me")).json()) as { id: string; email: string };
      const plan = await owner.api("POST", `/workspaces/${workspace.slug}/plans`, {
        title: "Quiet plan",
        template: "equity_action_plan",
      });
      const planId = ((await plan.json()) as { id: string }).id;
      const ownerEmail = ((await (await owner.api("GET", "/me")).json()) as { email: string }).email;
      server.process.kill("SIGTERM");
      await server.exited;
      await withStorage(storage, (db) =>
        db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, gabi.id)),
      );
      server = await spawnServer(storage.env);
      const again = new TestClient(server.url);
      await again.login(ownerEmail);
      const mention = await again.api("POST", `/plans/${planId}/threads`, {
        body: "Gabi, a note for you",
        anchor: { quote: "Where we are" },
        mentions: [gabi.id],
      });
      expect(mention.status, await mention.clone().text()).toBe(201);
      server.process.kill("SIGTERM");
      await server.exited;
      const queued = await withStorage(storage, (db) =>
        db.select({ kind: mailOutbox.kind }).from(mailOutbox).where(eq(mailOutbox.to, gabi.email)),
      );
      expect(queued.filter((m) => m.kind === "notification")).toEqual([]);
    } finally {
      server.process.kill("SIGTERM");
      await server.exited;
      await storage.cleanup();
    }
  }, 120_000);
});
