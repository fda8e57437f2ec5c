/** Keyed access to a package's long-format measures. */
import type { DataPackage, MeasureName, StudentGroup } from "../district-data/types";
import { fromMeasure, type Figure } from "./figure";

export type MeasureLookup = (schoolId: string, measure: MeasureName, group?: StudentGroup) => Figure;

/** A measure a school did not report is `unavailable("no_data")`, never 0. */
export function measureLookup(pkg: DataPackage): MeasureLookup {
  const byKey = new Map(pkg.measures.map((m) => [key(m.schoolId, m.measure, m.group), m.value]));
  return (schoolId, measure, group = "all") => fromMeasure(byKey.get(key(schoolId, measure, group)));
}

// JSON keeps ids containing any character from colliding.
const key = (schoolId: string, measure: string, group: string) => JSON.stringify([schoolId, measure, group]);
