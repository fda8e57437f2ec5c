import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, districts, users } from "../../db/schema";
import { seedDemoDistrict } from "../../db/seed/demo";
import { grantInstanceAdmin, revokeInstanceAdmin } from "../../app/models/users.server";
import { scratchStorage, spawnServer } from "../helpers/child-server";
import { TestClient, uniqueEmail } from "../helpers/client";
import { demoMember } from "../helpers/demo";
import { startTestServer, type TestServer } from "../helpers/server";
import { signedUp } from "../helpers/workspace";
import { shownMarkup } from "../helpers/html";

const isAdmin = async (client: TestClient) =>
  ((await (await client.api("GET", "/me")).json()) as { instanceAdmin: boolean }).instanceAdmin;
const userId = async (client: TestClient) => ((await (await client.api("GET", "/me")).json()) as { id: string }).id;

// One server per setting: PGlite start-up costs seconds.
let app: TestServer;
beforeAll(async () => {
  app = await startTestServer({ districtCreation: "admins" });
});
afterAll(() => app.close());

describe("a default instance (DISTRICT_CREATION unset: admins)", () => {
  let admin: TestClient;
  let stranger: TestClient;
  const districtCount = async () => (await app.db.select({ n: count() }).from(districts))[0]!.n;
  const adminCount = async () =>
    (await app.db.select({ n: count() }).from(users).where(eq(users.isInstanceAdmin, true)))[0]!.n;

  it("makes exactly one of several simultaneous first sign-ups the instance administrator", async () => {
    const clients = Array.from({ length: 6 }, () => new TestClient(app.url));
    await Promise.all(clients.map((c, i) => c.signup(`First ${i}`, uniqueEmail("first"))));
    const admins = await Promise.all(clients.map(isAdmin));
    expect(admins.filter(Boolean)).toHaveLength(1);
    expect(await adminCount()).toBe(1);
    admin = clients[admins.indexOf(true)]!;
    // Later accounts are not administrators.
    stranger = await signedUp(app.url, "Sam Stranger", "stranger");
    expect(await isAdmin(stranger)).toBe(false);
  });

  it("refuses a stranger's district from the page and from the API, creating nothing", async () => {
    const before = await districtCount();
    const page = await stranger.postForm("/districts", { name: "Stranger District" });
    expect(page.status).toBe(403);
    const api = await stranger.api("POST", "/districts", { name: "Stranger District" });
    expect(api.status).toBe(403);
    expect(await api.json()).toEqual({
      error: { code: "forbidden", message: "Only instance administrators may create districts on this site." },
    });
    expect(await districtCount()).toBe(before);
  });

  it("hides the create form from a stranger and offers the way in instead", async () => {
    const districtsPage = await (await stranger.get("/districts")).text();
    expect(shownMarkup(districtsPage)).not.toContain("District name");
    expect(districtsPage).toContain("On this site, districts are created by its administrators.");

    const home = await (await stranger.get("/workspaces")).text();
    expect(home).toContain("How to join");
    expect(home).toContain(`${app.url}/invite/`);
    expect(home).toContain("No link yet?");
    expect(shownMarkup(home)).not.toContain("Create a district");
  });

  it("lets the administrator create a district from the page and from the API", async () => {
    const home = await (await admin.get("/workspaces")).text();
    expect(home).toContain("How to join");
    expect(home).toMatch(/<a [^>]*href="\/districts"[^>]*>Create a district<\/a>/);
    expect(await (await admin.get("/districts")).text()).toContain("District name");

    const page = await admin.postForm("/districts", { name: "Admin District" });
    expect(page.status).toBe(302);
    expect(page.headers.get("Location")).toMatch(/^\/districts\/admin-district/);
    const api = await admin.api("POST", "/districts", { name: "Admin API District" });
    expect(api.status).toBe(201);
  });

  it("hides administration from everyone else: forged requests get 404 and change nothing", async () => {
    const strangerId = await userId(stranger);
    const adminId = await userId(admin);
    expect((await stranger.get("/instance/admins")).status).toBe(404);
    expect((await stranger.postForm("/instance/admins", { intent: "grant", email: "x@example.test" })).status).toBe(
      404,
    );
    const me = (await (await stranger.api("GET", "/me")).json()) as { email: string };
    expect((await stranger.postForm("/instance/admins", { intent: "grant", email: me.email })).status).toBe(404);
    expect((await stranger.postForm("/instance/admins", { intent: "revoke", userId: adminId })).status).toBe(404);
    expect((await stranger.api("GET", "/instance/admins")).status).toBe(404);
    expect((await stranger.api("POST", "/instance/admins", { email: me.email })).status).toBe(404);
    expect((await stranger.api("DELETE", `/instance/admins/${adminId}`)).status).toBe(404);
    expect(await isAdmin(stranger)).toBe(false);
    expect(await isAdmin(admin)).toBe(true);
    expect((await app.db.select().from(users).where(eq(users.id, strangerId)))[0]!.isInstanceAdmin).toBe(false);
    expect(await (await stranger.get("/account")).text()).not.toContain("/instance/admins");
  });

  it("lets an administrator name another one on the page, who may then create districts", async () => {
    const account = await (await admin.get("/account")).text();
    expect(account).toMatch(/<a [^>]*href="\/instance\/admins"/);
    const page = await (await admin.get("/instance/admins")).text();
    expect(page).toContain("Site administrators");
    expect(page).toContain("DISTRICT_CREATION=admins");

    const unknown = await admin.postForm("/instance/admins", { intent: "grant", email: uniqueEmail("nobody") });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("No account on this site uses that e-mail address.");

    const me = (await (await stranger.api("GET", "/me")).json()) as { email: string; name: string };
    const granted = await admin.postForm("/instance/admins", { intent: "grant", email: me.email.toUpperCase() });
    expect(granted.status).toBe(200);
    expect(await granted.text()).toContain("Sam Stranger is now an administrator.");
    expect(await isAdmin(stranger)).toBe(true);
    expect((await stranger.api("POST", "/districts", { name: "Newly Allowed District" })).status).toBe(201);
    const audit = await app.db.select().from(auditEvents).where(eq(auditEvents.action, "instance_admin.grant"));
    expect(audit.map((a) => a.targetUserId)).toEqual([await userId(stranger)]);
  });

  it("revokes through the API, but never the last administrator", async () => {
    const strangerId = await userId(stranger);
    const adminId = await userId(admin);
    const listed = await (await admin.api("GET", "/instance/admins")).json();
    expect(listed.admins.map((a: { id: string }) => a.id).sort()).toEqual([adminId, strangerId].sort());

    const revoked = await admin.api("DELETE", `/instance/admins/${strangerId}`);
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ admin: { id: strangerId }, changed: true });
    expect(await isAdmin(stranger)).toBe(false);
    expect((await stranger.api("POST", "/districts", { name: "No Longer Allowed" })).status).toBe(403);

    // Alone now: the administrator keeps the right, on the page and through the API.
    const lastPage = await admin.postForm("/instance/admins", { intent: "revoke", userId: adminId });
    expect(lastPage.status).toBe(409);
    expect(await lastPage.text()).toContain("The last administrator keeps the right");
    const lastApi = await admin.api("DELETE", `/instance/admins/${adminId}`);
    expect(lastApi.status).toBe(409);
    expect((await lastApi.json()).error.code).toBe("last_admin");
    expect(await isAdmin(admin)).toBe(true);

    expect((await admin.api("DELETE", "/instance/admins/not-a-uuid")).status).toBe(404);
    expect((await admin.api("DELETE", "/instance/admins/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await admin.api("POST", "/instance/admins", { email: uniqueEmail("nobody") })).status).toBe(422);
  });

  it("leaves one administrator when two revoke each other at the same time", async () => {
    const [a, b] = [await userId(admin), await userId(stranger)];
    await grantInstanceAdmin(app.db, ((await (await stranger.api("GET", "/me")).json()) as { email: string }).email);
    expect(await adminCount()).toBe(2);
    // Straight to the model: over HTTP one request may already be refused at authorization.
    const results = await Promise.all([revokeInstanceAdmin(app.db, a), revokeInstanceAdmin(app.db, b)]);
    expect(results.map((r) => (r.ok ? "ok" : r.reason)).sort()).toEqual(["last_admin", "ok"]);
    expect(await adminCount()).toBe(1);
  });
});

describe("DISTRICT_CREATION=anyone", () => {
  let anyone: TestServer;
  beforeAll(async () => {
    anyone = await startTestServer({ districtCreation: "anyone" });
  });
  afterAll(() => anyone.close());

  it("lets any signed-in account create a district, from the page and the API, and offers it to newcomers", async () => {
    await signedUp(anyone.url, "First Person", "first");
    const stranger = await signedUp(anyone.url, "Sam Stranger", "stranger");
    expect(await isAdmin(stranger)).toBe(false);

    const home = await (await stranger.get("/workspaces")).text();
    expect(home).toContain("How to join");
    expect(home).toMatch(/<a [^>]*href="\/districts"[^>]*>Create a district<\/a>/);
    expect(await (await stranger.get("/districts")).text()).toContain("District name");

    expect((await stranger.postForm("/districts", { name: "Anyone District" })).status).toBe(302);
    expect((await stranger.api("POST", "/districts", { name: "Anyone API District" })).status).toBe(201);
    // Administration stays with administrators whatever the setting.
    expect((await stranger.get("/instance/admins")).status).toBe(404);
  });

  it("makes the demo's superintendent an administrator, even in a database that had accounts", async () => {
    expect(await seedDemoDistrict(anyone.db)).toBe(true);
    expect(await isAdmin(await demoMember(anyone.url, "superintendent"))).toBe(true);
    expect(await isAdmin(await demoMember(anyone.url, "family"))).toBe(false);
  });
});

describe("session device names", () => {
  it("names the device on the Account page and keeps only the browser and system", async () => {
    const email = uniqueEmail("device");
    await new TestClient(app.url).signup("Dana Device", email);
    const phone = new TestClient(app.url);
    const userAgent =
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.122 Mobile Safari/537.36";
    const login = await phone.request("POST", "/login", {
      body: new URLSearchParams({ email, password: "correct horse battery" }).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded", "User-Agent": userAgent },
    });
    expect(login.status).toBe(302);
    const page = await (await phone.get("/account")).text();
    expect(page).toContain("Chrome on Android");
    expect(page).not.toContain("Pixel 8");
    // The first session came from Node's fetch: a client we do not name.
    expect(page).toContain("Unknown browser");

    const columns = (await app.db.execute(
      sql`select column_name from information_schema.columns where table_name = 'sessions'`,
    )) as unknown as { rows?: { column_name: string }[] } & { column_name: string }[];
    // PGlite answers { rows }, postgres.js an array.
    const names = columns.rows ?? [...columns];
    expect(names.map((c) => c.column_name)).not.toContain("user_agent");
  });
});

describe("start-up", () => {
  it("refuses an unknown DISTRICT_CREATION with a message naming the accepted values", async () => {
    const storage = await scratchStorage();
    try {
      await expect(spawnServer({ ...storage.env, DISTRICT_CREATION: "everyone" })).rejects.toThrow(
        /server exited with 1:[\s\S]*DISTRICT_CREATION: must be "admins" .* or "anyone"/,
      );
    } finally {
      await storage.cleanup();
    }
  });
});
