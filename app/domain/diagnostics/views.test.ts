import { describe, expect, it } from "vitest";
import { isMessageKey } from "../../i18n/translate";
import { m, pkg, school } from "../metrics/test-package";
import type { MeasureRow } from "../district-data/types";
import { diagnosticViews, quartileFinding, spendingFinding } from "./views";

// Eight schools, two per poverty quartile (n = 8): Q1 = A, B; Q2 = C, D; Q3 = E, F; Q4 = G, H.
// Q1 and Q4 each enroll 100 + 300 students, so their means are weighted 1 : 3.
const schools = [
  school("A", 100, 5),
  school("B", 300, 10),
  school("C", 200, 20),
  school("D", 200, 30),
  school("E", 200, 40),
  school("F", 200, 50),
  school("G", 100, 70),
  school("H", 300, 90),
];
const data = (measures: MeasureRow[]) => pkg(schools, measures);
const findings = (measures: MeasureRow[], dimension: Parameters<typeof diagnosticViews>[1]) =>
  diagnosticViews(data(measures), dimension, { suppressSmallCells: true }).map((v) => v.finding);

describe("findings of the quartile dimensions", () => {
  it("leadership: principals' tenure, highest- against lowest-poverty schools", () => {
    // Q1 = (6·100 + 4·300) / 400 = 4.5 years; Q4 = (2·100 + 2.4·300) / 400 = 2.3 years.
    const tenure = [m("A", "principal_tenure_years", 6), m("B", "principal_tenure_years", 4)];
    tenure.push(m("G", "principal_tenure_years", 2), m("H", "principal_tenure_years", 2.4));
    expect(findings(tenure, "leadership_quality")).toEqual([
      { key: "diag.finding.tenureLower", params: { q4: "2.3", q1: "4.5", diff: "2.2" } },
    ]);
  });

  it("instructional time: class size differs, intervention minutes do not clearly", () => {
    const measures = [
      // Q1 = (20·100 + 24·300) / 400 = 23.0 students; Q4 = (28·100 + 26·300) / 400 = 26.5.
      m("A", "avg_core_class_size", 20),
      m("B", "avg_core_class_size", 24),
      m("G", "avg_core_class_size", 28),
      m("H", "avg_core_class_size", 26),
      // Q1 = (100·100 + 120·300) / 400 = 115 minutes; Q4 = 118: a gap of 3 is under 5% of 118.
      m("A", "intervention_minutes_weekly", 100),
      m("B", "intervention_minutes_weekly", 120),
      m("G", "intervention_minutes_weekly", 118),
      m("H", "intervention_minutes_weekly", 118),
      // Reported for one group only: not the all-students figure the view reads.
      m("G", "intervention_minutes_weekly", 500, "low_income"),
    ];
    expect(findings(measures, "instructional_time")).toEqual([
      { key: "diag.finding.classSizeHigher", params: { q4: "26.5", q1: "23.0", diff: "3.5" } },
      { key: "diag.finding.interventionEven", params: { q4: "118", q1: "115", diff: "3" } },
    ]);
  });

  it("early learning: pre-K seats per 1,000 students, and a note when waitlists are not reported", () => {
    // Q1 = (10 + 2) / 400 · 1000 = 30.0 seats per 1,000; Q4 = (20 + 16) / 400 · 1000 = 90.0.
    const seats = [
      m("A", "prek_seats", 10),
      m("B", "prek_seats", 2),
      m("G", "prek_seats", 20),
      m("H", "prek_seats", 16),
    ];
    expect(findings(seats, "early_learning")).toEqual([
      { key: "diag.finding.prekSeatsHigher", params: { q4: "90.0", q1: "30.0", diff: "60.0" } },
      { key: "diag.finding.quartileMissing", params: { measure: "measure.prek_waitlist" } },
    ]);
  });

  it("facilities: building condition, and a note when one end of the comparison is unknown", () => {
    // Q1 = (80·100 + 76·300) / 400 = 77; Q4 = (60·100 + 64·300) / 400 = 63.
    const condition = [
      m("A", "facility_condition_index", 80),
      m("B", "facility_condition_index", 76),
      m("G", "facility_condition_index", 60),
      m("H", "facility_condition_index", 64),
    ];
    expect(findings(condition, "facilities")).toEqual([
      { key: "diag.finding.facilitiesLower", params: { q4: "63", q1: "77", diff: "14" } },
    ]);
    // Suppressed values are unknown, not 0: with both Q4 schools suppressed there is nothing to compare.
    const hidden = [
      ...condition.slice(0, 2),
      m("G", "facility_condition_index", "*"),
      m("H", "facility_condition_index", "*"),
    ];
    expect(findings(hidden, "facilities")).toEqual([
      { key: "diag.finding.quartileIncomplete", params: { measure: "measure.facility_condition_index" } },
    ]);
    expect(findings([], "facilities")).toEqual([
      { key: "diag.finding.quartileMissing", params: { measure: "measure.facility_condition_index" } },
    ]);
  });

  it("calls a gap under 5% of the larger figure, or one that rounds away, no clear difference", () => {
    const at = (q1: number, q4: number) => quartileFinding("avg_core_class_size", [q1, null, null, q4]).key;
    expect(at(20, 20.04)).toBe("diag.finding.classSizeEven"); // both read 20.0
    expect(at(20, 21)).toBe("diag.finding.classSizeEven"); // 1 < 0.05 · 21
    expect(at(20, 21.1)).toBe("diag.finding.classSizeHigher"); // 1.1 ≥ 0.05 · 21.1
    expect(at(21.1, 20)).toBe("diag.finding.classSizeLower");
    expect(quartileFinding("prek_waitlist", [0, 0, 0, 0])).toEqual({
      key: "diag.finding.prekWaitlistEven",
      params: { q4: "0.0", q1: "0.0", diff: "0.0" },
    });
  });

  it("writes every finding with a message that exists", () => {
    const keys = (["principal_tenure_years", "avg_core_class_size", "intervention_minutes_weekly"] as const).flatMap(
      (measure) =>
        [
          [1, 1],
          [1, 2],
          [2, 1],
          [null, 1],
          [null, null],
        ].map(([q1, q4]) => quartileFinding(measure, [q1!, null, null, q4!]).key),
    );
    for (const measure of ["prek_seats", "prek_waitlist", "facility_condition_index"] as const) {
      keys.push(
        ...[
          [10, 10],
          [10, 20],
          [20, 10],
        ].map(([q1, q4]) => quartileFinding(measure, [q1!, null, null, q4!]).key),
      );
    }
    for (const key of keys) expect(isMessageKey(key), key).toBe(true);
  });
});

