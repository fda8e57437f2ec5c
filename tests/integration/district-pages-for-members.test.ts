import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../helpers/client";
import { demoMember, startDemoServer } from "../helpers/demo";
import { rawRequest } from "../helpers/raw-http";
import type { TestServer } from "../helpers/server";
import { shownMarkup } from "../helpers/html";

let app: TestServer;
let family: TestClient;
let superintendent: TestClient;

beforeAll(async () => {
  app = await startDemoServer();
  family = await demoMember(app.url, "family");
  superintendent = await demoMember(app.url, "superintendent");
});
afterAll(() => app.close());

// What a browser sends when it follows a link.
const NAVIGATION = { Accept: "text/html,application/xhtml+xml,*/*;q=0.8", "Sec-Fetch-Mode": "navigate" };
const FILE = "/api/v1/districts/riverbend/data/versions/1/schools.csv";
/** A browser following a link (fetch cannot send Sec-Fetch-Mode: navigate), as `client` when given. */
const follow = (path: string, client?: TestClient, extraCookie = "") =>
  rawRequest(app.url, {
    path,
    headers: { ...NAVIGATION, Cookie: [client?.cookieHeader(), extraCookie].filter(Boolean).join("; ") },
  });
const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));

describe("the districts page for a member of a workspace only", () => {
  it("lists the district reached through the workspace, with what they can do there, and no invitation to found one", async () => {
    const res = await family.get("/districts");
    expect(res.status).toBe(200);
    // React separates adjacent texts with empty comments.
    const html = (await res.text()).replaceAll("<!-- -->", "");
    expect(html).toContain("Riverbend Unified School District");
    expect(hrefs(html)).toContain("/districts/riverbend");
    expect(hrefs(html)).toContain("/workspaces/family-budget-priorities");
    expect(html).toContain("Commenter · you can read plans and data, and comment");
    expect(shownMarkup(html)).not.toContain("You are not part of a district yet");
    // The form is still there, folded away, not the page's main call to action.
    expect(html).not.toContain('id="new-district"');
    expect(html).toMatch(/<details[^>]*class="card district-create"/);
  });
});

describe("the district data page", () => {
  it("shows the family member no download they may not use, and explains the data in plain words", async () => {
    const html = await (await family.get("/districts/riverbend/data")).text();
    expect(hrefs(html).filter((h) => h.includes(".csv"))).toEqual([]);
    expect(html).toContain("original files are not shared here");
    expect(hrefs(html)).toContain("/workspaces/family-budget-priorities/diagnostic");
  });

  it("shows the superintendent the files", async () => {
    const html = await (await superintendent.get("/districts/riverbend/data")).text();
    expect(hrefs(html)).toEqual(expect.arrayContaining([FILE, FILE.replace("schools", "measures")]));
  });

  it("leads every link the family member sees to a page, never to JSON", async () => {
    for (const page of ["/districts", "/districts/riverbend", "/districts/riverbend/data"]) {
      const links = hrefs(await (await family.get(page)).text()).filter(
        (h) => h.startsWith("/") && !h.startsWith("/build/"),
      );
      for (const link of links) {
        const res = await follow(link, family);
        expect(`${page} → ${link}: ${res.headers["content-type"]}`).not.toMatch(/json/);
      }
    }
  });
});

describe("a refused download", () => {
  it("answers a browser with an HTML page in the reader's language and the way back", async () => {
    const res = await follow(FILE, family);
    expect(res.status).toBe(403);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.body).toContain("<h1>Not allowed</h1>");
    expect(hrefs(res.body)).toContain("/districts/riverbend/data");
    expect((await follow(FILE, family, "lang=es")).body).toContain("Volver a los datos del distrito");
  });

  it("stays JSON for programs", async () => {
    const res = await family.get(FILE, { Accept: "application/json" });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });
  });

  it("sends a signed-out browser to sign in, and back", async () => {
    const res = await follow(FILE);
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(`/login?redirectTo=${encodeURIComponent(FILE)}`);
  });
});
