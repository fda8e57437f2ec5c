/**
 * A generated district full of small cells, with every identity of real data
 * built in exactly (group counts adding up to enrollment and to their
 * all-students count, group rates weighted by their students adding up to the
 * all-students rate, schools.csv shares equal to the group counts), for the
 * differencing tests. Deterministic for a seed. Tests only.
 */
import {
  measureSpecs,
  type DataPackage,
  type MeasureName,
  type MeasureRow,
  type School,
  type SchoolLevel,
  type StudentGroup,
} from "../district-data/types";

const RACES = ["black", "latinx", "white", "asian", "native_american", "pacific_islander", "multiracial"] as const;
const RATE_MEASURES = ["intervention_minutes_weekly", "chronic_absence_pct", "suspensions_per_100"] as const;
const LEVELS: SchoolLevel[] = ["elementary", "middle", "high", "k8"];
const NEIGHBORHOODS = ["North", "South", "East", "West"];

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits `total` into integer parts proportional to `weights` (largest remainder). */
function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; k < total - parts.reduce((a, b) => a + b, 0); k++) parts[order[k]![1]]!++;
  return parts;
}

export function smallCellDistrict(options: { schools: number; seed: number }): DataPackage {
  const random = prng(options.seed);
  const between = (lo: number, hi: number) => lo + (hi - lo) * random();
  const int = (lo: number, hi: number) => Math.floor(between(lo, hi + 1));
  const schools: School[] = [];
  const measures: MeasureRow[] = [];

  for (let i = 0; i < options.schools; i++) {
    const id = `S${String(i + 1).padStart(2, "0")}`;
    const level = LEVELS[i % LEVELS.length]!;
    // Mostly small schools: a tiny one now and then, many under 100.
    const E = i % 7 === 3 ? int(4, 9) : i % 3 === 0 ? int(150, 500) : int(25, 120);
    const races = apportion(
      E,
      RACES.map(() => random() ** 3 + 0.01),
    );
    const lowIncome = Math.round(E * between(0.05, 0.95));
    const english = Math.round(E * between(0.02, 0.4));
    const disabled = Math.round(E * between(0.03, 0.2));
    const count = new Map<StudentGroup, number>([
      ...RACES.map((g, k) => [g, races[k]!] as const),
      ["low_income", lowIncome],
      ["not_low_income", E - lowIncome],
      ["english_learner", english],
      ["students_with_disabilities", disabled],
    ]);
    const white = count.get("white")!;
    schools.push({
      schoolId: id,
      schoolName: `School ${id}`,
      level,
      enrollment: E,
      pctLowIncome: (lowIncome / E) * 100,
      pctEnglishLearners: (english / E) * 100,
      pctStudentsWithDisabilities: (disabled / E) * 100,
      pctStudentsOfColor: ((E - white) / E) * 100,
      neighborhood: NEIGHBORHOODS[int(0, NEIGHBORHOODS.length - 1)]!,
    });
    const row = (measure: MeasureName, group: StudentGroup, value: number | null) =>
      measures.push({
        schoolId: id,
        measure,
        group,
        value: value === null ? { suppressed: true } : { suppressed: false, value },
      });

    for (const [g, n] of count) row("enrollment_by_group", g, n);
    for (const measure of Object.keys(measureSpecs) as MeasureName[]) {
      if (measureSpecs[measure].groups !== "all") continue;
      if (measure === "offers_grade8_algebra1") continue;
      const value =
        measure === "per_pupil_spending"
          ? Math.round(between(9000, 18000))
          : measure === "facility_condition_index"
            ? Math.round(between(30, 95))
            : Math.round(between(0, 40) * 10) / 10;
      row(measure, "all", value);
    }
    // The district itself suppressed one figure at some schools.
    if (i % 5 === 1) row("offers_grade8_algebra1", "all", null);

    for (const measure of RATE_MEASURES) {
      const max = measure === "intervention_minutes_weekly" ? 120 : measure === "chronic_absence_pct" ? 60 : 30;
      const rates = new Map<StudentGroup, number>(RACES.map((g) => [g, between(0, max)]));
      const all = RACES.reduce((sum, g) => sum + count.get(g)! * rates.get(g)!, 0) / E;
      // The income partition must add up to the same all-students rate.
      const li = Math.min(max, all * between(0.9, 1.3));
      const nli = (E * all - lowIncome * li) / (E - lowIncome || 1);
      rates.set("low_income", li);
      rates.set("not_low_income", E - lowIncome === 0 ? 0 : nli);
      rates.set("english_learner", between(0, max));
      rates.set("students_with_disabilities", between(0, max));
      row(measure, "all", all);
      for (const [g, r] of rates) if (count.get(g)! > 0) row(measure, g, r);
    }

    if (level === "middle" || level === "k8") {
      const offers = i % 4 === 1 ? 0 : 1;
      row("offers_grade8_algebra1", "all", offers);
      const g8 = Math.max(1, Math.round(E / (level === "k8" ? 9 : 3)));
      const byRace = apportion(
        g8,
        RACES.map((g) => count.get(g)! + 0.01),
      );
      const li8 = Math.round((g8 * lowIncome) / E);
      const students = new Map<StudentGroup, number>([
        ...RACES.map((g, k) => [g, byRace[k]!] as const),
        ["low_income", li8],
        ["not_low_income", g8 - li8],
        ["english_learner", Math.round((g8 * english) / E)],
        ["students_with_disabilities", Math.round((g8 * disabled) / E)],
      ]);
      // Nobody takes a course the school does not offer, except where the district's data says so (one school).
      const enrolledAll = offers === 0 && i !== 13 ? 0 : Math.round(g8 * between(0.1, 0.5));
      const enrolledByRace = apportion(
        enrolledAll,
        RACES.map((g) => students.get(g)! * between(0.2, 1) + 0.01),
      );
      const enrolledLi = Math.min(li8, Math.round(enrolledAll * (li8 / g8)));
      const enrolled = new Map<StudentGroup, number>([
        ...RACES.map((g, k) => [g, enrolledByRace[k]!] as const),
        ["low_income", enrolledLi],
        ["not_low_income", enrolledAll - enrolledLi],
        ["english_learner", Math.floor(students.get("english_learner")! * 0.3)],
        ["students_with_disabilities", Math.floor(students.get("students_with_disabilities")! * 0.3)],
      ]);
      row("grade8_students", "all", g8);
      row("grade8_algebra1_enrolled", "all", enrolledAll);
      for (const [g, n] of students) row("grade8_students", g, n);
      for (const [g, n] of enrolled) row("grade8_algebra1_enrolled", g, n);
    }
  }
  return { schools, measures };
}
