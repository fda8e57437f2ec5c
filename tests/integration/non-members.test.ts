import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { planText } from "../../app/domain/comments/plan-anchor";
import { loadPlanState } from "../../app/models/plan-storage.server";
import { dataViews, districts, plans, workspaces } from "../../db/schema";
import { DEMO_DISTRICT_SLUG, seedDemoDistrict } from "../../db/seed/demo";
import { TestClient } from "../helpers/client";
import { demoMember } from "../helpers/demo";
import { fillRoute, manifestRoutes, type ManifestRoute } from "../helpers/route-manifest";
import { startTestServer, type TestServer } from "../helpers/server";
import { member, signedUp } from "../helpers/workspace";

// A person who is not a member learns nothing: the same 404 for a real
// workspace they don't belong to as for one that does not exist.

let app: TestServer;
let owner: TestClient;
let outsider: TestClient;
let outsiderToken: string;
let slug: string;
let districtSlug: string;
const SECRET_NAME = "Confidential Reorganisation Plan";

beforeAll(async () => {
  app = await startTestServer();
  owner = await signedUp(app.url, "Owner", "owner");
  districtSlug = (await (await owner.api("POST", "/districts", { name: "Hidden District" })).json()).slug;
  slug = (await (await owner.api("POST", `/districts/${districtSlug}/workspaces`, { name: SECRET_NAME })).json()).slug;

  outsider = await signedUp(app.url, "Outsider", "outsider");
  const res = await outsider.postForm("/account", { intent: "create-token", name: "probe" });
  outsiderToken = /value="(rqt_[a-z2-7]{32})"/.exec(await res.text())![1]!;
  await seedDemoDistrict(app.db);
});
afterAll(() => app.close());

const pages = (s: string) => [`/workspaces/${s}`];
const apiGets = (s: string) => [`/workspaces/${s}`, `/workspaces/${s}/members`, `/workspaces/${s}/invitations`];

describe("non-members", () => {
  it("get 404 on every workspace page, for GET and POST, exactly as for a missing workspace", async () => {
    for (const target of [slug, "no-such-workspace"]) {
      for (const path of pages(target)) {
        const get = await outsider.get(path);
        expect(get.status, path).toBe(404);
        const body = await get.text();
        expect(body).not.toContain(SECRET_NAME);
        expect(body).not.toContain("Hidden District");
        for (const intent of ["create-invitation", "leave", "remove-member", "update-member"]) {
          const post = await outsider.postForm(`${path}?index`, { intent, role: "owner", stakeholderGroup: "cabinet" });
          expect(post.status, `${intent} ${path}`).toBe(404);
        }
      }
    }
  });

  it("get 404 from every workspace API endpoint, with a session or a token", async () => {
    for (const target of [slug, "no-such-workspace"]) {
      for (const path of apiGets(target)) {
        for (const res of [
          await outsider.api("GET", path),
          await new TestClient(app.url).api("GET", path, undefined, { token: outsiderToken }),
        ]) {
          expect(res.status, path).toBe(404);
          const body = await res.json();
          expect(body).toEqual({ error: { code: "not_found", message: "Not found." } });
        }
      }
      const post = await outsider.api("POST", `/workspaces/${target}/invitations`, {
        role: "owner",
        stakeholderGroup: "cabinet",
      });
      expect(post.status).toBe(404);
    }
  });

  it("get 404 for a district they have no part in, page and API", async () => {
    for (const target of [districtSlug, "no-such-district"]) {
      expect((await outsider.get(`/districts/${target}`)).status).toBe(404);
      expect((await outsider.api("GET", `/districts/${target}/workspaces`)).status).toBe(404);
      expect((await outsider.api("POST", `/districts/${target}/workspaces`, { name: "Mine now" })).status).toBe(404);
      expect((await outsider.api("GET", `/districts/${target}/admins`)).status).toBe(404);
      const me = (await (await outsider.api("GET", "/me")).json()).id as string;
      expect((await outsider.api("POST", `/districts/${target}/admins`, { userId: me })).status).toBe(404);
      expect((await outsider.api("DELETE", `/districts/${target}/admins/${me}`)).status).toBe(404);
      expect((await outsider.postForm(`/districts/${target}`, { intent: "grant-admin", userId: me })).status).toBe(404);
    }
  });

  it("do not see the workspace in any list", async () => {
    const list = await (await outsider.api("GET", "/districts")).json();
    expect(list.districts).toEqual([]);
    const page = await (await outsider.get("/workspaces")).text();
    expect(page).not.toContain(SECRET_NAME);
  });

  it("a signed-out visitor is sent to sign in, learning nothing either", async () => {
    const anon = new TestClient(app.url);
    for (const target of [slug, "no-such-workspace"]) {
      const res = await anon.get(`/workspaces/${target}`);
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/workspaces/${target}`)}`);
    }
  });

  it("a member with too small a role gets 403 for what they cannot do, not 404", async () => {
    const viewer = await member(owner, slug, { role: "viewer", stakeholderGroup: "family", name: "Viewer" });
    expect((await viewer.get(`/workspaces/${slug}`)).status).toBe(200);
    expect((await viewer.api("GET", `/workspaces/${slug}/invitations`)).status).toBe(403);
    expect(
      (
        await viewer.postForm(`/workspaces/${slug}?index`, {
          intent: "create-invitation",
          role: "owner",
          stakeholderGroup: "cabinet",
        })
      ).status,
    ).toBe(403);
  });
});

