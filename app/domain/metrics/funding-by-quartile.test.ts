import { describe, expect, it } from "vitest";
import { known, suppressed, unavailable } from "./figure";
import { fundingByQuartile, weightedLeastSquaresSlope } from "./funding-by-quartile";
import { m, pkg, school } from "./test-package";

// Eight schools, two per quartile: [id, enrollment, pct_low_income, per-pupil spend, teachers, novice]
const rows = [
  ["S1", 300, 10, 9000, 20, 2],
  ["S2", 100, 20, 9500, 10, 4],
  ["S3", 200, 30, 10000, 15, 3],
  ["S4", 200, 40, 11000, 15, 6],
  ["S5", 250, 50, 12000, 20, 5],
  ["S6", 250, 60, 12000, 20, 5],
  ["S7", 100, 70, 13000, 8, 4],
  ["S8", 300, 80, 14000, 20, 8],
] as const;
const schools = rows.map(([id, enr, pct]) => school(id, enr, pct));
const spend = (id: string, v: number | "*") => m(id, "per_pupil_spending", v);
const teacherRows = rows.flatMap(([id, , , , t, nov]) => [m(id, "teachers_fte", t), m(id, "novice_teachers_fte", nov)]);
const full = pkg(schools, [...rows.map(([id, , , s]) => spend(id, s)), ...teacherRows]);

