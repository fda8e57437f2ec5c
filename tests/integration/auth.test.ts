import { createHash } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions, users } from "../../db/schema";
import { TestClient, uniqueEmail } from "../helpers/client";
import { startTestServer, type TestServer } from "../helpers/server";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

const userCount = async () => (await app.db.select({ n: count() }).from(users))[0]!.n;

describe("sign-up", () => {
  it("creates an account, signs in with an HttpOnly SameSite=Lax cookie and stores only the token's hash", async () => {
    const client = new TestClient(app.url);
    const email = uniqueEmail("signup");
    const res = await client.postForm("/signup", { name: "Ana Pérez", email, password: "a long passphrase" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/workspaces");
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("rq_session="))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    expect(setCookie).not.toMatch(/Secure/); // not production

    const token = client.cookies.get("rq_session")!;
    const [user] = await app.db.select().from(users).where(eq(users.email, email));
    const stored = await app.db.select().from(sessions).where(eq(sessions.userId, user!.id));
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).toBe(createHash("sha256").update(token).digest("hex"));
    expect(stored[0]!.id).not.toBe(token);
    const days = (stored[0]!.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    const me = await client.api("GET", "/me");
    expect(await me.json()).toMatchObject({ email, name: "Ana Pérez" });
  });

  it("refuses a short password, a bad e-mail or a missing name with field messages and creates nothing", async () => {
    const client = new TestClient(app.url);
    const before = await userCount();
    for (const fields of [
      { name: "X", email: uniqueEmail(), password: "short" },
      { name: "X", email: "not-an-email", password: "long enough password" },
      { name: "  ", email: uniqueEmail(), password: "long enough password" },
    ]) {
      const res = await client.postForm("/signup", fields);
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toMatch(/Use at least 10 characters|Enter a valid e-mail address|Enter a name/);
      expect(res.headers.getSetCookie().some((c) => c.startsWith("rq_session=") && !c.includes("Max-Age=0"))).toBe(
        false,
      );
    }
    expect(await userCount()).toBe(before);
  });

  it("does not create a second account for a taken e-mail (any case) and says so neutrally", async () => {
    const email = uniqueEmail("dup");
    await new TestClient(app.url).signup("First", email);
    const before = await userCount();
    const res = await new TestClient(app.url).postForm("/signup", {
      name: "Second",
      email: email.toUpperCase(),
      password: "another long password",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("can&#x27;t be created with this e-mail");
    expect(await userCount()).toBe(before);
    // The original password still works: nothing was overwritten.
    await new TestClient(app.url).login(email);
  });

  it("escapes a hostile name wherever it is shown", async () => {
    const client = new TestClient(app.url);
    await client.signup(`<img src=x onerror=alert(1)>`, uniqueEmail("xss"));
    const html = await (await client.get("/workspaces")).text();
    expect(html).not.toContain("<img src=x onerror=alert(1)>");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });
});

describe("sign-in and sign-out", () => {
  it("gives the same message for a wrong password and an unknown e-mail", async () => {
    const email = uniqueEmail("login");
    await new TestClient(app.url).signup("Lee", email);
    const wrong = await new TestClient(app.url).postForm("/login", { email, password: "wrong password!" });
    const unknown = await new TestClient(app.url).postForm("/login", {
      email: uniqueEmail("nobody"),
      password: "wrong password!",
    });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    const message = "That e-mail and password don&#x27;t match an account.";
    expect(await wrong.text()).toContain(message);
    expect(await unknown.text()).toContain(message);
  });

  it("returns to a same-site redirectTo after sign-in, never to another site", async () => {
    const email = uniqueEmail("redirect");
    await new TestClient(app.url).signup("Kim", email);
    const local = await new TestClient(app.url).postForm("/login", {
      email,
      password: "correct horse battery",
      redirectTo: "/account",
    });
    expect(local.headers.get("Location")).toBe("/account");
    for (const evil of ["https://evil.example/", "//evil.example/", "/\\evil.example"]) {
      const res = await new TestClient(app.url).postForm("/login", {
        email,
        password: "correct horse battery",
        redirectTo: evil,
      });
      expect(res.headers.get("Location")).toBe("/workspaces");
    }
  });

  // Browsers drop tabs and newlines from a Location, so "/%09/evil.example" would land on //evil.example.
  const hostileTargets = [
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%0d%0a/evil.example",
    "/.//evil.example",
    "/%5cevil.example",
  ];

  it("a signed-in visit to /login or /signup with a hostile redirectTo stays on this site, and never fails", async () => {
    const client = new TestClient(app.url);
    await client.signup("Tab", uniqueEmail("tab"));
    for (const target of hostileTargets) {
      for (const page of ["/login", "/signup"]) {
        const res = await client.get(`${page}?redirectTo=${target}`);
        expect(res.status, `${page} ${target}`).toBe(302);
        expect(res.headers.get("Location"), `${page} ${target}`).toBe("/workspaces");
      }
    }
  });

  it("the sign-in form and the language switch refuse the same hostile targets", async () => {
    const email = uniqueEmail("tabform");
    await new TestClient(app.url).signup("Tab", email);
    for (const target of hostileTargets.map(decodeURIComponent)) {
      const login = await new TestClient(app.url).postForm("/login", {
        email,
        password: "correct horse battery",
        redirectTo: target,
      });
      expect(login.headers.get("Location"), JSON.stringify(target)).toBe("/workspaces");
      const language = await new TestClient(app.url).postForm("/set-language", { lang: "es", redirectTo: target });
      expect(language.status).toBe(302);
      expect(language.headers.get("Location"), JSON.stringify(target)).toBe("/");
    }
  });

  it("signs out: the old cookie no longer works", async () => {
    const client = new TestClient(app.url);
    await client.signup("Out", uniqueEmail("logout"));
    const token = client.cookies.get("rq_session")!;
    const res = await client.postForm("/logout", {});
    expect(res.status).toBe(302);
    expect(client.cookies.has("rq_session")).toBe(false);
    const replay = await new TestClient(app.url).get("/account", { Cookie: `rq_session=${token}` });
    expect(replay.status).toBe(302);
    expect(replay.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("a GET to /logout does not sign anyone out", async () => {
    const client = new TestClient(app.url);
    await client.signup("Stay", uniqueEmail("getlogout"));
    await client.get("/logout");
    expect((await client.get("/account")).status).toBe(200);
  });

  it("signs out everywhere, and sign-out of other devices keeps this one", async () => {
    const email = uniqueEmail("everywhere");
    const a = new TestClient(app.url);
    await a.signup("Multi", email);
    const b = new TestClient(app.url);
    await b.login(email);
    const c = new TestClient(app.url);
    await c.login(email);

    await a.postForm("/account", { intent: "sign-out-others" });
    expect((await a.get("/account")).status).toBe(200);
    expect((await b.get("/account")).status).toBe(302);

    const res = await a.postForm("/account", { intent: "sign-out-everywhere" });
    expect(res.status).toBe(302);
    expect((await a.get("/account")).status).toBe(302);
    expect((await c.get("/account")).status).toBe(302);
  });

  it("changes the password only with the current one, then signs other devices out", async () => {
    const email = uniqueEmail("pw");
    const a = new TestClient(app.url);
    await a.signup("Pat", email);
    const b = new TestClient(app.url);
    await b.login(email);

    const wrong = await a.postForm("/account", {
      intent: "change-password",
      currentPassword: "not my password",
      newPassword: "a brand new password",
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("Your current password is not correct.");
    await new TestClient(app.url).login(email); // unchanged

    const short = await a.postForm("/account", {
      intent: "change-password",
      currentPassword: "correct horse battery",
      newPassword: "short",
    });
    expect(short.status).toBe(400);

    const ok = await a.postForm("/account", {
      intent: "change-password",
      currentPassword: "correct horse battery",
      newPassword: "a brand new password",
    });
    expect(ok.status).toBe(200);
    expect((await a.get("/account")).status).toBe(200);
    expect((await b.get("/account")).status).toBe(302);
    await new TestClient(app.url).login(email, "a brand new password");
    const old = await new TestClient(app.url).postForm("/login", { email, password: "correct horse battery" });
    expect(old.status).toBe(400);
  });

  it("deletes an expired session and asks to sign in again", async () => {
    const client = new TestClient(app.url);
    const email = uniqueEmail("expired");
    await client.signup("Old", email);
    const [user] = await app.db.select().from(users).where(eq(users.email, email));
    await app.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, user!.id));
    expect((await client.get("/account")).status).toBe(302);
    expect(await app.db.select().from(sessions).where(eq(sessions.userId, user!.id))).toHaveLength(0);
  });

  it("extends a session used in its second half and moves the cookie expiry with it", async () => {
    const client = new TestClient(app.url);
    const email = uniqueEmail("renew");
    await client.signup("Renew", email);
    const [user] = await app.db.select().from(users).where(eq(users.email, email));
    const soon = new Date(Date.now() + 5 * 86_400_000);
    await app.db.update(sessions).set({ expiresAt: soon }).where(eq(sessions.userId, user!.id));
    const res = await client.get("/account");
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("rq_session="))).toBe(true);
    const [session] = await app.db.select().from(sessions).where(eq(sessions.userId, user!.id));
    expect(session!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
  });
});

describe("logs", () => {
  it("never contain session tokens, passwords or cookies", async () => {
    const client = new TestClient(app.url);
    await client.signup("Logged", uniqueEmail("logs"), "my secret passphrase");
    const token = client.cookies.get("rq_session")!;
    await client.get("/account?x=1");
    const text = JSON.stringify(app.logs);
    expect(app.logs.some((l) => l.path === "/account")).toBe(true);
    expect(text).not.toContain(token);
    expect(text).not.toContain("my secret passphrase");
    expect(text).not.toMatch(/cookie/i);
  });
});
