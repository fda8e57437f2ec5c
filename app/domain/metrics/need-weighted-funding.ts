/**
 * What each school would receive if today's total budget were shared in
 * proportion to need-weighted enrollment, next to what it receives now.
 */
import type { DataPackage } from "../district-data/types";
import { emptyCoverage, known, schoolAttribute, tally, type Coverage } from "./figure";

const needShares = ["enrollment", "pctLowIncome", "pctEnglishLearners", "pctStudentsWithDisabilities"] as const;
import { measureLookup } from "./measure-lookup";

/** Extra weight per student in each need category: 0.4 means such a student counts as 1.4 students. */
export type NeedWeights = { lowIncome: number; englishLearners: number; studentsWithDisabilities: number };

export type NeedWeightedSchool = {
  schoolId: string;
  enrollment: number;
  /** enrollment × (1 + w_li·pct_li/100 + w_el·pct_el/100 + w_swd·pct_swd/100) */
  weightedEnrollment: number;
  /** per_pupil_spending × enrollment. */
  current: number;
  /** totalBudget × weightedEnrollment / Σ weightedEnrollment. */
  needWeighted: number;
  /** needWeighted − current: positive means the school would gain. */
  difference: number;
  currentPerPupil: number;
  needWeightedPerPupil: number;
};

export type NeedWeightedFunding = {
  weights: NeedWeights;
  /** Σ per_pupil_spending × enrollment over the schools listed; Σ current = Σ needWeighted = totalBudget. */
  totalBudget: number;
  schools: NeedWeightedSchool[];
  /**
   * Schools not in the reallocation: spending suppressed or not reported (their
   * dollars are unknown, so they can be neither counted in nor given a share of
   * the budget), or no students (nothing to allocate per pupil).
   */
  excluded: { schoolId: string; reason: "suppressed" | "missing" | "no_enrollment" }[];
  /** Over the schools with enrollment > 0. */
  coverage: Coverage;
};

export function needWeightedFunding(pkg: DataPackage, weights: NeedWeights): NeedWeightedFunding {
  for (const [name, w] of Object.entries(weights)) {
    if (!Number.isFinite(w) || w < 0) throw new RangeError(`need weight ${name} must be a number ≥ 0, got ${w}`);
  }
  const measure = measureLookup(pkg);
  const coverage = emptyCoverage();
  const excluded: NeedWeightedFunding["excluded"] = [];
  const base: Omit<NeedWeightedSchool, "needWeighted" | "difference" | "needWeightedPerPupil">[] = [];

  for (const s of pkg.schools) {
    if (s.enrollment === 0) {
      excluded.push({ schoolId: s.schoolId, reason: "no_enrollment" });
      continue;
    }
    const before = { ...coverage };
    // A need share concealed from the reader keeps the school out: its allocation would give the share back.
    const spend = tally(coverage, [
      measure(s.schoolId, "per_pupil_spending"),
      ...needShares.map((a) => (s.concealed?.includes(a) ? schoolAttribute(s, a) : known(0))),
    ]);
    if (!spend) {
      excluded.push({
        schoolId: s.schoolId,
        reason: coverage.schoolsSuppressed > before.schoolsSuppressed ? "suppressed" : "missing",
      });
      continue;
    }
    // An optional percent the district did not report adds no weight: the school is still
    // funded for its enrollment, but gets no extra for a need nobody measured.
    const multiplier =
      1 +
      (weights.lowIncome * s.pctLowIncome) / 100 +
      (weights.englishLearners * (s.pctEnglishLearners ?? 0)) / 100 +
      (weights.studentsWithDisabilities * (s.pctStudentsWithDisabilities ?? 0)) / 100;
    base.push({
      schoolId: s.schoolId,
      enrollment: s.enrollment,
      weightedEnrollment: s.enrollment * multiplier,
      current: spend[0] * s.enrollment,
      currentPerPupil: spend[0],
    });
  }

  const totalBudget = base.reduce((sum, s) => sum + s.current, 0);
  const totalWeighted = base.reduce((sum, s) => sum + s.weightedEnrollment, 0);
  const schools = base.map((s): NeedWeightedSchool => {
    // totalWeighted > 0 whenever a school is listed (enrollment > 0, multiplier ≥ 1).
    const needWeighted = (totalBudget * s.weightedEnrollment) / totalWeighted;
    return {
      ...s,
      needWeighted,
      difference: needWeighted - s.current,
      needWeightedPerPupil: needWeighted / s.enrollment,
    };
  });
  return { weights, totalBudget, schools, excluded, coverage };
}
