import { describe, expect, it } from "vitest";
import { isMessageKey } from "../../i18n/translate";
import { m, pkg, school } from "../metrics/test-package";
import type { MeasureRow } from "../district-data/types";
import { diagnosticViews, quartileFinding } from "./views";

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
        ].map(([q1, q4]) => quartileFinding(measure, [q1!, null, null, q4!]).key)
    );
    for (const measure of ["prek_seats", "prek_waitlist", "facility_condition_index"] as const) {
      keys.push(
        ...[
          [10, 10],
          [10, 20],
          [20, 10],
        ].map(([q1, q4]) => quartileFinding(measure, [q1!, null, null, q4!]).key)
      );
    }
    for (const key of keys) expect(isMessageKey(key), key).toBe(true);
  });
});