describe("fundingByQuartile", () => {
  it("enrollment-weighted per-pupil spending, novice share and schools per quartile", () => {
    const r = fundingByQuartile(full);
    expect(r.quartiles.map((q) => [q.quartile, q.schools, q.enrollment])).toEqual([
      [1, 2, known(400)],
      [2, 2, known(400)],
      [3, 2, known(500)],
      [4, 2, known(400)],
    ]);
    expect(r.quartiles.map((q) => q.perPupilSpending)).toEqual([
      known(9125), // Q1: (9000·300 + 9500·100)/400 = 3,650,000/400
      known(10500), // Q2: (10000·200 + 11000·200)/400 = 4,200,000/400
      known(12000), // Q3: (12000·250 + 12000·250)/500
      known(13750), // Q4: (13000·100 + 14000·300)/400 = 5,500,000/400
    ]);
    expect(r.quartiles.map((q) => q.noviceTeacherShare)).toEqual([
      known(0.2), // Q1: (2+4)/(20+10) = 6/30
      known(0.3), // Q2: (3+6)/(15+15) = 9/30
      known(0.25), // Q3: (5+5)/(20+20)
      known(12 / 28), // Q4: (4+8)/(8+20)
    ]);
    expect(r.quartiles[0]!.spendingCoverage).toEqual({ schoolsIncluded: 2, schoolsSuppressed: 0, schoolsMissing: 0 });
    // Q4/Q1 = 13750/9125 = 110/73
    expect(r.ratioQ4toQ1).toEqual(known(13750 / 9125));
  });

  it("progressivity slope is the enrollment-weighted least-squares slope ×10", () => {
    // W = 1700, Σwx = 77,500, Σwy = 19,350,000, Σwx² = 4,505,000, Σwxy = 951,000,000
    // slope = (W·Σwxy − Σwx·Σwy)/(W·Σwx² − (Σwx)²)
    //       = (1,616,700,000,000 − 1,499,625,000,000)/(7,658,500,000 − 6,006,250,000)
    //       = 117,075,000,000/1,652,250,000 ≈ 70.858 $ per point → ≈ $708.58 per 10 points
    const r = fundingByQuartile(full);
    expect(r.progressivitySlopePer10pts.kind).toBe("value");
    expect((r.progressivitySlopePer10pts as { value: number }).value).toBeCloseTo(
      (10 * 117_075_000_000) / 1_652_250_000,
      9,
    );
    expect(r.slopeCoverage.schoolsIncluded).toBe(8);
  });

  it("slope weights by enrollment (hand-checked two-level case) and is exact on a line", () => {
    // Two poverty levels: the fit passes through each level's weighted mean.
    // x=0: (100·1 + 200·3)/4 = 175; x=10: 300 → slope (300 − 175)/10 = 12.5 (unweighted: 15)
    expect(
      weightedLeastSquaresSlope([
        { x: 0, y: 100, w: 1 },
        { x: 0, y: 200, w: 3 },
        { x: 10, y: 300, w: 2 },
      ]),
    ).toEqual(known(12.5));
    // y = 8000 + 50x: slope 50 whatever the weights
    const line = [10, 35, 90].map((x, i) => ({ x, y: 8000 + 50 * x, w: [7, 300, 41][i]! }));
    expect((weightedLeastSquaresSlope(line) as { value: number }).value).toBeCloseTo(50, 9);
    expect(weightedLeastSquaresSlope([])).toEqual(unavailable("no_data"));
    expect(weightedLeastSquaresSlope([{ x: 1, y: 1, w: 0 }])).toEqual(unavailable("zero_denominator"));
    expect(
      weightedLeastSquaresSlope([
        { x: 33.3, y: 1, w: 3 },
        { x: 33.3, y: 9, w: 7 },
      ]),
    ).toEqual(unavailable("no_variation"));
  });

  it("a suppressed spend is left out of its quartile's average, not counted as 0", () => {
    const measures = [
      ...full.measures.filter((r) => !(r.schoolId === "S2" && r.measure === "per_pupil_spending")),
      spend("S2", "*"),
    ];
    const r = fundingByQuartile(pkg(schools, measures));
    // Q1 = S1 alone: 9000·300/300 = 9000 (as 0 it would have been 2,700,000/400 = 6750)
    expect(r.quartiles[0]!.perPupilSpending).toEqual(known(9000));
    expect(r.quartiles[0]!.enrollment).toEqual(known(400)); // enrollment is still the quartile's
    expect(r.quartiles[0]!.spendingCoverage).toEqual({ schoolsIncluded: 1, schoolsSuppressed: 1, schoolsMissing: 0 });
    expect(r.ratioQ4toQ1).toEqual(known(13750 / 9000));
    expect(r.slopeCoverage).toEqual({ schoolsIncluded: 7, schoolsSuppressed: 1, schoolsMissing: 0 });
  });

  it("a quartile whose every spend is suppressed is suppressed, and so is the ratio", () => {
    const measures = [...rows.slice(2).map(([id, , , s]) => spend(id, s)), spend("S1", "*"), spend("S2", "*")];
    const r = fundingByQuartile(pkg(schools, measures));
    expect(r.quartiles[0]!.perPupilSpending).toEqual(suppressed());
    expect(r.ratioQ4toQ1).toEqual(suppressed());
    expect(r.progressivitySlopePer10pts.kind).toBe("value"); // six known schools still fit a line
  });

  it("a missing spend leaves the school out and is counted as missing", () => {
    const measures = rows.filter(([id]) => id !== "S3").map(([id, , , s]) => spend(id, s));
    const q2 = fundingByQuartile(pkg(schools, measures)).quartiles[1]!;
    expect(q2.perPupilSpending).toEqual(known(11000)); // S4 alone
    expect(q2.spendingCoverage).toEqual({ schoolsIncluded: 1, schoolsSuppressed: 0, schoolsMissing: 1 });
    expect(q2.noviceTeacherShare).toEqual(unavailable("no_data")); // no teacher rows at all
  });

  it("novice share leaves out a school with either count hidden, from both sums", () => {
    const measures = [
      ...full.measures.filter((r) => !(r.schoolId === "S8" && r.measure === "novice_teachers_fte")),
      m("S8", "novice_teachers_fte", "*"),
    ];
    const q4 = fundingByQuartile(pkg(schools, measures)).quartiles[3]!;
    expect(q4.noviceTeacherShare).toEqual(known(0.5)); // S7 alone: 4/8, S8's 20 teachers not in the denominator
    expect(q4.teacherCoverage).toEqual({ schoolsIncluded: 1, schoolsSuppressed: 1, schoolsMissing: 0 });
  });

  it("n = 3 leaves Q4 empty: unavailable, as is the ratio; one known spend cannot fit a slope", () => {
    const three = [school("A", 100, 10), school("B", 100, 20), school("C", 100, 30)];
    const r = fundingByQuartile(pkg(three, [spend("A", 9000), spend("B", "*"), spend("C", "*")]));
    expect(r.quartiles.map((q) => q.schools)).toEqual([1, 1, 1, 0]);
    expect(r.quartiles[3]!.perPupilSpending).toEqual(unavailable("no_data"));
    expect(r.ratioQ4toQ1).toEqual(unavailable("no_data"));
    // One known point: no slope without the hidden ones, so suppressed rather than unavailable.
    expect(r.progressivitySlopePer10pts).toEqual(suppressed());
  });

  it("a quartile of schools with no students has no per-pupil figure", () => {
    const r = fundingByQuartile(pkg([school("A", 0, 10)], [spend("A", 9000)]));
    expect(r.quartiles[0]!.perPupilSpending).toEqual(unavailable("zero_denominator"));
  });
});