describe("findings and figures a family member must not see", () => {
  const view = (d: ReturnType<typeof pkg>, dimension: Parameters<typeof diagnosticViews>[1], suppress: boolean) =>
    diagnosticViews(d, dimension, { suppressSmallCells: suppress })[0]!;

  // A offers Algebra 1: 5 white eighth graders (3 enrolled) and 40 Latinx (10 enrolled); B does not: 60 Latinx.
  // White: a = 1, c = 0.6, r = 0.6. Latinx: a = 40/100, c = 10/40, r = 0.1. Gap 0.5;
  // access part (1 − 0.4)(0.6 + 0.25)/2 = 0.255, so 51% of the gap is about access.
  const algebra = pkg(
    [school("A", 300, 20, { level: "middle" }), school("B", 300, 80, { level: "middle" })],
    [
      m("A", "offers_grade8_algebra1", 1),
      m("B", "offers_grade8_algebra1", 0),
      m("A", "grade8_students", 5, "white"),
      m("A", "grade8_algebra1_enrolled", 3, "white"),
      m("A", "grade8_students", 40, "latinx"),
      m("A", "grade8_algebra1_enrolled", 10, "latinx"),
      m("B", "grade8_students", 60, "latinx"),
      m("B", "grade8_algebra1_enrolled", 0, "latinx"),
    ],
  );

  it("states the Algebra comparison to staff, and to others says only that it is hidden when a group is small", () => {
    expect(view(algebra, "rigorous_content", false).finding).toEqual({
      key: "diag.finding.algebra",
      params: { focal: 10, reference: 60, share: 51 },
    });
    const family = view(algebra, "rigorous_content", true);
    // The white rate (60%) rests on 5 students: neither it nor the gap or its split may be stated.
    expect(family.finding).toEqual({ key: "diag.finding.algebraHidden" });
    expect(family.series.map((s) => s.values[0])).toEqual([null, null, null]);
    expect(isMessageKey("diag.finding.algebraHidden")).toBe(true);
  });

  // One school of 400: 8 low-income students, 50% chronically absent; 392 others at 10%. All students:
  // (50·8 + 10·392) / 400 = 10.8%, so showing 10.8 and 10 would give (10.8·400 − 10·392) / 8 = 50 back.
  const absence = pkg(
    [school("S", 400, 2)],
    [
      m("S", "enrollment_by_group", 8, "low_income"),
      m("S", "enrollment_by_group", 392, "not_low_income"),
      m("S", "chronic_absence_pct", 10.8, "all"),
      m("S", "chronic_absence_pct", 50, "low_income"),
      m("S", "chronic_absence_pct", 10, "not_low_income"),
    ],
  );

  it("hides the complementary group's rate beside a hidden one when the rate for all students is shown", () => {
    const staff = view(absence, "school_climate", false);
    expect(staff.categories.map((c) => c.key)).toEqual([
      "studentGroup.all",
      "studentGroup.low_income",
      "studentGroup.not_low_income",
    ]);
    expect(staff.series[0]!.values).toEqual([10.8, 50, 10]);
    const family = view(absence, "school_climate", true);
    // Rates reach restricted readers in whole percents.
    expect(family.series[0]!.values).toEqual([11, null, null]);
    // The finding compares the two hidden rates: it is left out.
    expect(family.finding).toBeNull();
  });

  it("does not print an unknown spending slope as $0", () => {
    // Every school at the same poverty level: quartiles by school id, but no slope.
    const flat = pkg(
      schools.map((s) => ({ ...s, pctLowIncome: 50 })),
      schools.map((s, i) => m(s.schoolId, "per_pupil_spending", i < 2 ? 10000 : 12000)),
    );
    const finding = view(flat, "school_funding", true).finding;
    expect(finding).toEqual({ key: "diag.finding.spendingMoreNoSlope", params: { pct: 20 } });
    expect(spendingFinding(0.9, null)).toEqual({ key: "diag.finding.spendingLessNoSlope", params: { pct: 10 } });
    expect(spendingFinding(0.9, 123.4)).toEqual({
      key: "diag.finding.spendingLess",
      params: { pct: 10, slope: { usd: 123, signed: true } },
    });
    expect(spendingFinding(null, 5)).toBeNull();
    for (const key of ["diag.finding.spendingLessNoSlope", "diag.finding.spendingMoreNoSlope"])
      expect(isMessageKey(key), key).toBe(true);
  });
});
