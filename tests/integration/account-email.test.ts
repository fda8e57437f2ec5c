import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailConfirmations, mailOutbox, users } from "../../db/schema";
import { hashToken } from "../../app/utils/tokens.server";
import { TestClient, uniqueEmail } from "../helpers/client";
import { shownMarkup } from "../helpers/html";
import { startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from "../helpers/smtp";
import { createWorkspace, member } from "../helpers/workspace";

// The account's own address and language over real HTTP, with mail through a real SMTP server
// (decision 021): verification at sign-up, re-sends, moving to another address, and the language
// mail is written in.

let app: TestServer;
let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestServer({ mail: { smtpUrl: smtp.url, from: "Equity Workspaces <equity@example.org>" } });
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

const PASSWORD = "correct horse battery";
const client = () => new TestClient(app.url);

/** A new account, signed up from a browser asking for `lang`; the client is signed in. */
async function signUp(label: string, lang = "en") {
  const email = uniqueEmail(label);
  const c = client();
  const res = await c.request("POST", "/signup", {
    body: new URLSearchParams({ name: "Rosa Díaz", email, password: PASSWORD }).toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": lang },
  });
  expect(res.status).toBe(302);
  return { c, email };
}

/** The first message to `to` whose text holds `marker`, among those from index `from` on. */
const mailTo = (to: string, marker: string, from = 0) =>
  smtp.waitForMessage((m) => m.to.includes(to) && m.decoded.includes(marker), { from });

const linkToken = (mail: ReceivedMail) => /\/verify-email\/([a-z0-9]+)/.exec(mail.decoded)![1]!;

async function me(c: TestClient) {
  const res = await c.api("GET", "/me");
  expect(res.status).toBe(200);
  return (await res.json()) as { email: string; locale: string; emailVerified: boolean };
}

const userRow = async (email: string) => (await app.db.select().from(users).where(eq(users.email, email)))[0]!;

describe("e-mail verification at sign-up", () => {
  it("mails a link, in the sign-up's language, that shows a button and verifies only when it is pressed, once", async () => {
    const { c, email } = await signUp("verify", "es");
    const mail = await mailTo(email, "/verify-email/");
    expect(mail.decoded).toContain("Subject: Confirme su correo electrónico en Espacios de Equidad");
    expect(mail.decoded).toContain("Hola, Rosa Díaz:");
    const token = linkToken(mail);
    expect(mail.decoded).toContain(`${app.url}/verify-email/${token}`);

    // Stored as its hash, for the address it was sent to, for seven days.
    const user = await userRow(email);
    expect(user.locale).toBe("es");
    expect(user.emailVerifiedAt).toBeNull();
    const [row] = await app.db.select().from(emailConfirmations).where(eq(emailConfirmations.userId, user.id));
    expect(row).toMatchObject({ id: hashToken(token), email, purpose: "verify", usedAt: null });
    const days = (row!.expiresAt.getTime() - row!.createdAt.getTime()) / 86_400_000;
    expect(days).toBeCloseTo(7, 2);
    const [queued] = await app.db.select().from(mailOutbox).where(eq(mailOutbox.to, email));
    expect(queued).toMatchObject({ kind: "email_verification", locale: "es" });

    // Opening the link (as a mail scanner does) verifies nothing.
    const page = await client().get(`/verify-email/${token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`Confirm that ${email} is your address`);
    expect(html).toContain('<meta name="referrer" content="no-referrer"/>');
    expect(page.headers.get("Cache-Control")).toBe("private, no-store");
    expect((await me(c)).emailVerified).toBe(false);

    const done = await client().postForm(`/verify-email/${token}`, {});
    expect(done.status).toBe(200);
    expect(await done.text()).toContain(`Thank you: ${email} is confirmed.`);
    expect((await me(c)).emailVerified).toBe(true);
    expect((await userRow(email)).emailVerifiedAt).not.toBeNull();

    // Once only.
    expect((await client().get(`/verify-email/${token}`)).status).toBe(404);
    const again = await client().postForm(`/verify-email/${token}`, {});
    expect(again.status).toBe(404);
    expect(await again.text()).toContain("This link does not work");

    // The token never reaches the log.
    expect(JSON.stringify(app.logs)).not.toContain(token);
    expect(app.logs.some((l) => l.path === "/verify-email/[redacted]")).toBe(true);
  });

  it("refuses an expired link and a wrong one, page and API alike", async () => {
    const { c, email } = await signUp("expired");
    const token = linkToken(await mailTo(email, "/verify-email/"));
    await app.db
      .update(emailConfirmations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(emailConfirmations.id, hashToken(token)));
    expect((await client().get(`/verify-email/${token}`)).status).toBe(404);
    expect((await client().postForm(`/verify-email/${token}`, {})).status).toBe(404);
    const api = await client().api("POST", "/email-confirmations/complete", { token });
    expect(api.status).toBe(404);
    expect((await api.json()).error.code).toBe("invalid_confirmation_token");

    const wrong = await client().get("/verify-email/notarealtoken");
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).toContain("This link does not work");
    expect((await client().api("POST", "/email-confirmations/complete", { token: "notarealtoken" })).status).toBe(404);
    expect((await client().api("POST", "/email-confirmations/complete", {})).status).toBe(422);
    expect((await me(c)).emailVerified).toBe(false);
  });

  it("verifies through the JSON API, with the token in the body, once", async () => {
    const { c, email } = await signUp("api-verify");
    const token = linkToken(await mailTo(email, "/verify-email/"));
    const res = await client().api("POST", "/email-confirmations/complete", { token });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ purpose: "verify", email });
    expect((await me(c)).emailVerified).toBe(true);
    expect((await client().api("POST", "/email-confirmations/complete", { token })).status).toBe(404);
  });

  it("re-sends the link a few times an hour per account, from the API and the Account page", async () => {
    const { c, email } = await signUp("resend");
    const before = smtp.received.length;
    const first = await c.api("POST", "/me/email-verification");
    expect(first.status).toBe(202);
    const resent = await mailTo(email, "/verify-email/", before);
    expect(resent.decoded).toContain("Subject: Confirm your e-mail address for Equity Workspaces");

    const page = await c.postForm("/account", { intent: "resend-verification" });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`A new link is on its way to ${email}.`);
    expect((await c.api("POST", "/me/email-verification")).status).toBe(202);

    const limited = await c.api("POST", "/me/email-verification");
    expect(limited.status).toBe(429);
    expect((await limited.json()).error.code).toBe("rate_limited");
    const limitedPage = await c.postForm("/account", { intent: "resend-verification" });
    expect(limitedPage.status).toBe(429);
    expect(await limitedPage.text()).toMatch(/Too many attempts\. Try again in (60|59) minutes\./);
    // Three sent by request, one at sign-up.
    const rows = await app.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.to, email), eq(mailOutbox.kind, "email_verification")));
    expect(rows).toHaveLength(4);

    // Any of the links works; a verified account is told so instead of getting another.
    expect((await client().api("POST", "/email-confirmations/complete", { token: linkToken(resent) })).status).toBe(
      200,
    );
    const { c: other } = await signUp("resend-verified");
    const token = linkToken(await mailTo((await me(other)).email, "/verify-email/"));
    expect((await client().api("POST", "/email-confirmations/complete", { token })).status).toBe(200);
    const already = await other.api("POST", "/me/email-verification");
    expect(already.status).toBe(409);
    expect((await already.json()).error.code).toBe("already_verified");
    expect((await client().api("POST", "/me/email-verification")).status).toBe(401);
  });

  it("leaves an unverified account working, and shows owners who is not verified", async () => {
    const { c: owner, email: ownerEmail } = await signUp("owner");
    await client().api("POST", "/email-confirmations/complete", {
      token: linkToken(await mailTo(ownerEmail, "/verify-email/")),
    });
    const slug = await createWorkspace(owner, "Verification District", "Verification workspace");
    // Joins by invitation before verifying.
    const joined = await member(owner, slug, { role: "commenter", name: "Unverified Member", label: "unverified" });
    const joinedEmail = (await me(joined)).email;

    const list = async (c: TestClient) =>
      (
        (await (await c.api("GET", `/workspaces/${slug}/members`)).json()) as {
          members: { name: string; email?: string; emailVerified?: boolean }[];
        }
      ).members;
    expect((await list(owner)).find((m) => m.email === joinedEmail)).toMatchObject({ emailVerified: false });
    expect((await list(owner)).find((m) => m.email === ownerEmail)).toMatchObject({ emailVerified: true });
    // Other members see neither addresses nor whether they are verified.
    expect((await list(joined)).every((m) => m.email === undefined && m.emailVerified === undefined)).toBe(true);
    const page = shownMarkup(await (await owner.get(`/workspaces/${slug}`)).text()).replaceAll("<!-- -->", "");
    expect(page).toContain(`${joinedEmail} · not verified`);
    expect(page).not.toContain(`${ownerEmail} · not verified`);

    const token = linkToken(await mailTo(joinedEmail, "/verify-email/"));
    expect((await client().api("POST", "/email-confirmations/complete", { token })).status).toBe(200);
    expect((await list(owner)).find((m) => m.email === joinedEmail)).toMatchObject({ emailVerified: true });
  });
});

describe("the account's language", () => {
  it("is set at sign-up, changed with PATCH /me, and chooses the language of the reset mail", async () => {
    const { c, email } = await signUp("locale", "es");
    expect(await me(c)).toMatchObject({ locale: "es", emailVerified: false });

    const patched = await c.api("PATCH", "/me", { locale: "en" });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ email, locale: "en" });
    expect((await userRow(email)).locale).toBe("en");

    // A reset asked for from a Spanish browser comes in the account's language.
    const before = smtp.received.length;
    const asked = await client().request("POST", "/forgot-password", {
      body: new URLSearchParams({ email }).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "es" },
    });
    expect(asked.status).toBe(200);
    const reset = await mailTo(email, "/reset-password/", before);
    expect(reset.decoded).toContain("Subject: Reset your Equity Workspaces password");

    await c.api("PATCH", "/me", { locale: "es" });
    const from = smtp.received.length;
    await client().postForm("/forgot-password", { email });
    expect((await mailTo(email, "/reset-password/", from)).decoded).toContain(
      "Subject: Restablezca su contraseña de Espacios de Equidad",
    );
  });

  it("refuses anything but en or es, unknown keys and empty changes, and changes nothing then", async () => {
    const { c, email } = await signUp("locale-bad", "es");
    const refused = async (body: unknown, status = 422) => {
      const res = await c.api("PATCH", "/me", body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      return (await res.json()) as { error: { code: string; details?: { fields: Record<string, string> } } };
    };
    expect((await refused({ locale: "fr" })).error.details!.fields).toEqual({ locale: "Choose English or Spanish." });
    expect((await refused({ locale: "ES" })).error.code).toBe("validation_failed");
    expect((await refused({ locale: null })).error.code).toBe("validation_failed");
    const unknown = await refused({ locale: "en", theme: "dark" });
    expect(unknown.error.details!.fields._).toMatch(/theme/);
    expect((await refused({})).error.details!.fields).toEqual({ _: "Send at least one setting to change." });
    expect((await refused([])).error.code).toBe("validation_failed");
    expect((await refused('"en"')).error.code).toBe("validation_failed");
    expect((await refused("{not json", 400)).error.code).toBe("bad_request");
    expect((await userRow(email)).locale).toBe("es");
    expect((await client().api("PATCH", "/me", { locale: "en" })).status).toBe(401);
    expect((await c.api("PUT", "/me", { locale: "en" })).status).toBe(405);
  });

  it("follows the language switcher when signed in, and shows signed-in pages in it unless the device chose another", async () => {
    const { c, email } = await signUp("switcher", "en");
    const switched = await c.postForm("/set-language", { lang: "es", redirectTo: "/account" });
    expect(switched.status).toBe(302);
    expect((await userRow(email)).locale).toBe("es");

    // Another device, signed in, where no language was picked: the account's.
    const other = client();
    const login = await other.request("POST", "/login", {
      body: new URLSearchParams({ email, password: PASSWORD }).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "en" },
    });
    expect(login.status).toBe(302);
    const page = await other.get("/account", { "Accept-Language": "en", Cookie: other.cookieHeader() });
    const html = await page.text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain("Idioma de su cuenta");

    // A session without the account's cookie yet (from before this change) gets it from the page.
    const withoutAccountCookie = [...other.cookies]
      .filter(([k]) => k !== "account_lang")
      .map(([k, v]) => `${k}=${v}`)
      .join("; ");
    const firstPage = await client().get("/workspaces", { "Accept-Language": "en", Cookie: withoutAccountCookie });
    expect(await firstPage.text()).toContain('<html lang="es">');
    expect(firstPage.headers.getSetCookie().some((line) => line.startsWith("account_lang=es"))).toBe(true);

    // A language picked on the device wins there; the account keeps its own.
    const picked = await other.get("/account", { Cookie: `${other.cookieHeader()}; lang=en` });
    expect(await picked.text()).toContain('<html lang="en">');
    expect((await userRow(email)).locale).toBe("es");
  });

  it("is offered on the Account page, where saving it changes the account", async () => {
    const { c, email } = await signUp("account-page", "en");
    const page = await (await c.get("/account")).text();
    expect(page).toContain("Language of your account");
    expect(page).toContain('<option value="es" lang="es">Español</option>');
    expect(page).toContain("E-mail address");
    expect(page).toContain("not verified yet");
    expect((await c.postForm("/set-language", { lang: "es", redirectTo: "/account" })).headers.get("Location")).toBe(
      "/account",
    );
    expect((await userRow(email)).locale).toBe("es");
    expect(await (await c.get("/account")).text()).toContain("Su cuenta");
  });
});

describe("changing the e-mail address", () => {
  it("mails a link to the new address and a notice to the old one, and moves the account only when the link is confirmed", async () => {
    const { c, email: oldEmail } = await signUp("mover");
    const newEmail = uniqueEmail("moved");
    const before = smtp.received.length;
    const asked = await c.api("POST", "/me/email-change", { email: newEmail.toUpperCase(), password: PASSWORD });
    expect(asked.status).toBe(202);
    expect(await asked.json()).toMatchObject({ email: newEmail });

    const link = await mailTo(newEmail, "/verify-email/", before);
    expect(link.decoded).toContain("Subject: Confirm your new e-mail address for Equity Workspaces");
    const notice = await mailTo(oldEmail, "is being changed", before);
    expect(notice.decoded).toContain(`asked to move it to ${newEmail}`);
    expect(notice.decoded).not.toContain("/verify-email/");
    const token = linkToken(link);
    const [row] = await app.db
      .select()
      .from(emailConfirmations)
      .where(eq(emailConfirmations.id, hashToken(token)));
    expect(row).toMatchObject({ purpose: "change", email: newEmail });
    expect((row!.expiresAt.getTime() - row!.createdAt.getTime()) / 3_600_000).toBeCloseTo(24, 2);

    // Nothing moves before the link is confirmed; the Account page says what is pending.
    expect((await me(c)).email).toBe(oldEmail);
    expect(await (await c.get("/account")).text()).toContain(`Waiting for you to open the link sent to ${newEmail}.`);
    const page = await client().get(`/verify-email/${token}`);
    const html = await page.text();
    expect(html).toContain("Confirm your new e-mail address");
    expect(html).toContain(`should use ${newEmail} from now on`);
    expect((await me(c)).email).toBe(oldEmail);

    const done = await client().postForm(`/verify-email/${token}`, {});
    expect(done.status).toBe(200);
    expect(await done.text()).toContain(`your account now uses ${newEmail}`);
    expect(await me(c)).toMatchObject({ email: newEmail, emailVerified: true });
    // This session stays signed in; the new address signs in, the old one no longer does.
    expect((await client().postForm("/login", { email: newEmail, password: PASSWORD })).status).toBe(302);
    expect((await client().postForm("/login", { email: oldEmail, password: PASSWORD })).status).toBe(400);
    expect((await client().postForm(`/verify-email/${token}`, {})).status).toBe(404);
  });

  it("refuses a wrong password, an invalid address and the current one, and sends nothing", async () => {
    const { c, email } = await signUp("refuse");
    const target = uniqueEmail("refuse-target");
    const wrong = await c.api("POST", "/me/email-change", { email: target, password: "not my password" });
    expect(wrong.status).toBe(422);
    expect((await wrong.json()).error.details.fields).toEqual({ password: "Your current password is not correct." });
    const invalid = await c.api("POST", "/me/email-change", { email: "not an address", password: PASSWORD });
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).error.details.fields).toEqual({ email: "Enter a valid e-mail address." });
    const same = await c.api("POST", "/me/email-change", { email: email.toUpperCase(), password: PASSWORD });
    expect(same.status).toBe(422);
    expect((await same.json()).error.details.fields).toEqual({ email: "This is already your address." });
    expect((await c.api("POST", "/me/email-change", { email: target, password: PASSWORD })).status).toBe(202);

    // The page form answers the same refusals in words.
    const pageWrong = await c.postForm("/account", { intent: "change-email", email: target, password: "nope" });
    expect(pageWrong.status).toBe(400);
    expect(await pageWrong.text()).toContain("Your current password is not correct.");
    const pageInvalid = await c.postForm("/account", { intent: "change-email", email: "x@", password: PASSWORD });
    expect(pageInvalid.status).toBe(400);
    expect(await pageInvalid.text()).toContain("Enter a valid e-mail address.");

    // Only the one good request made a link or mail; the refusals made none.
    const user = await userRow(email);
    const links = await app.db
      .select()
      .from(emailConfirmations)
      .where(and(eq(emailConfirmations.userId, user.id), eq(emailConfirmations.purpose, "change")));
    expect(links).toHaveLength(1);
    expect(await app.db.select().from(mailOutbox).where(eq(mailOutbox.to, target))).toHaveLength(1);
    expect(user.email).toBe(email);
  });

  it("limits attempts per account, wrong passwords included", async () => {
    const { c } = await signUp("change-limit");
    for (let i = 0; i < 5; i++) {
      const res = await c.api("POST", "/me/email-change", { email: uniqueEmail("guess"), password: `guess ${i}` });
      expect(res.status).toBe(422);
    }
    const limited = await c.api("POST", "/me/email-change", { email: uniqueEmail("guess"), password: PASSWORD });
    expect(limited.status).toBe(429);
    expect((await limited.json()).error.code).toBe("rate_limited");
  });

  it("answers exactly the same for an address another account uses, and tells that address's owner instead", async () => {
    const { email: holderEmail } = await signUp("holder", "es");
    const { c, email } = await signUp("taker");
    const free = uniqueEmail("free");
    const forFree = await c.api("POST", "/me/email-change", { email: free, password: PASSWORD });
    const before = smtp.received.length;
    const forTaken = await c.api("POST", "/me/email-change", { email: holderEmail, password: PASSWORD });
    expect(forTaken.status).toBe(forFree.status);
    const shape = (body: { message: string; email: string }) => ({
      ...body,
      message: body.message.replace(body.email, "<address>"),
      email: "<address>",
    });
    expect(shape(await forTaken.json())).toEqual(shape(await forFree.json()));

    // The holder hears that someone tried, in their own language; no link to take the address exists.
    const warned = await mailTo(holderEmail, "Alguien intentó usar su dirección", before);
    expect(warned.decoded).not.toContain("/verify-email/");
    expect(await mailTo(email, "is being changed", before)).toBeTruthy();
    // The Account page shows the change waiting, as for any address; but the only link is the one
    // never sent, so the account cannot move there.
    expect(await (await c.get("/account")).text()).toContain(
      `Waiting for you to open the link sent to ${holderEmail}.`,
    );
    const user = await userRow(email);
    const pending = await app.db
      .select()
      .from(emailConfirmations)
      .where(and(eq(emailConfirmations.userId, user.id), eq(emailConfirmations.purpose, "change")));
    expect(pending.map((row) => row.email)).toEqual([holderEmail]);
    // (The holder's own sign-up link may arrive around now: look for a change link, in either language.)
    const toHolder = smtp.received.filter((m) => m.to.includes(holderEmail));
    expect(toHolder.some((m) => /Confirm your new e-mail|Confirme su nuevo correo/.test(m.decoded))).toBe(false);
    expect((await userRow(holderEmail)).id).not.toBe(user.id);
    expect((await me(c)).email).toBe(email);
  });

  it("refuses a link whose address another account took meanwhile, through the page and the API", async () => {
    const { c, email } = await signUp("slow");
    const contested = async () => {
      const target = uniqueEmail("contested");
      const before = smtp.received.length;
      expect((await c.api("POST", "/me/email-change", { email: target, password: PASSWORD })).status).toBe(202);
      const token = linkToken(await mailTo(target, "/verify-email/", before));
      await client().signup("Quick", target);
      return token;
    };
    const page = await client().postForm(`/verify-email/${await contested()}`, {});
    expect(page.status).toBe(409);
    expect(await page.text()).toContain("Another account uses this address now");
    const api = await client().api("POST", "/email-confirmations/complete", { token: await contested() });
    expect(api.status).toBe(409);
    expect((await api.json()).error.code).toBe("email_taken");
    expect((await me(c)).email).toBe(email);
  });

  it("works from the Account page, and the page shows the new address once confirmed", async () => {
    const { c, email } = await signUp("page-mover");
    const target = uniqueEmail("page-moved");
    const before = smtp.received.length;
    const asked = await c.postForm("/account", { intent: "change-email", email: target, password: PASSWORD });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain(`A confirmation link is on its way to ${target}.`);
    const token = linkToken(await mailTo(target, "/verify-email/", before));
    expect((await client().postForm(`/verify-email/${token}`, {})).status).toBe(200);
    const page = await (await c.get("/account")).text();
    expect(page).toContain(target);
    expect(page).not.toContain(email);
  });
});
