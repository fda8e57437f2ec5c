import { describe, expect, it } from "vitest";
import { counselorRatios, RECOMMENDED_COUNSELORS_PER_1000 } from "./counselor-ratios";
import { known, suppressed, unavailable } from "./figure";
import { m, pkg, school } from "./test-package";

const schools = [
  school("S1", 500, 10),
  school("S2", 600, 20),
  school("S3", 300, 30),
  school("S4", 200, 40),
  school("S5", 100, 50),
  school("S6", 50, 60),
];
const measures = [
  m("S1", "counselors_fte", 2),
  m("S2", "counselors_fte", 1.5),
  m("S3", "counselors_fte", 1.2),
  m("S4", "counselors_fte", 0),
  m("S5", "counselors_fte", "*"),
  // S6: not reported
];

describe("counselorRatios", () => {
  it("250:1 is 4 per 1,000", () => expect(RECOMMENDED_COUNSELORS_PER_1000).toBe(4));

  it("per school: counselors per 1,000, students per counselor, meets 250:1 or not", () => {
    const r = counselorRatios(pkg(schools, measures));
    const rows = r.schools.map((s) => [s.schoolId, s.counselorsPer1000, s.studentsPerCounselor, s.meetsRecommendation]);
    expect(rows).toEqual([
      ["S1", known(4), known(250), true], // 2·1000/500 = 4; 500/2 = 250: exactly at the line meets it
      ["S2", known(2.5), known(400), false], // 1.5·1000/600 = 2.5; 600/1.5 = 400
      ["S3", known(4), known(300 / 1.2), true], // 1.2·1000/300 = 4 (1200/300, no float drift); 300/1.2 ≈ 250
      ["S4", known(0), unavailable("zero_denominator"), false], // no counselor: no "students per counselor"
      ["S5", suppressed(), suppressed(), null],
      ["S6", unavailable("no_data"), unavailable("no_data"), null],
    ]);
  });

  it("district-wide over schools with a known count", () => {
    // (2 + 1.5 + 1.2 + 0)·1000/(500 + 600 + 300 + 200) = 4700/1600 = 2.9375 per 1,000; 1600/4.7 ≈ 340 students each
    const { district } = counselorRatios(pkg(schools, measures));
    expect(district.counselorsPer1000.kind === "value" && district.counselorsPer1000.value).toBeCloseTo(2.9375, 12);
    expect(district.studentsPerCounselor.kind === "value" && district.studentsPerCounselor.value).toBeCloseTo(
      1600 / 4.7,
      9,
    );
    expect(district.enrollment).toBe(1600);
    expect(district.meetsRecommendation).toBe(false);
    expect(district.schoolsMeeting).toBe(2);
    expect(district.coverage).toEqual({ schoolsIncluded: 4, schoolsSuppressed: 1, schoolsMissing: 1 });
  });

  it("only hidden counts: district figures suppressed", () => {
    const { district } = counselorRatios(pkg(schools.slice(4, 5), measures.slice(4)));
    expect(district.counselorsFte).toEqual(suppressed());
    expect(district.counselorsPer1000).toEqual(suppressed());
    expect(district.meetsRecommendation).toBeNull();
  });

  it("a school with no students has no ratio", () => {
    const r = counselorRatios(pkg([school("A", 0, 1)], [m("A", "counselors_fte", 1)]));
    expect(r.schools[0]!.counselorsPer1000).toEqual(unavailable("zero_denominator"));
    expect(r.schools[0]!.studentsPerCounselor).toEqual(known(0));
    expect(r.schools[0]!.meetsRecommendation).toBeNull();
  });
});
