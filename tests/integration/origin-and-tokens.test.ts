import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens, districts, users } from "../../db/schema";
import { hashToken } from "../../app/utils/tokens.server";
import { TestClient, uniqueEmail } from "../helpers/client";
import { startTestServer, type TestServer } from "../helpers/server";

let app: TestServer;
beforeAll(async () => {
  app = await startTestServer();
});
afterAll(() => app.close());

const districtCount = async () => (await app.db.select({ n: count() }).from(districts))[0]!.n;

describe("Origin check on state-changing requests", () => {
  it("refuses a form post from another origin or with no origin, and changes nothing", async () => {
    const client = new TestClient(app.url);
    await client.signup("Csrf", uniqueEmail("csrf"));
    const before = await districtCount();
    for (const origin of ["https://evil.example", null, "null", app.url.replace("127.0.0.1", "localhost")]) {
      const res = await client.postForm("/districts", { name: "Forged District" }, { origin });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("came from another site");
    }
    expect(await districtCount()).toBe(before);
    const ok = await client.postForm("/districts", { name: "Real District" });
    expect(ok.status).toBe(302);
    expect(await districtCount()).toBe(before + 1);
  });

  it("refuses a cross-origin API call made with the session cookie, as JSON", async () => {
    const client = new TestClient(app.url);
    await client.signup("Csrf Api", uniqueEmail("csrfapi"));
    const before = await districtCount();
    const res = await client.api("POST", "/districts", { name: "Forged" }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: "forbidden_origin", message: expect.any(String) } });
    expect(await districtCount()).toBe(before);
  });

  it("refuses sign-up and sign-in posted from another site", async () => {
    const res = await new TestClient(app.url).postForm(
      "/signup",
      { name: "X", email: uniqueEmail(), password: "long enough password" },
      { origin: "https://evil.example" },
    );
    expect(res.status).toBe(403);
  });

  it("lets safe methods through without an Origin", async () => {
    expect((await new TestClient(app.url).get("/login")).status).toBe(200);
  });

  it("uses PUBLIC_URL as the only accepted origin when configured", async () => {
    const other = await startTestServer({ publicOrigin: "https://equity.example.org" });
    try {
      const client = new TestClient(other.url);
      const rejected = await client.postForm(
        "/signup",
        { name: "P", email: uniqueEmail(), password: "long enough password" },
        { origin: other.url },
      );
      expect(rejected.status).toBe(403);
      // Behind a proxy, as PUBLIC_URL implies: the proxy passes the public host along.
      const accepted = await client.request("POST", "/signup", {
        body: new URLSearchParams({ name: "P", email: uniqueEmail(), password: "long enough password" }).toString(),
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-Host": "equity.example.org" },
        origin: "https://equity.example.org",
      });
      expect(accepted.status).toBe(302);
    } finally {
      await other.close();
    }
  });
});

describe("personal API tokens", () => {
  async function userWithToken() {
    const client = new TestClient(app.url);
    const email = uniqueEmail("token");
    await client.signup("Tok", email);
    const res = await client.postForm("/account", { intent: "create-token", name: "Data sync" });
    expect(res.status).toBe(200);
    const html = await res.text();
    const token = /value="(rqt_[a-z2-7]{32})"/.exec(html)?.[1];
    expect(token).toBeDefined();
    return { client, email, token: token! };
  }

  it("is shown once, stored only as a hash, and authenticates the API", async () => {
    const { client, email, token } = await userWithToken();
    const [user] = await app.db.select().from(users).where(eq(users.email, email));
    const rows = await app.db.select().from(apiTokens).where(eq(apiTokens.userId, user!.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(rows)).not.toContain(token);

    // The account page lists it by name and prefix, never the whole token again.
    const page = await (await client.get("/account")).text();
    expect(page).toContain("Data sync");
    expect(page).not.toContain(token);

    const bare = new TestClient(app.url);
    const me = await bare.api("GET", "/me", undefined, { token });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email });
  });

  it("works for state-changing API calls without an Origin header", async () => {
    const { token } = await userWithToken();
    const res = await new TestClient(app.url).api(
      "POST",
      "/districts",
      { name: "Token District" },
      { token, origin: null },
    );
    expect(res.status).toBe(201);
  });

  it("stops working once revoked", async () => {
    const { client, email, token } = await userWithToken();
    const [user] = await app.db.select().from(users).where(eq(users.email, email));
    const [row] = await app.db.select().from(apiTokens).where(eq(apiTokens.userId, user!.id));
    const res = await client.postForm("/account", { intent: "revoke-token", tokenId: row!.id });
    expect(res.status).toBe(200);
    const me = await new TestClient(app.url).api("GET", "/me", undefined, { token });
    expect(me.status).toBe(401);
    expect(await me.json()).toMatchObject({ error: { code: "unauthorized" } });
  });

  it("stops working after a password change, while the changing browser stays signed in", async () => {
    const { client, token } = await userWithToken();
    const res = await client.postForm("/account", {
      intent: "change-password",
      currentPassword: "correct horse battery",
      newPassword: "another long passphrase",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("your API tokens were revoked");
    expect((await new TestClient(app.url).api("GET", "/me", undefined, { token })).status).toBe(401);
    expect((await client.api("GET", "/me")).status).toBe(200);
  });

  it("stops working after signing out everywhere, and the account page says so", async () => {
    const { client, token } = await userWithToken();
    const page = await (await client.get("/account")).text();
    expect(page).toContain("also revokes all your API tokens");
    const res = await client.postForm("/account", { intent: "sign-out-everywhere" });
    expect(res.status).toBe(302);
    expect((await new TestClient(app.url).api("GET", "/me", undefined, { token })).status).toBe(401);
  });

  it("keeps working when only other devices are signed out", async () => {
    const { client, token } = await userWithToken();
    expect((await client.postForm("/account", { intent: "sign-out-others" })).status).toBe(200);
    expect((await new TestClient(app.url).api("GET", "/me", undefined, { token })).status).toBe(200);
  });

  it("cannot revoke someone else's token", async () => {
    const victim = await userWithToken();
    const [user] = await app.db.select().from(users).where(eq(users.email, victim.email));
    const [row] = await app.db.select().from(apiTokens).where(eq(apiTokens.userId, user!.id));
    const attacker = new TestClient(app.url);
    await attacker.signup("Mallory", uniqueEmail("mallory"));
    const res = await attacker.postForm("/account", { intent: "revoke-token", tokenId: row!.id });
    expect(res.status).toBe(400);
    expect((await new TestClient(app.url).api("GET", "/me", undefined, { token: victim.token })).status).toBe(200);
  });

  it("rejects malformed and unknown bearer tokens with 401, ignoring any cookie", async () => {
    const client = new TestClient(app.url);
    await client.signup("Cookie", uniqueEmail("cookie"));
    for (const header of ["Bearer", "Bearer rqt_unknown", "Basic abc", "Bearer a b"]) {
      const res = await client.request("GET", "/api/v1/me", {
        headers: { Authorization: header, Cookie: client.cookieHeader() },
      });
      expect(res.status, header).toBe(401);
    }
    expect((await new TestClient(app.url).api("GET", "/me")).status).toBe(401);
  });
});
