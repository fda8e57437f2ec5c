/** Positive & Inviting School Climate outcomes by student group, across the district. */
import { studentGroups, type DataPackage, type StudentGroup } from "../district-data/types";
import { combine, emptyCoverage, isKnown, known, ratioOfSums, tally, type Coverage, type Figure } from "./figure";
import { measureLookup } from "./measure-lookup";

export type OutcomeMeasure = "chronic_absence_pct" | "suspensions_per_100";

export type GroupOutcome = {
  group: StudentGroup;
  /** Weighted mean of the schools' values for the group, in the measure's unit. */
  value: Figure;
  /**
   * "students_in_group": each school weighs by how many of the group's students
   * it has (enrollment_by_group; school enrollment for `all`), so the figure is
   * the district-wide rate for the group. "school_enrollment": some school with
   * a value lacked a known count for the group, so every school weighs by its
   * total enrollment instead, one weighting for the whole average, never mixed.
   */
  weighting: "students_in_group" | "school_enrollment";
  /** The group's students at the included schools: the n for small-cell suppression; unknown if any count is. */
  students: Figure;
  coverage: Coverage;
};

/** One row per group that any school reported the measure for, in DATA-FORMAT.md's group order. */
export function groupOutcomes(pkg: DataPackage, measure: OutcomeMeasure): GroupOutcome[] {
  const lookup = measureLookup(pkg);
  const rows: GroupOutcome[] = [];
  for (const group of studentGroups) {
    const reported = pkg.schools
      .map((school) => ({ school, outcome: lookup(school.schoolId, measure, group) }))
      .filter((r) => r.outcome.kind !== "unavailable");
    if (reported.length === 0) continue;

    const count = (schoolId: string, enrollment: number): Figure =>
      group === "all" ? known(enrollment) : lookup(schoolId, "enrollment_by_group", group);
    const byGroupCount = reported.every(
      (r) => r.outcome.kind !== "value" || count(r.school.schoolId, r.school.enrollment).kind === "value",
    );

    // Schools that did not report the group at all count as missing, so coverage adds up to every school.
    const coverage = { ...emptyCoverage(), schoolsMissing: pkg.schools.length - reported.length };
    let weighted = 0;
    let weights = 0;
    let students: Figure = known(0);
    for (const { school, outcome } of reported) {
      const n = count(school.schoolId, school.enrollment);
      const v = tally(coverage, [outcome]);
      if (!v) continue;
      const w = byGroupCount && isKnown(n) ? n.value : school.enrollment;
      weighted += v[0] * w;
      weights += w;
      students = combine([students, n], (a, b) => a + b);
    }
    rows.push({
      group,
      value: ratioOfSums(weighted, weights, coverage),
      weighting: byGroupCount ? "students_in_group" : "school_enrollment",
      students,
      coverage,
    });
  }
  return rows;
}
