/** Keyed access to a package's long-format measures. */
import type { DataPackage, MeasureName, MeasureValue, StudentGroup } from "../district-data/types";
import { fromMeasure, type Figure } from "./figure";

export type MeasureLookup = (schoolId: string, measure: MeasureName, group?: StudentGroup) => Figure;

// Packages are never changed once parsed, so one index per package serves every metric and request.
const indexes = new WeakMap<DataPackage, Map<string, Map<string, MeasureValue>>>();

/** measure|group (both from fixed vocabularies, so the key cannot collide) → school id → value. */
function indexOf(pkg: DataPackage) {
  let index = indexes.get(pkg);
  if (!index) {
    index = new Map();
    for (const m of pkg.measures) {
      const key = `${m.measure}|${m.group}`;
      let bySchool = index.get(key);
      if (!bySchool) index.set(key, (bySchool = new Map()));
      bySchool.set(m.schoolId, m.value);
    }
    indexes.set(pkg, index);
  }
  return index;
}

/** A measure a school did not report is `unavailable("no_data")`, never 0. */
export function measureLookup(pkg: DataPackage): MeasureLookup {
  const index = indexOf(pkg);
  return (schoolId, measure, group = "all") => fromMeasure(index.get(`${measure}|${group}`)?.get(schoolId));
}
