import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ballots } from "../../db/schema";
import type { TestClient } from "../helpers/client";
import { demoMember, startDemoServer } from "../helpers/demo";
import { shownMarkup } from "../helpers/html";
import type { TestServer } from "../helpers/server";

// Names every plain JavaScript object answers to ("__proto__", "constructor", "toString") are
// ordinary text when a person writes them: an option code, a form field's name, a file's key.
// Looked up in a plain object they would find Object's own members instead, and crash a page
// or drop what was sent.

const WORKSPACE = "family-budget-priorities";
const NAMES = ["__proto__", "constructor", "toString"];

let app: TestServer;
let sup: TestClient;
let rosa: TestClient;

beforeAll(async () => {
  app = await startDemoServer();
  sup = await demoMember(app.url, "superintendent");
  rosa = await demoMember(app.url, "family");
});
afterAll(() => app.close());

describe("names Object answers to, written by people", () => {
  it("as option codes: the ballot page shows them and a points ballot from its form keeps every one", async () => {
    const created = await sup.api("POST", `/workspaces/${WORKSPACE}/polls`, {
      title: "Options named like Object's members",
      budget: 100000,
      ballot: { type: "points", points: 10 },
      options: NAMES.map((code, i) => ({ code, title: `Option ${i + 1}`, cost: 1000 })),
      eligibleGroups: ["family"],
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await sup.api("PATCH", `/polls/${id}`, { state: "open" })).status).toBe(200);

    const page = `/workspaces/${WORKSPACE}/polls/${id}`;
    const view = await rosa.get(page);
    expect(view.status).toBe(200);
    const html = shownMarkup(await view.text());
    for (const code of NAMES) expect(html).toContain(`name="points.${code}"`);

    const voted = await rosa.postForm(page, [
      ["intent", "vote"],
      ["points.__proto__", "5"],
      ["points.constructor", "3"],
      ["points.toString", "2"],
    ]);
    expect(voted.status).toBe(200);
    const [ballot] = await app.db.select().from(ballots).where(eq(ballots.pollId, id));
    expect(ballot!.choices).toEqual([
      { code: "__proto__", points: 5 },
      { code: "constructor", points: 3 },
      { code: "toString", points: 2 },
    ]);
  });

  it("as form field names: the New vote form comes back with what was typed, not a server error", async () => {
    const res = await sup.postForm(`/workspaces/${WORKSPACE}/polls/new`, [
      ["intent", "moreRows"],
      ["rows", "3"],
      ["title", "Kept title"],
      ["constructor", "x"],
      ["toString", "y"],
      ["__proto__", "z"],
    ]);
    expect(res.status).toBe(200);
    expect(shownMarkup(await res.text())).toContain('value="Kept title"');
  });
});
