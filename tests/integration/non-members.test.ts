import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../helpers/client";
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
      ).status
    ).toBe(403);
  });
});
