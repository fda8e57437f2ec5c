import { describe, expect, it } from "vitest";
import { needWeightedFunding } from "./need-weighted-funding";
import { m, pkg, school } from "./test-package";

const schools = [
  school("S1", 100, 20),
  school("S2", 100, 80),
  school("S3", 200, 50, { pctEnglishLearners: 50 }),
  school("S4", 100, 0),
  school("S5", 0, 90),
  school("S6", 50, 10),
];
const measures = [
  m("S1", "per_pupil_spending", 10000),
  m("S2", "per_pupil_spending", 10000),
  m("S3", "per_pupil_spending", 16000),
  m("S4", "per_pupil_spending", "*"),
  m("S5", "per_pupil_spending", 12000),
  // S6: no spending reported
];
const weights = { lowIncome: 0.5, englishLearners: 0.2, studentsWithDisabilities: 0 };

describe("needWeightedFunding", () => {
  it("reallocates the same total budget in proportion to need-weighted enrollment", () => {
    // Budget = 10000·100 + 10000·100 + 16000·200 = 5,200,000 (S4 suppressed, S5 no students, S6 missing)
    // Weighted: S1 100·(1 + 0.5·0.2) = 110; S2 100·(1 + 0.5·0.8) = 140; S3 200·(1 + 0.5·0.5 + 0.2·0.5) = 270
    // Σ = 520 → $10,000 per weighted student: S1 1,100,000; S2 1,400,000; S3 2,700,000
    const r = needWeightedFunding(pkg(schools, measures), weights);
    expect(r.totalBudget).toBe(5_200_000);
    const got = r.schools.map((s) => [
      s.schoolId,
      s.weightedEnrollment,
      s.current,
      s.needWeighted,
      s.difference,
      s.currentPerPupil,
      s.needWeightedPerPupil,
    ]);
    const want = [
      ["S1", 110, 1_000_000, 1_100_000, 100_000, 10_000, 11_000],
      ["S2", 140, 1_000_000, 1_400_000, 400_000, 10_000, 14_000],
      ["S3", 270, 3_200_000, 2_700_000, -500_000, 16_000, 13_500],
    ] as const;
    expect(got.map((row) => row[0])).toEqual(want.map((row) => row[0]));
    got.forEach((row, i) =>
      row.slice(1).forEach((v, j) => expect(v as number).toBeCloseTo(want[i]![j + 1] as number, 6)),
    );

    const sum = (f: (s: (typeof r.schools)[number]) => number) => r.schools.reduce((t, s) => t + f(s), 0);
    expect(sum((s) => s.current)).toBe(r.totalBudget);
    expect(sum((s) => s.needWeighted)).toBeCloseTo(r.totalBudget, 6);
    expect(sum((s) => s.difference)).toBeCloseTo(0, 6);
    // Direction: the 80%-poverty school gains more per pupil than the 20% one.
    expect(r.schools[1]!.needWeightedPerPupil).toBeGreaterThan(r.schools[0]!.needWeightedPerPupil);
    expect(r.excluded).toEqual([
      { schoolId: "S4", reason: "suppressed" },
      { schoolId: "S5", reason: "no_enrollment" },
      { schoolId: "S6", reason: "missing" },
    ]);
    expect(r.coverage).toEqual({ schoolsIncluded: 3, schoolsSuppressed: 1, schoolsMissing: 1 });
  });

  it("with all weights 0 every school gets the district average per pupil", () => {
    // 5,200,000 / 400 students = 13,000 each
    const r = needWeightedFunding(pkg(schools, measures), {
      lowIncome: 0,
      englishLearners: 0,
      studentsWithDisabilities: 0,
    });
    expect(r.schools.map((s) => s.needWeightedPerPupil)).toEqual([13_000, 13_000, 13_000]);
  });

  it("an unreported optional percent adds no weight", () => {
    const two = [school("A", 100, 0, { pctStudentsWithDisabilities: 20 }), school("B", 100, 0)];
    const r = needWeightedFunding(
      pkg(two, [m("A", "per_pupil_spending", 10000), m("B", "per_pupil_spending", 10000)]),
      { lowIncome: 0, englishLearners: 0, studentsWithDisabilities: 1 },
    );
    // A: 100·(1 + 1·0.2) = 120; B: 100·(1 + 0) = 100 (not 100·(1 + 1·unknown)); budget 2,000,000/220 per weighted student
    expect(r.schools.map((s) => s.weightedEnrollment)).toEqual([120, 100]);
    expect(r.schools[0]!.needWeighted).toBeCloseTo((2_000_000 * 120) / 220, 6);
  });

  it("rejects negative or non-finite weights", () => {
    expect(() => needWeightedFunding(pkg(schools, measures), { ...weights, lowIncome: -0.1 })).toThrow(RangeError);
    expect(() => needWeightedFunding(pkg(schools, measures), { ...weights, englishLearners: Number.NaN })).toThrow(
      RangeError,
    );
  });

  it("nothing to reallocate when no spending is known", () => {
    const r = needWeightedFunding(pkg(schools, []), weights);
    expect(r).toMatchObject({ totalBudget: 0, schools: [] });
    expect(r.coverage.schoolsMissing).toBe(5);
  });
});