/** A stored state's plan fragment. */
async function stateDoc(state: Uint8Array) {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc.getXmlFragment("default");
}

// ---- Every route of the build, filled with the ids of real things the outsider is not part of ----

/** Routes that name nothing a membership guards; a new route must be added here or be filled below. */
const UNSCOPED = new Set([
  "/",
  "/*",
  "/account",
  // One's own setting (notification-mail.test.ts).
  "/account/mail-notifications",
  "/api/v1/*",
  "/api/v1/districts",
  // Instance administration: 404 to everyone but administrators (instance-admins.test.ts).
  "/api/v1/instance/admins",
  "/api/v1/instance/admins/:user",
  "/api/v1/invitations/:token/accept",
  // Password reset: the token is the key (password-reset.test.ts).
  "/api/v1/password-resets",
  "/api/v1/password-resets/complete",
  "/api/v1/me",
  // One's own data and account deletion (leaving.test.ts).
  "/api/v1/me/export",
  "/account/delete",
  "/account-deleted",
  "/api/v1/me/notifications",
  "/api/v1/me/notifications/read",
  // One's own address: the account's own, or a link's token is the key (account-email.test.ts).
  "/api/v1/me/email-change",
  "/api/v1/me/email-verification",
  "/api/v1/email-confirmations/complete",
  "/verify-email/:token",
  "/dev/mail",
  "/dev/ui",
  "/forgot-password",
  "/districts",
  "/instance/admins",
  "/invite/:token",
  "/login",
  "/logout",
  // The token is the key (password-reset.test.ts).
  "/reset-password/:token",
  // One's own inbox: only notifications addressed to the reader (notifications.test.ts).
  "/notifications",
  "/set-language",
  "/signup",
  // The one-click unsubscribe link: the token is the key (notification-mail.test.ts).
  "/unsubscribe/:token",
  // Voting with a one-time access code: the code is the key, not a membership (access-codes.test.ts).
  "/vote",
  "/api/v1/vote",
  "/workspaces",
]);
const SCOPING = ["workspace", "plan", "view", "district", "thread", "comment", "poll"];
const isScoped = (route: ManifestRoute) => route.params.some((p) => SCOPING.includes(p));
const isApi = (route: ManifestRoute) => route.pattern.startsWith("/api/");

type Ids = {
  workspace: string;
  plan: string;
  view: string;
  district: string;
  planVersion: string;
  dataVersion: string;
  thread: string;
  comment: string;
  poll: string;
  invitation: string;
  /** An account the route's scope knows: a district administrator for `…/admins/:user`. */
  user: string;
};

