import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DiagnosticView } from "../../app/domain/diagnostics/views";
import { viewTextRenderer } from "../../app/domain/diagnostics/view-text";
import type { TestClient } from "../helpers/client";
import { demoMember, startDemoServer } from "../helpers/demo";
import { riverbend, uploadPackage } from "../helpers/district-data";
import type { TestServer } from "../helpers/server";
import { signedUp } from "../helpers/workspace";

let app: TestServer;
let superintendent: TestClient;
let family: TestClient;

beforeAll(async () => {
  app = await startDemoServer();
  superintendent = await demoMember(app.url, "superintendent");
  family = await demoMember(app.url, "family");
});
afterAll(() => app.close());

const route = "routes/workspaces.$workspace.diagnostic.($dimension)";
/** The page's loader data: exactly what reaches the member's browser. */
async function diagnostic(client: TestClient, workspace: string, dimension: string) {
  const res = await client.get(`/workspaces/${workspace}/diagnostic/${dimension}?_data=${encodeURIComponent(route)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { version: number; suppressed: boolean; views: DiagnosticView[] };
}

describe("diagnostic", () => {
  it("answers each dimension's question in plain language from the district's data", async () => {
    const funding = await diagnostic(superintendent, "cabinet-strategic-plan", "school_funding");
    expect(funding.version).toBe(1);
    expect(funding.views[0]!.finding).toMatchObject({ key: "diag.finding.spendingLess" });
    const teaching = await diagnostic(superintendent, "cabinet-strategic-plan", "teaching_quality");
    const novice = teaching.views.find((v) => v.id === "novice_by_quartile")!;
    const ratio = Number(novice.finding!.params!.ratio);
    const [q1, , , q4] = novice.series[0]!.values as number[];
    expect(ratio).toBeCloseTo(q4! / q1!, 1);
    expect(ratio).toBeGreaterThan(2);
    const html = await (
      await superintendent.get("/workspaces/cabinet-strategic-plan/diagnostic/teaching_quality")
    ).text();
    expect(html).toMatch(/Students in the highest-poverty schools are \d\.\d times as likely to have a novice teacher/);
  });

  it("writes a finding for the facilities, from the same figures as its chart", async () => {
    const facilities = await diagnostic(superintendent, "cabinet-strategic-plan", "facilities");
    const view = facilities.views[0]!;
    const [q1, , , q4] = view.series[0]!.values as number[];
    expect(view.finding!.key).toMatch(/^diag\.finding\.facilities(Higher|Lower|Even)$/);
    expect(view.finding!.params).toMatchObject({ q1: q1!.toFixed(0), q4: q4!.toFixed(0) });
    const html = await (await superintendent.get("/workspaces/cabinet-strategic-plan/diagnostic/facilities")).text();
    expect(html).toContain(viewTextRenderer("en")(view.finding!));
    expect(html).toMatch(
      /Buildings of the highest-poverty schools (score \d+ out of 100|are in about the same condition)/,
    );
  });

  it("removes small cells on the server for members outside cabinet and district staff", async () => {
    // A new version in which only one school reports Pacific Islander students: 5 of them.
    const measures = riverbend.measures
      .split("\n")
      .filter((line) => !line.includes(",pacific_islander,") || line.startsWith("RUSD-001,"))
      .join("\n");
    const imported = await uploadPackage(superintendent, "riverbend", { schools: riverbend.schools, measures });
    expect(imported.status).toBe(201);

    const staffView = await diagnostic(superintendent, "family-budget-priorities", "school_climate");
    const familyView = await diagnostic(family, "family-budget-priorities", "school_climate");
    expect([staffView.version, familyView.version]).toEqual([2, 2]);
    expect(staffView.suppressed).toBe(false);
    expect(familyView.suppressed).toBe(true);
    const value = (d: typeof staffView, group: string) => {
      const view = d.views.find((v) => v.id === "chronic_absence_pct_by_group")!;
      return view.series[0]!.values[view.categories.findIndex((c) => c.key === `studentGroup.${group}`)];
    };
    expect(value(staffView, "pacific_islander")).toBe(40);
    expect(value(familyView, "pacific_islander")).toBeNull();
    // Large groups are shown to both, to families as whole percents (no rate can be turned back into a count).
    expect(value(familyView, "all")).toBe(Math.round(value(staffView, "all")!));
    expect(Number.isInteger(value(familyView, "latinx"))).toBe(true);
    expect(Math.abs(value(familyView, "latinx")! - value(staffView, "latinx")!)).toBeLessThan(2);
  });

  it("is as invisible as the workspace to non-members, and refuses unknown dimensions", async () => {
    const stranger = await signedUp(app.url, "Sam Stranger", "stranger");
    expect((await stranger.get("/workspaces/cabinet-strategic-plan/diagnostic/school_funding")).status).toBe(404);
    expect((await superintendent.get("/workspaces/cabinet-strategic-plan/diagnostic/astrology")).status).toBe(404);
  });
});
