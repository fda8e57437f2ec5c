/**
 * Diverse Classrooms & Schools: the dissimilarity index between two groups,
 * D = ½ Σ |a_i/A − b_i/B| over schools i, from enrollment_by_group. D is the
 * share of either group that would have to change schools for both to be
 * spread alike: 0 identical distributions, 1 complete separation.
 */
import type { DataPackage, StudentGroup } from "../district-data/types";
import { combine, emptyCoverage, known, suppressed, unavailable, type Coverage, type Figure } from "./figure";
import { measureLookup } from "./measure-lookup";

export type EnrollmentGroup = Exclude<StudentGroup, "all">;

export type DissimilarityIndex = {
  groupA: EnrollmentGroup;
  groupB: EnrollmentGroup;
  /**
   * Suppressed if any included school's count for either group is: A and B are
   * totals over all schools, and every share a_i/A needs them.
   */
  index: Figure;
  /** A and B: the two groups' totals over the included schools. */
  totalA: Figure;
  totalB: Figure;
  /** Schools reporting enrollment_by_group for both groups; one lacking either is left out. */
  coverage: Coverage;
};

export function dissimilarityIndex(
  pkg: DataPackage,
  groupA: EnrollmentGroup,
  groupB: EnrollmentGroup,
): DissimilarityIndex {
  const measure = measureLookup(pkg);
  const coverage = emptyCoverage();
  const pairs: { a: Figure; b: Figure }[] = [];
  for (const { schoolId } of pkg.schools) {
    const a = measure(schoolId, "enrollment_by_group", groupA);
    const b = measure(schoolId, "enrollment_by_group", groupB);
    if (a.kind === "unavailable" || b.kind === "unavailable") coverage.schoolsMissing++;
    else {
      if (a.kind === "suppressed" || b.kind === "suppressed") coverage.schoolsSuppressed++;
      else coverage.schoolsIncluded++;
      pairs.push({ a, b });
    }
  }
  const add = (x: Figure, y: Figure) => combine([x, y], (p, q) => p + q);
  const totalA = pairs.reduce((t, p) => add(t, p.a), known(0));
  const totalB = pairs.reduce((t, p) => add(t, p.b), known(0));

  let index: Figure;
  if (pairs.length === 0) index = unavailable("no_data");
  else if (coverage.schoolsSuppressed > 0) index = suppressed();
  else if ((totalA.kind === "value" && totalA.value === 0) || (totalB.kind === "value" && totalB.value === 0)) {
    index = unavailable("zero_denominator");
  } else {
    index = pairs.reduce(
      (d, { a, b }) => combine([d, a, b, totalA, totalB], (sum, ai, bi, A, B) => sum + Math.abs(ai / A - bi / B) / 2),
      known(0),
    );
  }
  return { groupA, groupB, index, totalA, totalB, coverage };
}
