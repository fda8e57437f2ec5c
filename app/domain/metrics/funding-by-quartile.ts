/**
 * School Funding by poverty quartile (DATA-FORMAT.md "A quartile's per-pupil
 * spending", "Novice teacher share") and how progressive spending is overall.
 */
import type { DataPackage } from "../district-data/types";
import {
  emptyCoverage,
  isKnown,
  orSuppressed,
  ratioOfSums,
  tally,
  unavailable,
  known,
  divide,
  combine,
  schoolAttribute,
  type Coverage,
  type Figure,
} from "./figure";
import { measureLookup } from "./measure-lookup";
import { povertyQuartiles, quartiles, type Quartile } from "./poverty-quartiles";

export type QuartileFunding = {
  quartile: Quartile;
  schools: number;
  /** Total enrollment of the quartile's schools (schools.csv); suppressed when a school's is concealed from the reader. */
  enrollment: Figure;
  /** Σ(spend·enrollment) / Σ enrollment over the quartile's schools with a known spend. */
  perPupilSpending: Figure;
  /** Σ novice_teachers_fte / Σ teachers_fte over the quartile's schools reporting both, known. */
  noviceTeacherShare: Figure;
  spendingCoverage: Coverage;
  teacherCoverage: Coverage;
};

export type FundingByQuartile = {
  /** Always Q1..Q4 in order; a quartile with no schools (n < 4) has unavailable figures. */
  quartiles: QuartileFunding[];
  /** Q4 per-pupil / Q1 per-pupil: above 1 means more is spent per student in the highest-poverty schools. */
  ratioQ4toQ1: Figure;
  /** Enrollment-weighted least-squares slope of per-pupil spending on pct_low_income, ×10: $ per 10 points of poverty. */
  progressivitySlopePer10pts: Figure;
  slopeCoverage: Coverage;
};

export function fundingByQuartile(pkg: DataPackage): FundingByQuartile {
  const measure = measureLookup(pkg);
  const assigned = povertyQuartiles(pkg.schools);

  const rows = quartiles.map((quartile): QuartileFunding => {
    const members = assigned.filter((a) => a.quartile === quartile).map((a) => a.school);
    const spendingCoverage = emptyCoverage();
    const teacherCoverage = emptyCoverage();
    let dollars = 0;
    let pupils = 0;
    let novice = 0;
    let teachers = 0;
    for (const s of members) {
      const spend = tally(spendingCoverage, [measure(s.schoolId, "per_pupil_spending")]);
      if (spend) {
        dollars += spend[0] * s.enrollment;
        pupils += s.enrollment;
      }
      // A school counts toward the share only with both counts known, so numerator and denominator cover the same teachers.
      const t = tally(teacherCoverage, [
        measure(s.schoolId, "novice_teachers_fte"),
        measure(s.schoolId, "teachers_fte"),
      ]);
      if (t) {
        novice += t[0];
        teachers += t[1];
      }
    }
    return {
      quartile,
      schools: members.length,
      enrollment: members.reduce<Figure>(
        (sum, s) => combine([sum, schoolAttribute(s, "enrollment")], (a, b) => a + b),
        known(0),
      ),
      perPupilSpending: ratioOfSums(dollars, pupils, spendingCoverage),
      noviceTeacherShare: ratioOfSums(novice, teachers, teacherCoverage),
      spendingCoverage,
      teacherCoverage,
    };
  });

  const slopeCoverage = emptyCoverage();
  const points: WeightedPoint[] = [];
  for (const s of pkg.schools) {
    // A share concealed from the reader stays out of the slope, as a hidden spend does.
    const spend = tally(slopeCoverage, [measure(s.schoolId, "per_pupil_spending"), schoolAttribute(s, "pctLowIncome")]);
    if (spend) points.push({ x: spend[1], y: spend[0], w: s.enrollment });
  }
  const slope = orSuppressed(weightedLeastSquaresSlope(points), slopeCoverage);

  return {
    quartiles: rows,
    ratioQ4toQ1: divide(rows[3]!.perPupilSpending, rows[0]!.perPupilSpending),
    progressivitySlopePer10pts: isKnown(slope) ? known(slope.value * 10) : slope,
    slopeCoverage,
  };
}

export type WeightedPoint = { x: number; y: number; w: number };

/** Weighted least squares: Σw(x−x̄)(y−ȳ) / Σw(x−x̄)², with x̄, ȳ the w-weighted means. */
export function weightedLeastSquaresSlope(points: readonly WeightedPoint[]): Figure {
  const weighted = points.filter((p) => p.w > 0);
  if (weighted.length === 0) return unavailable(points.length ? "zero_denominator" : "no_data");
  // Checked directly: with all x equal, float rounding in x̄ could leave a tiny Σw(x−x̄)² and a meaningless slope.
  if (weighted.every((p) => p.x === weighted[0]!.x)) return unavailable("no_variation");
  const W = sum(weighted, (p) => p.w);
  const xBar = sum(weighted, (p) => p.w * p.x) / W;
  const yBar = sum(weighted, (p) => p.w * p.y) / W;
  const sxy = sum(weighted, (p) => p.w * (p.x - xBar) * (p.y - yBar));
  const sxx = sum(weighted, (p) => p.w * (p.x - xBar) ** 2);
  return known(sxy / sxx);
}

const sum = <T>(items: readonly T[], f: (item: T) => number) => items.reduce((acc, item) => acc + f(item), 0);