/** Parameter values for a route; `version` names a plan version or a district data version by its route. */
function paramValues(route: ManifestRoute, ids: Ids): Record<string, string> {
  return {
    workspace: ids.workspace,
    plan: ids.plan,
    view: ids.view,
    district: ids.district,
    thread: ids.thread,
    comment: ids.comment,
    poll: ids.poll,
    version: route.params.includes("district") ? ids.dataVersion : ids.planVersion,
    file: "schools.csv",
    dimension: "school_funding",
    chart: "school_funding.spending_by_quartile",
    token: "no-such-invitation",
    invitation: ids.invitation,
    user: ids.user,
    "*": "no-such-page",
  };
}

describe("every route in the manifest", () => {
  let routes: ManifestRoute[];
  let real: Ids;
  let missing: Ids;
  let secrets: string[];
  let superintendent: TestClient;

  beforeAll(async () => {
    routes = await manifestRoutes();
    const [district] = await app.db.select().from(districts).where(eq(districts.slug, DEMO_DISTRICT_SLUG));
    const [plan] = await app.db
      .select({ id: plans.id, title: plans.title, workspace: workspaces.slug, workspaceName: workspaces.name })
      .from(plans)
      .innerJoin(workspaces, eq(plans.workspaceId, workspaces.id))
      .where(eq(workspaces.districtId, district!.id));
    const [view] = await app.db.select().from(dataViews);
    superintendent = await demoMember(app.url, "superintendent");
    const saved = await superintendent.api("POST", `/plans/${plan!.id}/versions`, { name: "Outsider probe" });
    expect(saved.status).toBe(201);
    const quote = planText(await stateDoc(await loadPlanState(app.db, plan!.id))).text.slice(0, 12);
    const started = await superintendent.api("POST", `/plans/${plan!.id}/threads`, {
      body: "Outsider probe thread",
      anchor: { quote },
    });
    expect(started.status).toBe(201);
    const thread = (await started.json()) as { id: string; comments: { id: string }[] };
    // A vote in the same workspace, so every route fills with one workspace.
    const created = await superintendent.api("POST", `/workspaces/${plan!.workspace}/polls`, {
      title: "Outsider probe vote",
      budget: 100,
      ballot: { type: "approval", maxOptions: 1 },
      options: [
        { title: "One", cost: 50 },
        { title: "Two", cost: 50 },
      ],
    });
    expect(created.status).toBe(201);
    const poll = (await created.json()) as { id: string; title: string };
    expect((await superintendent.api("PATCH", `/polls/${poll.id}`, { state: "open" })).status).toBe(200);
    const invited = await superintendent.api("POST", `/workspaces/${plan!.workspace}/invitations`, {
      emails: ["outsider-probe@example.org"],
      role: "viewer",
      stakeholderGroup: "community",
    });
    expect(invited.status).toBe(201);
    const invitation = ((await invited.json()) as { invitations: { id: string }[] }).invitations[0]!.id;
    real = {
      workspace: plan!.workspace,
      plan: plan!.id,
      view: view!.id,
      district: district!.slug,
      planVersion: ((await saved.json()) as { id: string }).id,
      dataVersion: "1",
      thread: thread.id,
      comment: thread.comments[0]!.id,
      poll: poll!.id,
      invitation,
      user: ((await (await superintendent.api("GET", "/me")).json()) as { id: string }).id,
    };
    missing = {
      workspace: "no-such-workspace",
      plan: randomUUID(),
      view: randomUUID(),
      district: "no-such-district",
      planVersion: randomUUID(),
      dataVersion: "999",
      thread: randomUUID(),
      comment: randomUUID(),
      poll: randomUUID(),
      invitation: randomUUID(),
      user: randomUUID(),
    };
    secrets = [plan!.title, plan!.workspaceName, district!.name, view!.title, "Outsider probe thread", poll!.title];
  });

  it("is known to this test: scoped and fillable, or listed as unscoped", () => {
    for (const route of routes) {
      if (!isScoped(route)) {
        expect(UNSCOPED, `${route.id} (${route.pattern}) is new: add it to the outsider test`).toContain(route.pattern);
      }
      expect(() => fillRoute(route, paramValues(route, real))).not.toThrow();
    }
  });

  /** Reads a response through, or cancels an endless one (event streams), and returns its status and text. */
  async function settle(res: Response): Promise<{ status: number; body: string; cacheControl: string | null }> {
    const cacheControl = res.headers.get("cache-control");
    if (res.headers.get("content-type")?.startsWith("text/event-stream")) {
      await res.body?.cancel();
      return { status: res.status, body: "", cacheControl };
    }
    // The CSP nonce differs per response; nothing else may.
    return { status: res.status, body: (await res.text()).replace(/nonce="[^"]*"/g, 'nonce=""'), cacheControl };
  }

  async function outsiderRequests(route: ManifestRoute, ids: Ids) {
    const url = fillRoute(route, paramValues(route, ids));
    const apiPath = url.replace(/^\/api\/v1/, "");
    const sent: { what: string; res: Response }[] = [];
    if (route.hasLoader) {
      sent.push({ what: `GET ${url}`, res: await outsider.get(url) });
      if (isApi(route)) {
        const bearer = await new TestClient(app.url).api("GET", apiPath, undefined, { token: outsiderToken });
        sent.push({ what: `GET ${url} (token)`, res: bearer });
      }
    }
    if (route.hasAction) {
      if (isApi(route)) {
        for (const method of ["POST", "PATCH", "PUT", "DELETE"]) {
          sent.push({ what: `${method} ${url}`, res: await outsider.api(method, apiPath, {}) });
        }
      } else {
        sent.push({ what: `POST ${url}`, res: await outsider.postForm(url, { intent: "delete", name: "Mine now" }) });
      }
    }
    const answers = await Promise.all(sent.map(async ({ what, res }) => ({ what, ...(await settle(res)) })));
    // A page names its own address (the language switch returns to it); that is no disclosure.
    return answers.map((a) => ({ ...a, body: a.body.replaceAll(url.replace(/\?index$/, ""), "<this page>") }));
  }

  it("answers a non-member 404 on every workspace-, plan-, view- and district-scoped route, page and API", async () => {
    const scoped = routes.filter(isScoped);
    expect(scoped.length).toBeGreaterThan(20);
    for (const route of scoped) {
      const [forReal, forMissing] = [await outsiderRequests(route, real), await outsiderRequests(route, missing)];
      for (const [i, answer] of forReal.entries()) {
        // A method a route never takes is refused alike for everything (405); anything else is a plain 404.
        if (answer.status === 405) expect(forMissing[i]!.status, answer.what).toBe(405);
        else expect(answer.status, answer.what).toBe(404);
        expect(answer.body, answer.what).toBe(forMissing[i]!.body);
        for (const secret of secrets) expect(answer.body, answer.what).not.toContain(secret);
      }
    }
  });

  it("fills each scoped route with ids a member can open, so the 404s above are for real things", async () => {
    for (const route of routes.filter((r) => isScoped(r) && r.hasLoader)) {
      const url = fillRoute(route, paramValues(route, real));
      let answer = await settle(await superintendent.get(url));
      // An action-only route (405 to GET) is checked by its action instead: an empty body is
      // refused as invalid (422) only once the thing was found and the caller may act on it.
      const allowed = [200, 201, 400];
      for (const method of ["POST", "PATCH"]) {
        if (answer.status !== 405 || !route.hasAction || !isApi(route)) break;
        answer = await settle(await superintendent.api(method, url.replace(/^\/api\/v1/, ""), {}));
        allowed.push(422);
      }
      // Some API reads want query parameters (400 without them); what counts is that the thing exists.
      expect(allowed, url).toContain(answer.status);
    }
  });

  it("marks every response of every route private, no-store", async () => {
    const anonymous = new TestClient(app.url);
    for (const route of routes.filter((r) => r.hasLoader)) {
      const url = fillRoute(route, paramValues(route, real));
      for (const client of [superintendent, outsider, anonymous]) {
        const answer = await settle(await client.get(url));
        expect(answer.cacheControl, `${url} → ${answer.status}`).toMatch(/^private, no-store\b/);
      }
    }
  });
});
