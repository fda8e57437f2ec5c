import { measureNames, studentGroups, type DataPackage, type ImportSummary } from "./types";

/** Counts for the import preview: what the package holds and what it lacks. */
export function summarizePackage(data: DataPackage): ImportSummary {
  const measureSeen = new Set<string>();
  const groupSeen = new Set<string>();
  const schoolsWithRows = new Set<string>();
  let suppressed = 0;
  for (const row of data.measures) {
    measureSeen.add(row.measure);
    groupSeen.add(row.group);
    schoolsWithRows.add(row.schoolId);
    if (row.value.suppressed) suppressed++;
  }
  return {
    schools: data.schools.length,
    measureRows: data.measures.length,
    measures: measureNames.filter((m) => measureSeen.has(m)),
    measuresMissing: measureNames.filter((m) => !measureSeen.has(m)),
    groups: studentGroups.filter((g) => groupSeen.has(g)),
    suppressed,
    schoolNames: data.schools.map((s) => s.schoolName),
    schoolsWithoutMeasures: data.schools.filter((s) => !schoolsWithRows.has(s.schoolId)).length,
  };
}
