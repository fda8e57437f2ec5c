import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FundingSimulation, SimulatedSchool } from "../../app/domain/diagnostics/funding-simulator";
import { parseDataPackage } from "../../app/domain/district-data/parse";
import { TestClient } from "../helpers/client";
import { demoMember, startDemoServer } from "../helpers/demo";
import { riverbend, uploadPackage } from "../helpers/district-data";
import type { TestServer } from "../helpers/server";
import { signedUp } from "../helpers/workspace";
import { shownMarkup } from "../helpers/html";

let app: TestServer;
let superintendent: TestClient;
let family: TestClient;

beforeAll(async () => {
  app = await startDemoServer();
  superintendent = await demoMember(app.url, "superintendent");
  family = await demoMember(app.url, "family");
});
afterAll(() => app.close());

type ApiResult = Omit<FundingSimulation, "weights"> & {
  version: number;
  weights: Record<string, number>;
  smallCellsHidden: boolean;
};
const api = "/districts/riverbend/metrics/need-weighted-funding";
const sum = (schools: SimulatedSchool[], f: (s: SimulatedSchool) => number | null) =>
  schools.reduce((t, s) => t + f(s)!, 0);

const route = "routes/workspaces.$workspace.diagnostic.($dimension)";
type PageData = {
  simulator: {
    values: Record<string, string>;
    errors: Record<string, string> | null;
    simulation: FundingSimulation | null;
  } | null;
};
async function pageData(client: TestClient, workspace: string, dimension: string, query = "") {
  const res = await client.get(
    `/workspaces/${workspace}/diagnostic/${dimension}?${query}${query ? "&" : ""}_data=${encodeURIComponent(route)}`,
  );
  expect(res.status).toBe(200);
  return (await res.json()) as PageData;
}

