import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, districtMemberships } from "../../db/schema";
import { TestClient } from "../helpers/client";
import { shownMarkup } from "../helpers/html";
import { startTestServer, type TestServer } from "../helpers/server";
import { createWorkspace, member, signedUp } from "../helpers/workspace";

// A district's administrators name one another (decision 025): only people already in the
// district's workspaces, never the last one removed, on the district's page and in the API.

let app: TestServer;
let ada: TestClient; // created the district: its first administrator
let ben: TestClient; // a member of the district's workspace
let stranger: TestClient;
let district: string;
let districtId: string;
let benEmail: string;
const ids = new Map<TestClient, string>();

const json = async (res: Response) => (await res.json()) as Record<string, unknown> & { error?: { code: string } };
const idOf = async (c: TestClient) => {
  if (!ids.has(c)) ids.set(c, (await json(await c.api("GET", "/me"))).id as string);
  return ids.get(c)!;
};
const adminIds = async () =>
  (
    await app.db
      .select({ userId: districtMemberships.userId })
      .from(districtMemberships)
      .where(and(eq(districtMemberships.districtId, districtId), eq(districtMemberships.role, "admin")))
  )
    .map((r) => r.userId)
    .sort();

beforeAll(async () => {
  app = await startTestServer();
  ada = await signedUp(app.url, "Ada Admin", "ada-district");
  const workspace = await createWorkspace(ada, "Admins District", "Admins workspace");
  ben = await member(ada, workspace, { role: "editor", name: "Ben Member", label: "ben-district" });
  stranger = await signedUp(app.url, "Sam Stranger", "sam-district");
  benEmail = (await json(await ben.api("GET", "/me"))).email as string;
  district = ((await json(await ada.api("GET", "/districts"))).districts as { slug: string }[])[0]!.slug;
  const [row] = await app.db
    .select()
    .from(districtMemberships)
    .where(eq(districtMemberships.userId, await idOf(ada)));
  districtId = row!.districtId;
});
afterAll(() => app.close());

describe("district administrators", () => {
  it("are listed with who may be named, for administrators only: 403 for a member, 404 for a stranger", async () => {
    const res = await ada.api("GET", `/districts/${district}/admins`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      admins: [{ id: await idOf(ada), name: "Ada Admin" }],
      // Not their addresses: only a workspace's owners see those.
      candidates: [{ id: await idOf(ben), name: "Ben Member", workspaces: ["Admins workspace"] }],
    });
    expect((await ben.api("GET", `/districts/${district}/admins`)).status).toBe(403);
    expect((await stranger.api("GET", `/districts/${district}/admins`)).status).toBe(404);
    expect((await new TestClient(app.url).api("GET", `/districts/${district}/admins`)).status).toBe(401);
    // The page shows the section to administrators only, and nobody's address.
    const page = shownMarkup(await (await ada.get(`/districts/${district}`)).text());
    expect(page).toContain("District administrators");
    expect(page).not.toContain(benEmail);
    expect(shownMarkup(await (await ben.get(`/districts/${district}`)).text())).not.toContain(
      "District administrators",
    );
  });

  it("are named only from the district's people: a stranger's id or a made-up one changes nothing", async () => {
    for (const userId of [await idOf(stranger), "00000000-0000-4000-8000-000000000000", "not-an-id"]) {
      const res = await ada.api("POST", `/districts/${district}/admins`, { userId });
      expect(res.status).toBe(422);
      const page = await ada.postForm(`/districts/${district}`, { intent: "grant-admin", userId });
      expect(page.status).toBe(422);
      expect(shownMarkup(await page.text())).toContain("Choose a member of one of this district");
    }
    // A member may not name themselves.
    const self = await ben.api("POST", `/districts/${district}/admins`, { userId: await idOf(ben) });
    expect(self.status).toBe(403);
    expect(await adminIds()).toEqual([await idOf(ada)]);
  });

  it("are named and removed on the page, and the last one cannot be removed", async () => {
    // The form starts on no one: sent as it is, it names nobody.
    const empty = await ada.postForm(`/districts/${district}`, { intent: "grant-admin", userId: "" });
    expect(empty.status).toBe(422);
    const named = await ada.postForm(`/districts/${district}`, { intent: "grant-admin", userId: await idOf(ben) });
    expect(named.status).toBe(200);
    expect(await named.clone().text()).not.toContain(benEmail);
    expect(shownMarkup(await named.text())).toContain("Ben Member is now a district administrator.");
    expect(await adminIds()).toEqual([await idOf(ada), await idOf(ben)].sort());
    // Ben manages the district now: he may create a workspace in it.
    expect((await ben.api("POST", `/districts/${district}/workspaces`, { name: "Ben's workspace" })).status).toBe(201);

    const removed = await ben.postForm(`/districts/${district}`, { intent: "revoke-admin", userId: await idOf(ada) });
    expect(removed.status).toBe(200);
    expect(shownMarkup(await removed.text())).toContain("Ada Admin is no longer a district administrator.");
    // Ada is still in the district's workspace, and may no longer manage it.
    expect((await ada.api("POST", `/districts/${district}/workspaces`, { name: "Not hers" })).status).toBe(403);

    // Ben is the last one now: neither the page nor the API removes him.
    const last = await ben.postForm(`/districts/${district}`, { intent: "revoke-admin", userId: await idOf(ben) });
    expect(last.status).toBe(409);
    expect(shownMarkup(await last.text())).toContain("The district&#x27;s last administrator cannot step down.");
    const api = await ben.api("DELETE", `/districts/${district}/admins/${await idOf(ben)}`);
    expect(api.status).toBe(409);
    expect((await json(api)).error!.code).toBe("last_admin");
    expect(await adminIds()).toEqual([await idOf(ben)]);

    const actions = await app.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.districtId, districtId));
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["district_admin.grant", "district_admin.revoke"]),
    );
  });

  it("through the API: named again, stepping down oneself, two removals at once still leave one", async () => {
    const granted = await ben.api("POST", `/districts/${district}/admins`, { userId: await idOf(ada) });
    expect(await json(granted)).toEqual({ admin: { id: await idOf(ada), name: "Ada Admin" }, changed: true });
    const again = await ben.api("POST", `/districts/${district}/admins`, { userId: await idOf(ada) });
    expect(await json(again)).toMatchObject({ changed: false });

    // Each removes the other at the same moment: one wins, the district keeps an administrator.
    const [a, b] = await Promise.all([
      ada.api("DELETE", `/districts/${district}/admins/${await idOf(ben)}`),
      ben.api("DELETE", `/districts/${district}/admins/${await idOf(ada)}`),
    ]);
    // The loser either lost the right first (403) or would remove the last one (409).
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    expect(await adminIds()).toHaveLength(1);

    // Unknown people and forged requests change nothing.
    const [left] = await adminIds();
    const admin = left === (await idOf(ada)) ? ada : ben;
    expect((await admin.api("DELETE", `/districts/${district}/admins/not-an-id`)).status).toBe(404);
    expect((await admin.api("DELETE", `/districts/${district}/admins/${await idOf(stranger)}`)).status).toBe(404);
    const forged = await admin.postForm(
      `/districts/${district}`,
      { intent: "grant-admin", userId: await idOf(ben === admin ? ada : ben) },
      { origin: "https://evil.example" },
    );
    expect(forged.status).toBe(403);
    expect(await adminIds()).toEqual([left]);
  });
});
