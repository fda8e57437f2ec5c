/** Student Supports: counselor staffing against the recommended 250 students per counselor. */
import type { DataPackage } from "../district-data/types";
import {
  combine,
  divide,
  emptyCoverage,
  isKnown,
  known,
  orSuppressed,
  tally,
  unavailable,
  type Coverage,
  type Figure,
} from "./figure";
import { measureLookup } from "./measure-lookup";

/** The recommended maximum of 250 students per counselor, i.e. at least 4 counselors per 1,000 students. */
export const RECOMMENDED_STUDENTS_PER_COUNSELOR = 250;
export const RECOMMENDED_COUNSELORS_PER_1000 = 1000 / RECOMMENDED_STUDENTS_PER_COUNSELOR;

export type CounselorRatio = {
  enrollment: number;
  counselorsFte: Figure;
  /** counselors_fte / enrollment × 1000; unavailable for a school with no students. */
  counselorsPer1000: Figure;
  /** enrollment / counselors_fte; unavailable ("zero_denominator") with no counselors at all. */
  studentsPerCounselor: Figure;
  /** counselorsPer1000 ≥ 4 (same as ≤ 250 students each); null when the ratio is not known. */
  meetsRecommendation: boolean | null;
};

export type CounselorRatios = {
  schools: (CounselorRatio & { schoolId: string })[];
  /** Σ counselors_fte over Σ enrollment of the schools with a known counselor count (`enrollment` is that Σ). */
  district: CounselorRatio & { coverage: Coverage; schoolsMeeting: number };
};

export function counselorRatios(pkg: DataPackage): CounselorRatios {
  const measure = measureLookup(pkg);
  const coverage = emptyCoverage();
  let counselors = 0;
  let students = 0;

  const schools = pkg.schools.map((s) => {
    const fte = measure(s.schoolId, "counselors_fte");
    const c = tally(coverage, [fte]);
    if (c) {
      counselors += c[0];
      students += s.enrollment;
    }
    return { schoolId: s.schoolId, ...ratio(fte, s.enrollment) };
  });

  const schoolsMeeting = schools.filter((s) => s.meetsRecommendation).length;
  if (coverage.schoolsIncluded === 0) {
    // No known count anywhere: every district figure is as unknown as the counts (suppressed if any were hidden).
    const none = orSuppressed(unavailable("no_data"), coverage);
    const district = {
      enrollment: 0,
      counselorsFte: none,
      counselorsPer1000: none,
      studentsPerCounselor: none,
      meetsRecommendation: null,
    };
    return { schools, district: { ...district, coverage, schoolsMeeting } };
  }
  return { schools, district: { ...ratio(known(counselors), students), coverage, schoolsMeeting } };
}

function ratio(counselorsFte: Figure, enrollment: number): CounselorRatio {
  const per1000 =
    enrollment === 0 ? unavailable("zero_denominator") : combine([counselorsFte], (fte) => (fte * 1000) / enrollment);
  return {
    enrollment,
    counselorsFte,
    counselorsPer1000: per1000,
    studentsPerCounselor: divide(known(enrollment), counselorsFte),
    // The tolerance keeps float noise (1.2 FTE for 300 students) from failing an exact 250:1.
    meetsRecommendation: isKnown(per1000) ? per1000.value >= RECOMMENDED_COUNSELORS_PER_1000 - 1e-9 : null,
  };
}
