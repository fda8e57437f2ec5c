import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox, passwordResetTokens, users } from "../../db/schema";
import { createApiToken } from "../../app/models/api-tokens.server";
import { hashToken } from "../../app/utils/tokens.server";
import { TestClient, uniqueEmail } from "../helpers/client";
import { startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtp";

// Password reset over real HTTP, with the mail going through a real SMTP server. Links are
// built from PUBLIC_URL, so the browser-like client below comes through a proxy on this
// machine that forwards that host (as a deployment behind one does).

const PUBLIC = "https://equity.example.org";
const PUBLIC_HOST = new URL(PUBLIC).host;
let app: TestServer;
let smtp: TestSmtpServer;

beforeAll(async () => {
  smtp = await startSmtpServer();
  app = await startTestServer({
    publicOrigin: PUBLIC,
    mail: { smtpUrl: smtp.url, from: "Equity Workspaces <equity@example.org>" },
  });
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

const client = () => new TestClient(app.url);
const post = (c: TestClient, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  c.request("POST", path, {
    body: new URLSearchParams(fields).toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-Host": PUBLIC_HOST, ...headers },
    origin: PUBLIC,
  });

async function signUp(email: string, headers: Record<string, string> = {}) {
  const c = client();
  const res = await post(c, "/signup", { name: "Rosa Díaz", email, password: "correct horse battery" }, headers);
  expect(res.status).toBe(302);
  return c;
}

/** Asks for a reset link and returns the token from the mail that arrives. */
async function requestLink(email: string, headers: Record<string, string> = {}) {
  const before = smtp.received.length;
  const res = await post(client(), "/forgot-password", { email }, headers);
  expect(res.status).toBe(200);
  // Only the reset mail: the sign-up's verification mail may arrive around it.
  const mail = await smtp.waitForMessage((m) => m.to.includes(email) && m.decoded.includes("/reset-password/"), {
    from: before,
  });
  const match = mail.decoded.match(/https:\/\/equity\.example\.org\/reset-password\/([a-z0-9]+)/);
  expect(match).not.toBeNull();
  return { token: match![1]!, mail };
}

describe("password reset", () => {
  it("works end to end from the mail's link, in the account's language, and ends every session and API token", async () => {
    const email = uniqueEmail("rosa");
    // Signed up in Spanish; the reset is asked for from an English browser: the mail follows the account.
    const first = await signUp(email, { "Accept-Language": "es" });
    const second = client();
    expect((await post(second, "/login", { email, password: "correct horse battery" })).status).toBe(302);
    const [user] = await app.db.select().from(users).where(eq(users.email, email));
    const { token: apiToken } = await createApiToken(app.db, user!.id, "script");
    expect((await first.api("GET", "/me")).status).toBe(200);

    const { token, mail } = await requestLink(email, { "Accept-Language": "en" });
    expect(mail.to).toEqual([email]);
    expect(mail.decoded).toContain("Restablezca su contraseña de Espacios de Equidad");
    expect(mail.decoded).toContain("Hola, Rosa Díaz:");
    // Only the token's hash is stored.
    const stored = await app.db.select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, user!.id));
    expect(stored.map((r) => r.id)).toEqual([hashToken(token)]);

    const form = await client().get(`/reset-password/${token}`);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('name="password"');

    const done = await post(client(), `/reset-password/${token}`, { password: "a brand new passphrase" });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/login?reset=1");

    expect((await first.api("GET", "/me")).status).toBe(401);
    expect((await second.api("GET", "/me")).status).toBe(401);
    expect((await client().api("GET", "/me", undefined, { token: apiToken })).status).toBe(401);
    expect((await post(client(), "/login", { email, password: "correct horse battery" })).status).toBe(400);
    expect((await post(client(), "/login", { email, password: "a brand new passphrase" })).status).toBe(302);

    // Used once: the link no longer works.
    expect((await client().get(`/reset-password/${token}`)).status).toBe(404);
    const again = await post(client(), `/reset-password/${token}`, { password: "yet another passphrase" });
    expect(again.status).toBe(404);
    expect(await again.text()).toContain("it was already used, has expired, or is incomplete");

    // The token never reaches the log.
    expect(JSON.stringify(app.logs)).not.toContain(token);
    expect(app.logs.some((l) => l.path === "/reset-password/[redacted]")).toBe(true);
  });

  it("is offered on the sign-in page, in Spanish too", async () => {
    expect(await (await client().get("/login")).text()).toContain('href="/forgot-password"');
    const page = await (await client().get("/forgot-password", { Cookie: "lang=es" })).text();
    expect(page).toContain("Restablecer la contraseña");
    expect(page).toContain("Enviar el enlace");
  });

  it("answers the same for an address without an account, and sends nothing", async () => {
    const email = uniqueEmail("nobody");
    const res = await post(client(), "/forgot-password", { email });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(`If an account uses ${email}, a message with a link is on its way.`);
    expect(await app.db.select().from(mailOutbox).where(eq(mailOutbox.to, email))).toEqual([]);
  });

  it("refuses a wrong token", async () => {
    const res = await client().get("/reset-password/notarealtoken");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Ask for a new link");
    expect((await post(client(), "/reset-password/notarealtoken", { password: "a brand new passphrase" })).status).toBe(
      404,
    );
  });

  it("refuses a link older than an hour", async () => {
    const email = uniqueEmail("late");
    await signUp(email);
    const { token } = await requestLink(email);
    await app.db
      .update(passwordResetTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordResetTokens.id, hashToken(token)));
    expect((await client().get(`/reset-password/${token}`)).status).toBe(404);
    expect((await post(client(), `/reset-password/${token}`, { password: "a brand new passphrase" })).status).toBe(404);
    expect((await post(client(), "/login", { email, password: "correct horse battery" })).status).toBe(302);
  });

  it("keeps the link usable after a too-short password", async () => {
    const email = uniqueEmail("short");
    await signUp(email);
    const { token } = await requestLink(email);
    const short = await post(client(), `/reset-password/${token}`, { password: "short" });
    expect(short.status).toBe(400);
    expect((await post(client(), `/reset-password/${token}`, { password: "long enough passphrase" })).status).toBe(302);
  });

  it("limits requests per address, with or without an account", async () => {
    for (const email of [uniqueEmail("limit"), uniqueEmail("limit-nobody")]) {
      for (let i = 0; i < 3; i++) expect((await post(client(), "/forgot-password", { email })).status).toBe(200);
      const blocked = await post(client(), "/forgot-password", { email });
      expect(blocked.status).toBe(429);
      expect(await blocked.text()).toMatch(/Too many attempts\. Try again in (60|59) minutes\./);
    }
  });

  it("limits requests per client address across e-mail addresses", async () => {
    const strict = await startTestServer({
      database: app.database,
      publicOrigin: PUBLIC,
      resetLimits: { perEmail: 3, perAddress: 2 },
    });
    try {
      const send = (email: string) =>
        new TestClient(strict.url).request("POST", "/forgot-password", {
          body: new URLSearchParams({ email }).toString(),
          headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-Host": PUBLIC_HOST },
          origin: PUBLIC,
        });
      expect((await send(uniqueEmail("spray"))).status).toBe(200);
      expect((await send(uniqueEmail("spray"))).status).toBe(200);
      expect((await send(uniqueEmail("spray"))).status).toBe(429);
    } finally {
      await strict.close();
    }
  });

  it("works through the JSON API, with the token in the body", async () => {
    const email = uniqueEmail("api");
    const session = await signUp(email);
    const api = (path: string, body: unknown) =>
      client().request("POST", `/api/v1${path}`, {
        body: JSON.stringify(body),
        headers: { "Content-Type": "application/json", "X-Forwarded-Host": PUBLIC_HOST },
        origin: PUBLIC,
      });
    const before = smtp.received.length;
    const asked = await api("/password-resets", { email });
    expect(asked.status).toBe(202);
    const unknown = await api("/password-resets", { email: uniqueEmail("api-nobody") });
    expect(unknown.status).toBe(202);
    expect(await unknown.json()).toEqual(await asked.clone().json());

    const mail = await smtp.waitForMessage((m) => m.to.includes(email) && m.decoded.includes("/reset-password/"), {
      from: before,
    });
    const token = mail.decoded.match(/\/reset-password\/([a-z0-9]+)/)![1]!;
    expect(
      (await api("/password-resets/complete", { token: "wrong", password: "a brand new passphrase" })).status,
    ).toBe(404);
    expect((await api("/password-resets/complete", { token, password: "short" })).status).toBe(422);
    expect((await api("/password-resets/complete", { token, password: "a brand new passphrase" })).status).toBe(204);
    expect((await api("/password-resets/complete", { token, password: "a brand new passphrase" })).status).toBe(404);
    expect((await session.api("GET", "/me")).status).toBe(401);
  });
});
