/**
 * A deterministic, synthetic data package of any size with the full measure vocabulary, for tests
 * and benchmarks (not real data). Every school gets every measure for every group its rule allows:
 * 86 rows per school (2,000 schools → 172,000 measure rows).
 */
import {
  measureNames,
  measureSpecs,
  schoolLevels,
  studentGroups,
  type DataPackage,
  type MeasureRow,
  type School,
} from "./types";

/** mulberry32: small, fast, deterministic. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

export function generateDataPackage(options: {
  schools: number;
  seed?: number;
  suppressedShare?: number;
}): DataPackage {
  const rand = random(options.seed ?? 1);
  const suppressedShare = options.suppressedShare ?? 0.02;
  const schools: School[] = [];
  const measures: MeasureRow[] = [];
  const hoods = ["Northside", "Riverside", "East End", "Hillcrest, Upper", 'The "Flats"'];
  for (let s = 0; s < options.schools; s++) {
    const schoolId = `S${String(s + 1).padStart(5, "0")}`;
    const enrollment = 150 + Math.floor(rand() * 1800);
    schools.push({
      schoolId,
      schoolName: s % 7 === 0 ? `Lincoln, "Abe" School ${s + 1}` : `School ${s + 1}`,
      level: schoolLevels[s % schoolLevels.length]!,
      enrollment,
      pctLowIncome: round(rand() * 100, 1),
      pctEnglishLearners: s % 5 === 0 ? null : round(rand() * 40, 1),
      pctStudentsWithDisabilities: round(rand() * 25, 1),
      pctStudentsOfColor: s % 9 === 0 ? null : round(rand() * 100, 2),
      neighborhood: s % 4 === 0 ? null : hoods[s % hoods.length]!,
    });
    for (const measure of measureNames) {
      const spec = measureSpecs[measure];
      const groups =
        spec.groups === "all" ? (["all"] as const) : spec.groups === "any" ? studentGroups : studentGroups.slice(1);
      for (const group of groups) {
        if (rand() < suppressedShare) {
          measures.push({ schoolId, measure, group, value: { suppressed: true } });
          continue;
        }
        let value: number;
        if (measure === "offers_grade8_algebra1") value = rand() < 0.7 ? 1 : 0;
        else if (spec.max !== null) value = round(rand() * spec.max, 1);
        else if (measure === "per_pupil_spending") value = round(9000 + rand() * 9000, 2);
        else value = round(rand() * (group === "all" ? 400 : 80), measure.endsWith("_fte") ? 1 : 0);
        measures.push({ schoolId, measure, group, value: { suppressed: false, value } });
      }
    }
  }
  return { schools, measures };
}
