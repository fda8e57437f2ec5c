import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollOptions, polls } from "../../db/schema";
import type { TestClient } from "../helpers/client";
import { demoMember, startDemoServer } from "../helpers/demo";
import { shownMarkup } from "../helpers/html";
import type { TestServer } from "../helpers/server";
import { signedUp } from "../helpers/workspace";

const PAGE = "/workspaces/family-budget-priorities/polls/new";

let app: TestServer;
let sup: TestClient;
let rosa: TestClient;

beforeAll(async () => {
  app = await startDemoServer();
  sup = await demoMember(app.url, "superintendent");
  rosa = await demoMember(app.url, "family");
});
afterAll(() => app.close());

const pollsTitled = (title: string) => app.db.select().from(polls).where(eq(polls.title, title));

describe("the New vote page", () => {
  it("is for those who may create votes: 403 for a family member, 404 for an outsider", async () => {
    expect((await sup.get(PAGE)).status).toBe(200);
    expect((await rosa.get(PAGE)).status).toBe(403);
    const stranger = await signedUp(app.url, "Outside Oscar", "oscar-new-vote");
    expect((await stranger.get(PAGE)).status).toBe(404);
    expect((await rosa.postForm(PAGE, { title: "Sneaky", budget: "10" })).status).toBe(403);
    expect(await pollsTitled("Sneaky")).toHaveLength(0);
  });

  it("creates a draft from the form: blank rows skipped, schools and dimensions kept, times in the writer's zone", async () => {
    const res = await sup.postForm(PAGE, [
      ["rows", "6"],
      ["intent", "create"],
      ["title", "Library hours, by form"],
      ["description", "Which hours should the libraries add?"],
      ["budget", "2500.50"],
      ["ballotType", "approval"],
      ["maxOptions", "1"],
      ["options.0.title", "Saturday mornings"],
      ["options.0.cost", "1200"],
      ["options.0.dimension", "instructional_time"],
      ["options.0.schools", "RUSD-001"],
      ["options.0.schools", "RUSD-030"],
      ["options.2.title", "Weekday evenings"],
      ["options.2.cost", "1300.25"],
      ["eligibleGroups", "family"],
      ["eligibleGroups", "student"],
      ["opensAt", "2030-03-01T08:00"],
      ["opensAtIso", "2030-03-01T16:00:00.000Z"],
      ["closesAt", "2030-03-15T20:00"],
      ["results", "live"],
    ]);
    expect(res.status).toBe(302);
    const [poll] = await pollsTitled("Library hours, by form");
    expect(res.headers.get("location")).toBe(`/workspaces/family-budget-priorities/polls/${poll!.id}`);
    expect(poll).toMatchObject({
      state: "draft",
      budget: "2500.50",
      ballot: { type: "approval", maxOptions: 1 },
      eligibleGroups: ["family", "student"],
      results: "live",
    });
    // The script's instant where there was one; the field's wall time as UTC where there was not.
    expect(poll!.opensAt!.toISOString()).toBe("2030-03-01T16:00:00.000Z");
    expect(poll!.closesAt!.toISOString()).toBe("2030-03-15T20:00:00.000Z");
    const options = await app.db.select().from(pollOptions).where(eq(pollOptions.pollId, poll!.id));
    expect(options.map((o) => [o.code, o.title, o.cost, o.dimension, o.schools])).toEqual([
      ["P1", "Saturday mornings", "1200", "instructional_time", ["RUSD-001", "RUSD-030"]],
      ["P2", "Weekday evenings", "1300.25", null, []],
    ]);
  });

  it("refuses a bad form with a message beside each field, on the row it is about, and stores nothing", async () => {
    const res = await sup.postForm(PAGE, [
      ["rows", "6"],
      ["intent", "create"],
      ["title", "Broken vote"],
      ["budget", "-5"],
      ["ballotType", "points"],
      ["points", "abc"],
      ["options.1.title", "Only row two"],
      ["options.1.cost", "12.345"],
      ["options.3.title", "Row four"],
      ["options.3.cost", "10"],
      ["options.3.schools", "no-such-school"],
    ]);
    expect(res.status).toBe(422);
    const page = shownMarkup(await res.text());
    expect(page).toMatch(/The vote was not saved: \d+ fields need a change/);
    expect(page).toContain("Enter an amount above 0, with at most two decimals.");
    // The bad cost is on the form's second row, the unknown school on its fourth.
    expect(page).toMatch(/name="options\.1\.cost"[^>]*aria-invalid="true"/);
    expect(page).toMatch(/id="option-3-schools"/);
    // What was typed comes back, to be corrected rather than typed again.
    expect(page).toMatch(/name="options\.3\.title"[^>]*value="Row four"|value="Row four"[^>]*name="options\.3\.title"/);
    expect(await pollsTitled("Broken vote")).toHaveLength(0);
  });

  it("adds option rows without JavaScript, keeping what was typed", async () => {
    const res = await sup.postForm(PAGE, [
      ["rows", "6"],
      ["intent", "moreRows"],
      ["title", "Half-written vote"],
    ]);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('name="options.11.title"');
    expect(page).not.toContain('name="options.12.title"');
    expect(page).toContain('value="Half-written vote"');
  });
});