describe("need-weighted funding API", () => {
  it("shares the same total budget out by need-weighted enrollment, with the weights asked for", async () => {
    const res = await superintendent.api("GET", `${api}?low_income=0.5&english_learner=0.1&disability=1.5`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as ApiResult;
    expect(body).toMatchObject({
      version: 1,
      weights: { low_income: 0.5, english_learner: 0.1, disability: 1.5 },
      smallCellsHidden: false,
      excluded: [],
    });
    expect(body.schools).toHaveLength(40);
    expect(sum(body.schools, (s) => s.current)).toBeCloseTo(body.totalBudget!, 2);
    expect(sum(body.schools, (s) => s.needWeighted)).toBeCloseTo(body.totalBudget!, 2);
    expect(sum(body.schools, (s) => s.difference)).toBeCloseTo(0, 2);
    // Largest gain first.
    const differences = body.schools.map((s) => s.difference!);
    expect(differences).toEqual([...differences].sort((a, b) => b - a));
    expect(body.summary.gain + body.summary.lose + body.summary.same).toBe(40);
    expect(body.summary.largestGain!.schoolName).toBe(body.schools[0]!.schoolName);

    // Each weight applies to its own percent (DATA-FORMAT.md's columns), checked from the files.
    const parsed = parseDataPackage(riverbend);
    if (!parsed.ok) throw new Error("the demo package does not parse");
    const weighted = new Map(
      parsed.data.schools.map((s) => [
        s.schoolId,
        s.enrollment *
          (1 +
            (0.5 * s.pctLowIncome) / 100 +
            (0.1 * (s.pctEnglishLearners ?? 0)) / 100 +
            (1.5 * (s.pctStudentsWithDisabilities ?? 0)) / 100),
      ]),
    );
    const total = [...weighted.values()].reduce((t, w) => t + w, 0);
    for (const s of body.schools) {
      expect(s.needWeighted! / body.totalBudget!, s.schoolId).toBeCloseTo(weighted.get(s.schoolId)! / total, 9);
    }
  });

  it("takes the defaults for absent weights, and with no weights gives every school the district average", async () => {
    const defaults = (await (await superintendent.api("GET", api)).json()) as ApiResult;
    expect(defaults.weights).toEqual({ low_income: 0.3, english_learner: 0.2, disability: 0.9 });
    const flat = (await (
      await superintendent.api("GET", `${api}?low_income=0&english_learner=0&disability=0&version=1`)
    ).json()) as ApiResult;
    const average = flat.totalBudget! / sum(flat.schools, (s) => s.enrollment);
    for (const s of flat.schools) expect(s.needWeightedPerPupil).toBeCloseTo(average, 6);
  });

  it("refuses a bad weight with 422 and says which, and a bad version as the other metrics do", async () => {
    const notNumber = await superintendent.api("GET", `${api}?disability=lots`);
    expect(notNumber.status).toBe(422);
    expect(await notNumber.json()).toEqual({
      error: {
        code: "validation_failed",
        message: "Some weights are not valid.",
        details: { fields: { disability: "Enter a number, for example 0.3." } },
      },
    });
    const outOfRange = await superintendent.api("GET", `${api}?low_income=-1&english_learner=4`);
    expect(outOfRange.status).toBe(422);
    expect((await outOfRange.json()).error.details.fields).toEqual({
      low_income: "Enter a weight from 0 to 3.",
      english_learner: "Enter a weight from 0 to 3.",
    });
    expect((await superintendent.api("GET", `${api}?version=abc`)).status).toBe(400);
    expect((await superintendent.api("GET", `${api}?version=99`)).status).toBe(404);
    expect((await superintendent.api("POST", api, {})).status).toBe(405);
  });

  it("is a 404 for anyone outside the district, whatever the weights", async () => {
    const stranger = await signedUp(app.url, "Sam Stranger", "stranger");
    expect((await stranger.api("GET", api)).status).toBe(404);
    expect((await stranger.api("GET", `${api}?disability=lots`)).status).toBe(404);
    expect((await new TestClient(app.url).api("GET", api)).status).toBe(401);
  });
});

describe("need-weighted funding simulator page", () => {
  it("shows the simulator with its default weights on the School funding dimension only", async () => {
    const html = await (
      await superintendent.get("/workspaces/cabinet-strategic-plan/diagnostic/school_funding")
    ).text();
    expect(html).toContain("Need-weighted funding simulator");
    expect(html).toMatch(
      /<form method="get" action="\/workspaces\/cabinet-strategic-plan\/diagnostic\/school_funding#simulator"/,
    );
    expect(html).toMatch(/name="low_income"[^>]*value="0.3"|value="0.3"[^>]*name="low_income"/);
    expect(html).toMatch(
      /At the same total budget of \$[\d,]+, \d+ of 40 schools would receive more and \d+ would receive less\./,
    );
    expect(html).toContain("The largest gain: ");
    expect(html).toContain("Current and need-weighted allocation by school, largest gain first");
    // Without a dimension in the path, the diagnostic opens on School funding, simulator included.
    expect(await (await superintendent.get("/workspaces/cabinet-strategic-plan/diagnostic")).text()).toContain(
      "Need-weighted funding simulator",
    );
    expect((await pageData(superintendent, "cabinet-strategic-plan", "teaching_quality")).simulator).toBeNull();
  });

  it("titles the diagnostic and data views pages in the reader's language", async () => {
    const title = async (path: string, lang: string) => {
      const html = await (
        await superintendent.get(path, { Cookie: `${superintendent.cookieHeader()}; lang=${lang}` })
      ).text();
      return /<title>([^<]*)<\/title>/.exec(html)![1];
    };
    const diagnostic = "/workspaces/cabinet-strategic-plan/diagnostic/school_funding";
    const views = "/workspaces/cabinet-strategic-plan/views";
    expect(await title(diagnostic, "en")).toBe("Data diagnostic · Equity Workspaces");
    expect(await title(diagnostic, "es")).toBe("Diagnóstico de datos · Espacios de Equidad");
    expect(await title(views, "en")).toBe("Data views · Equity Workspaces");
    expect(await title(views, "es")).toBe("Vistas de datos · Espacios de Equidad");
  });

  it("simulates the weights in the link, the same as the API", async () => {
    const query = "low_income=0.5&english_learner=0.1&disability=1.5";
    const { simulator } = await pageData(superintendent, "cabinet-strategic-plan", "school_funding", query);
    expect(simulator!.errors).toBeNull();
    expect(simulator!.values).toEqual({ low_income: "0.5", english_learner: "0.1", disability: "1.5" });
    const fromApi = (await (await superintendent.api("GET", `${api}?${query}`)).json()) as ApiResult;
    expect(simulator!.simulation!.schools).toEqual(fromApi.schools);
    expect(simulator!.simulation!.summary).toEqual(fromApi.summary);
  });

  it("explains a bad weight next to its field, keeps what was typed and simulates nothing", async () => {
    const res = await superintendent.get(
      "/workspaces/cabinet-strategic-plan/diagnostic/school_funding?low_income=lots&disability=9",
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Enter a number, for example 0.3.");
    expect(html).toContain("Enter a weight from 0 to 3.");
    expect(html).toContain("Some weights are not valid: see the marked fields. Nothing was simulated.");
    expect(html).toMatch(/value="lots"/);
    expect(html).toMatch(/aria-invalid="true"/);
    expect(shownMarkup(html)).not.toContain("At the same total budget");
    const { simulator } = await pageData(
      superintendent,
      "cabinet-strategic-plan",
      "school_funding",
      "low_income=lots&disability=9",
    );
    expect(simulator).toMatchObject({
      errors: { low_income: "validation.needWeightNumber", disability: "validation.needWeightRange" },
      simulation: null,
    });
  });

  it("leaves a school of fewer than 10 students out of the simulation members outside cabinet and district staff see", async () => {
    // A new version in which Alder Grove (RUSD-001) has 8 students.
    const schools = riverbend.schools.replace(/^(RUSD-001,[^,]+,elementary,)372,/m, "$18,");
    expect(schools).not.toBe(riverbend.schools);
    const imported = await uploadPackage(superintendent, "riverbend", { schools, measures: riverbend.measures });
    expect(imported.status).toBe(201);

    const staff = (await pageData(superintendent, "family-budget-priorities", "school_funding")).simulator!.simulation!;
    const fam = (await pageData(family, "family-budget-priorities", "school_funding")).simulator!.simulation!;
    expect(staff.schools.map((s) => s.schoolId)).toContain("RUSD-001");
    // For the family, Alder Grove's figures are hidden, so its dollars are not in the budget shared
    // either: no figure they see (a school's share, the total) rests on it.
    expect(fam.schools.map((s) => s.schoolId)).not.toContain("RUSD-001");
    expect(fam.excluded).toContainEqual({
      schoolId: "RUSD-001",
      schoolName: "Alder Grove Elementary School",
      reason: "suppressed",
    });
    expect(fam.schools.some((s) => s.hidden)).toBe(false);
    const shownBudget = fam.schools.reduce((sum, s) => sum + s.current!, 0);
    expect(fam.totalBudget).toBeCloseTo(shownBudget, 2);
    expect(fam.totalBudget!).toBeLessThan(staff.totalBudget!);
    // Each shown school's current allocation is its own, the same for everyone.
    const staffById = new Map(staff.schools.map((s) => [s.schoolId, s]));
    for (const s of fam.schools) expect(s.current).toBe(staffById.get(s.schoolId)!.current);
    const html = await (await family.get("/workspaces/family-budget-priorities/diagnostic/school_funding")).text();
    expect(html).toMatch(
      /Left out because their spending is not reported or is hidden, or they have no students: [^.]*Alder Grove Elementary School/,
    );

    // The API does the same for a caller who reads the district through a workspace.
    const viaApi = (await (await family.api("GET", api)).json()) as ApiResult;
    expect(viaApi.smallCellsHidden).toBe(true);
    expect(viaApi.schools.map((s) => s.schoolId)).toEqual(fam.schools.map((s) => s.schoolId));
    expect((await (await superintendent.api("GET", api)).json()).smallCellsHidden).toBe(false);
  });
});
