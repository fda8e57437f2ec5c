/**
 * Grade 8 Algebra 1 access decomposition (DATA-FORMAT.md): how much of the gap
 * in Algebra 1 rates between two groups is about attending a school that offers
 * it at all (access) versus being placed in it where it is offered (assignment).
 */
import type { DataPackage, StudentGroup } from "../district-data/types";
import { combine, divide, emptyCoverage, known, suppressed, unavailable, type Coverage, type Figure } from "./figure";
import { measureLookup, type MeasureLookup } from "./measure-lookup";

export type AlgebraGroupAccess = {
  group: StudentGroup;
  /** a = O / N: share of the group's grade 8 students in a school offering Algebra 1. */
  access: Figure;
  /** c = E / O (0 when O = 0): enrolled per student with access. */
  assignment: Figure;
  /** r = E / N = a·c. */
  rate: Figure;
  /** N: Σ grade8_students. */
  grade8Students: Figure;
  /** O: Σ grade8_students over schools with offers_grade8_algebra1 = 1. */
  inOfferingSchools: Figure;
  /** E: Σ grade8_algebra1_enrolled. */
  enrolled: Figure;
  /**
   * Schools reporting grade8_students for the group. A suppressed count does
   * not leave its school out: N, O and E are totals "over all schools", so a
   * total that needs it is suppressed (schoolsSuppressed counts such schools).
   */
  coverage: Coverage;
};

export type AlgebraAccess = {
  reference: AlgebraGroupAccess;
  focal: AlgebraGroupAccess;
  /** r_A − r_B (reference minus focal). */
  gap: Figure;
  /** (a_A − a_B)(c_A + c_B)/2 */
  accessPart: Figure;
  /** (c_A − c_B)(a_A + a_B)/2; accessPart + assignmentPart = gap. */
  assignmentPart: Figure;
  /** accessPart / gap; unavailable ("zero_denominator") when the gap is 0. */
  accessShare: Figure;
};

/**
 * `hiddenSchools`: "suppress" (the definition: totals over all schools, so one
 * with a hidden input makes them unknown) or "leave_out" (totals over the
 * schools whose inputs are shown, for readers of a restricted package: the
 * district-wide figures a family sees then rest on shown cells only).
 */
export type AlgebraOptions = { hiddenSchools?: "suppress" | "leave_out" };

export function algebraAccess(
  pkg: DataPackage,
  reference: StudentGroup,
  focal: StudentGroup,
  options: AlgebraOptions = {},
): AlgebraAccess {
  const measure = measureLookup(pkg);
  const A = groupAccess(pkg, measure, reference, options);
  const B = groupAccess(pkg, measure, focal, options);
  const gap = combine([A.rate, B.rate], (rA, rB) => rA - rB);
  const accessPart = combine(
    [A.access, B.access, A.assignment, B.assignment],
    (aA, aB, cA, cB) => ((aA - aB) * (cA + cB)) / 2,
  );
  const assignmentPart = combine(
    [A.access, B.access, A.assignment, B.assignment],
    (aA, aB, cA, cB) => ((cA - cB) * (aA + aB)) / 2,
  );
  return { reference: A, focal: B, gap, accessPart, assignmentPart, accessShare: divide(accessPart, gap) };
}

const add = (a: Figure, b: Figure) => combine([a, b], (x, y) => x + y);

function groupAccess(
  pkg: DataPackage,
  measure: MeasureLookup,
  group: StudentGroup,
  options: AlgebraOptions,
): AlgebraGroupAccess {
  const coverage = emptyCoverage();
  let N: Figure = known(0);
  let O: Figure = known(0);
  let E: Figure = known(0);
  for (const { schoolId } of pkg.schools) {
    const students = measure(schoolId, "grade8_students", group);
    // Not reported for this group: the school is left out of N, O and E alike.
    if (students.kind === "unavailable") {
      coverage.schoolsMissing++;
      continue;
    }
    const flag = measure(schoolId, "offers_grade8_algebra1");
    // The doc sums O over schools with the flag = 1, so an unreported flag counts as not offering.
    const offers: Figure = flag.kind === "unavailable" ? known(0) : flag;
    let enrolled = measure(schoolId, "grade8_algebra1_enrolled", group);
    if (enrolled.kind === "unavailable") {
      // A school that does not offer the course has nobody in it; leaving such schools out would
      // drop exactly the students without access. Where the course is (or may be) offered, a
      // missing count cannot be assumed, so the school is left out for this group.
      if (offers.kind === "value" && offers.value === 0) enrolled = known(0);
      else {
        coverage.schoolsMissing++;
        continue;
      }
    }
    // This school's part of O: exact when either factor is a known 0, however hidden the other is.
    const offeredHere: Figure =
      (offers.kind === "value" && offers.value === 0) || (students.kind === "value" && students.value === 0)
        ? known(0)
        : combine([offers, students], (f, n) => f * n);
    if ([students, enrolled, offeredHere].some((f) => f.kind === "suppressed")) {
      coverage.schoolsSuppressed++;
      // Over the schools whose figures the reader may see: the totals then rest on shown cells only.
      if (options.hiddenSchools === "leave_out") continue;
    } else coverage.schoolsIncluded++;
    N = add(N, students);
    O = add(O, offeredHere);
    E = add(E, enrolled);
  }
  if (coverage.schoolsIncluded + (options.hiddenSchools === "leave_out" ? 0 : coverage.schoolsSuppressed) === 0) {
    // Every school left out for a hidden figure: the group's figures exist but are hidden.
    const none = coverage.schoolsSuppressed > 0 ? suppressed() : unavailable("no_data");
    return {
      group,
      access: none,
      assignment: none,
      rate: none,
      grade8Students: none,
      inOfferingSchools: none,
      enrolled: none,
      coverage,
    };
  }
  const noAccess = O.kind === "value" && O.value === 0;
  return {
    group,
    access: divide(O, N),
    // c = 0 when O = 0 (the doc's convention), and then r = a·c = 0 too: any enrolled count
    // reported by schools that do not offer the course cannot be put down to access.
    assignment: noAccess ? known(0) : divide(E, O),
    rate: noAccess ? divide(known(0), N) : divide(E, N),
    grade8Students: N,
    inOfferingSchools: O,
    enrolled: E,
    coverage,
  };
}
