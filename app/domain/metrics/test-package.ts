/** Builders for the small hand-computed data packages the metrics tests use (tests only). */
import type { DataPackage, MeasureName, MeasureRow, School, StudentGroup } from "../district-data/types";

export function school(
  schoolId: string,
  enrollment: number,
  pctLowIncome: number,
  extra: Partial<School> = {},
): School {
  return {
    schoolId,
    schoolName: `School ${schoolId}`,
    level: "elementary",
    enrollment,
    pctLowIncome,
    pctEnglishLearners: null,
    pctStudentsWithDisabilities: null,
    pctStudentsOfColor: null,
    neighborhood: null,
    ...extra,
  };
}

/** A measure row; "*" is a suppressed value. */
export function m(
  schoolId: string,
  measure: MeasureName,
  value: number | "*",
  group: StudentGroup = "all",
): MeasureRow {
  return { schoolId, measure, group, value: value === "*" ? { suppressed: true } : { suppressed: false, value } };
}

export const pkg = (schools: School[], measures: MeasureRow[] = []): DataPackage => ({ schools, measures });
