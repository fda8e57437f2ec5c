import type { DataPackage, MeasureName, MeasureRow, StudentGroup } from "./types";

/**
 * How a data version is stored (as JSON, then gzipped): the schools as they are,
 * the measure rows as columns of small numbers indexing a school, a measure
 * name and a group (null value = suppressed). A package of 2,000 schools holds
 * ~135,000 rows; as objects their JSON is 16 MB, as columns about a tenth, so
 * an import spends far less time encoding and compressing (bench/import).
 */
export type StoredPackage = {
  format: 2;
  schools: DataPackage["schools"];
  names: { measures: MeasureName[]; groups: StudentGroup[] };
  rows: { school: number[]; measure: number[]; group: number[]; value: (number | null)[] };
};

export function toStored(pkg: DataPackage): StoredPackage {
  const schoolIndex = new Map(pkg.schools.map((s, i) => [s.schoolId, i]));
  const measures: MeasureName[] = [];
  const groups: StudentGroup[] = [];
  const measureIndex = new Map<MeasureName, number>();
  const groupIndex = new Map<StudentGroup, number>();
  const indexOf = <T>(map: Map<T, number>, list: T[], key: T) => {
    let i = map.get(key);
    if (i === undefined) {
      i = list.push(key) - 1;
      map.set(key, i);
    }
    return i;
  };
  const n = pkg.measures.length;
  const rows: StoredPackage["rows"] = {
    school: new Array<number>(n),
    measure: new Array<number>(n),
    group: new Array<number>(n),
    value: new Array<number | null>(n),
  };
  pkg.measures.forEach((m, i) => {
    const school = schoolIndex.get(m.schoolId);
    // The validator guarantees it; a package breaking it must not be stored wrong.
    if (school === undefined) throw new Error(`measure row for unknown school ${m.schoolId}`);
    rows.school[i] = school;
    rows.measure[i] = indexOf(measureIndex, measures, m.measure);
    rows.group[i] = indexOf(groupIndex, groups, m.group);
    rows.value[i] = m.value.suppressed ? null : m.value.value;
  });
  return { format: 2, schools: pkg.schools, names: { measures, groups }, rows };
}

/** The package from its stored JSON, in this format or the first one (the package as it is). */
export function fromStored(stored: StoredPackage | DataPackage): DataPackage {
  if (!("format" in stored)) return stored;
  const { schools, names, rows } = stored;
  const measures = new Array<MeasureRow>(rows.school.length);
  for (let i = 0; i < measures.length; i++) {
    const value = rows.value[i]!;
    measures[i] = {
      schoolId: schools[rows.school[i]!]!.schoolId,
      measure: names.measures[rows.measure[i]!]!,
      group: names.groups[rows.group[i]!]!,
      value: value === null ? { suppressed: true } : { suppressed: false, value },
    };
  }
  return { schools, measures };
}
