/**
 * The differencing attack, played against everything a family member can be
 * shown of a district full of small cells: every view shape the builder
 * allows (each chart, grouping, filter, measure and group), every diagnostic,
 * the funding simulator and the metrics API. Two attacks:
 *
 * 1. Algebra. The attacker reads every school's shown cells, writes down the
 *    identities real data obeys (DATA-FORMAT.md: parts add up to totals, group
 *    rates weighted by their students add up to the all-students rate, the
 *    schools.csv shares are the group counts) and every published total and
 *    share as an equation, and solves: any cell under 10 that the system pins
 *    down is recovered.
 * 2. Non-interference. Every cell the attacker cannot read is changed; if any
 *    published figure anywhere changes with it, that figure carries a hidden
 *    cell (a total with a hidden part, a ratio, a simulator budget), however
 *    the attacker would go on to use it.
 */
import { describe, expect, it } from "vitest";
import {
  measureNames,
  measureSpecs,
  schoolLevels,
  studentGroups,
  type DataPackage,
  type StudentGroup,
} from "../district-data/types";
import { simulateFunding } from "../diagnostics/funding-simulator";
import { publishedAlgebraAccess, publishedFunding } from "../diagnostics/published-metrics";
import { computeView, schoolFields, viewSpecSchema, type Field, type ViewSpec } from "../diagnostics/view-spec";
import { diagnosticViews } from "../diagnostics/views";
import { povertyQuartiles } from "../metrics";
import { dimensions } from "../plan-templates";
import { determinedUnknowns } from "./linear-system";
import { smallCellDistrict } from "./small-cell-district";

const family = { suppressSmallCells: true };
const RACES: StudentGroup[] = [
  "black",
  "latinx",
  "white",
  "asian",
  "native_american",
  "pacific_islander",
  "multiracial",
];
const fields: Field[] = [...measureNames, ...schoolFields];
const isSchoolField = (f: Field) => (schoolFields as readonly string[]).includes(f);
const groupsOf = (f: Field): StudentGroup[] =>
  isSchoolField(f) || measureSpecs[f as keyof typeof measureSpecs].groups === "all"
    ? ["all"]
    : measureSpecs[f as keyof typeof measureSpecs].groups === "not_all"
      ? studentGroups.filter((g) => g !== "all")
      : [...studentGroups];
const additive = (f: Field) =>
  f === "enrollment" || (!isSchoolField(f) && measureSpecs[f as keyof typeof measureSpecs].unit === "count");

type Filter = Pick<ViewSpec, "levels" | "quartiles" | "neighborhoods">;

function filtersOf(pkg: DataPackage): Filter[] {
  const none: Filter = { levels: [], quartiles: [], neighborhoods: [] };
  const hoods = [...new Set(pkg.schools.map((s) => s.neighborhood!))];
  const levels = schoolLevels.filter((l) => pkg.schools.some((s) => s.level === l));
  return [
    none,
    ...levels.map((l) => ({ ...none, levels: [l] })),
    ...([1, 2, 3, 4] as const).map((q) => ({ ...none, quartiles: [q] })),
    ...hoods.map((n) => ({ ...none, neighborhoods: [n] })),
    // Two filters at once: the sets of schools differ by fewer schools.
    ...levels.flatMap((l) => hoods.map((n) => ({ ...none, levels: [l], neighborhoods: [n] }))),
  ];
}

/** Every view spec a member can save, over the filters above. */
function allSpecs(pkg: DataPackage): ViewSpec[] {
  const specs: unknown[] = [];
  for (const filter of filtersOf(pkg)) {
    for (const groupBy of ["school", "level", "quartile", "neighborhood"] as const) {
      for (const field of fields) {
        for (const g of groupsOf(field)) specs.push({ chart: "bar", fields: [field], groups: [g], groupBy, ...filter });
        if (groupsOf(field).length === 1) continue;
        for (const groups of [
          RACES.slice(0, 6),
          RACES.slice(1),
          ["low_income", "not_low_income"],
          ["english_learner", "students_with_disabilities"],
        ]) {
          for (const chart of ["grouped_bar", "stacked_share"])
            specs.push({ chart, fields: [field], groups, groupBy, ...filter });
        }
      }
    }
  }
  for (const x of schoolFields) {
    for (const y of fields)
      for (const g of groupsOf(y)) specs.push({ chart: "scatter", fields: [x, y], groups: [g], groupBy: "school" });
  }
  return specs.map((s) => viewSpecSchema.parse(s));
}

type Output = { name: string; value: unknown };

/** Every figure a family member can be shown. */
function published(pkg: DataPackage, specs: readonly ViewSpec[]): Output[] {
  const out: Output[] = specs.map((spec, i) => ({
    name: `view ${i} ${JSON.stringify(spec)}`,
    value: computeView(pkg, spec, { ...family, title: "t" }),
  }));
  for (const d of dimensions) out.push({ name: `diagnostic ${d}`, value: diagnosticViews(pkg, d, family) });
  for (const [lowIncome, englishLearners, studentsWithDisabilities] of [
    [0, 0, 0],
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
    [0.4, 0.3, 0.9],
  ] as const) {
    const weights = { lowIncome, englishLearners, studentsWithDisabilities };
    out.push({ name: `simulator ${JSON.stringify(weights)}`, value: simulateFunding(pkg, weights, family) });
  }
  out.push({ name: "funding API", value: publishedFunding(pkg, family) });
  for (const a of studentGroups)
    for (const b of studentGroups)
      out.push({ name: `algebra API ${a}/${b}`, value: publishedAlgebraAccess(pkg, a, b, family) });
  return out;
}

// ---- the attacker's model of the data ----

const cellKey = (school: string, field: Field, group: StudentGroup) => `${school}|${field}|${group}`;
type Term = { key: string; coefficient: number };

/** Every cell of the package in the attacker's terms, with its true value (null: suppressed by the district). */
function trueCells(pkg: DataPackage): Map<string, number | null> {
  const cells = new Map<string, number | null>();
  for (const s of pkg.schools) {
    cells.set(cellKey(s.schoolId, "enrollment", "all"), s.enrollment);
    cells.set(cellKey(s.schoolId, "pct_low_income", "all"), s.pctLowIncome);
    cells.set(cellKey(s.schoolId, "pct_english_learners", "all"), s.pctEnglishLearners);
    cells.set(cellKey(s.schoolId, "pct_students_with_disabilities", "all"), s.pctStudentsWithDisabilities);
    cells.set(cellKey(s.schoolId, "pct_students_of_color", "all"), s.pctStudentsOfColor);
  }
  for (const r of pkg.measures)
    cells.set(cellKey(r.schoolId, r.measure, r.group), r.value.suppressed ? null : r.value.value);
  return cells;
}

/** The identities real data obeys, written from DATA-FORMAT.md (coefficients from the true data: the attacker is given them). */
function identities(pkg: DataPackage, cells: Map<string, number | null>): Term[][] {
  const eqs: Term[][] = [];
  const partitions = [RACES, ["low_income", "not_low_income"] as StudentGroup[]];
  for (const s of pkg.schools) {
    const id = s.schoolId;
    const E = s.enrollment;
    const k = (f: Field, g: StudentGroup) => cellKey(id, f, g);
    const ebg = (g: StudentGroup) => cells.get(k("enrollment_by_group", g)) ?? 1;
    for (const p of partitions) {
      eqs.push([
        ...p.map((g) => ({ key: k("enrollment_by_group", g), coefficient: 1 })),
        { key: k("enrollment", "all"), coefficient: -1 },
      ]);
      for (const f of ["grade8_students", "grade8_algebra1_enrolled"] as const) {
        if (!cells.has(k(f, "all"))) continue;
        eqs.push([...p.map((g) => ({ key: k(f, g), coefficient: 1 })), { key: k(f, "all"), coefficient: -1 }]);
      }
      for (const f of ["intervention_minutes_weekly", "chronic_absence_pct", "suspensions_per_100"] as const) {
        const parts = p.filter((g) => cells.has(k(f, g)));
        eqs.push([...parts.map((g) => ({ key: k(f, g), coefficient: ebg(g) })), { key: k(f, "all"), coefficient: -E }]);
      }
    }
    const share = (f: Field, g: StudentGroup) => [
      { key: k(f, "all"), coefficient: E / 100 },
      { key: k("enrollment_by_group", g), coefficient: -1 },
    ];
    eqs.push(share("pct_low_income", "low_income"), share("pct_english_learners", "english_learner"));
    eqs.push(share("pct_students_with_disabilities", "students_with_disabilities"));
    eqs.push([
      { key: k("pct_students_of_color", "all"), coefficient: E / 100 },
      { key: k("enrollment_by_group", "white"), coefficient: 1 },
      { key: k("enrollment", "all"), coefficient: -1 },
    ]);
  }
  return eqs;
}

/** Cells under 10 students that the equations and the shown cells pin down. */
function recovered(equations: Term[][], cells: Map<string, number | null>, known: Set<string>): string[] {
  const unknowns = [...cells.keys()].filter((key) => !known.has(key));
  const index = new Map(unknowns.map((key, i) => [key, i]));
  const rows = equations
    .map((eq) => {
      const row = new Array<number>(unknowns.length).fill(0);
      for (const t of eq) if (index.has(t.key)) row[index.get(t.key)!]! += t.coefficient;
      return row;
    })
    .filter((row) => row.some((v) => v !== 0));
  const pinned = new Set([...determinedUnknowns(rows, unknowns.length)].map((i) => unknowns[i]!));
  // Counts are never negative: hidden parts of a sum that leaves them nothing are all 0.
  for (const eq of equations) {
    const hidden = eq.filter((t) => !known.has(t.key) && cells.has(t.key));
    if (hidden.length === 0 || !(hidden.every((t) => t.coefficient > 0) || hidden.every((t) => t.coefficient < 0)))
      continue;
    if (hidden.some((t) => cells.get(t.key) === null)) continue;
    if (Math.abs(hidden.reduce((sum, t) => sum + t.coefficient * cells.get(t.key)!, 0)) < 1e-9)
      hidden.forEach((t) => pinned.add(t.key));
  }
  return [...pinned].filter((key) => {
    const v = cells.get(key);
    return v !== null && v !== undefined && smallCount(key, v);
  });
}

/** A cell whose figure rests on fewer than 10 students: a count under 10 (a share as the count it is). */
function smallCount(key: string, value: number): boolean {
  const [, field] = key.split("|") as [string, Field];
  if (field.startsWith("pct_")) return false; // checked as the group count it equals
  return additive(field) && value < 10;
}

type Computed = {
  categories: { key: string }[];
  series: { values: (number | null)[] }[];
  points?: { label: string; x: number | null; y: number | null }[];
};

describe("a family member differencing everything published about a district of small cells", () => {
  const pkg = smallCellDistrict({ schools: 28, seed: 11 });
  const specs = allSpecs(pkg);
  const outputs = published(pkg, specs);
  const cells = trueCells(pkg);
  const schoolOf = new Map(pkg.schools.map((s) => [s.schoolName, s.schoolId]));

  it("has many small cells to protect", () => {
    const small = [...cells].filter(([key, v]) => v !== null && smallCount(key, v));
    expect(small.length).toBeGreaterThan(150);
    expect(specs.length).toBeGreaterThan(10_000);
    console.info(
      `${specs.length} views, ${outputs.length} outputs, ${outputs.reduce((n, o) => n + (JSON.stringify(o.value).match(/-?\d+(\.\d+)?(e-?\d+)?(?=[,\]}])/g)?.length ?? 0), 0)} numbers; ${small.length} small cells`,
    );
  });

  // Both attacks recompute or solve over ~15,000 published figures: seconds on a busy 2-core machine.
  it("recovers no cell under 10 by subtraction, shares or the data's identities", { timeout: 120_000 }, () => {
    // What the attacker reads straight off the by-school views.
    const known = new Set<string>();
    const quartileOf = new Map(povertyQuartiles(pkg.schools).map((q) => [q.school.schoolId, q.quartile]));
    const equations = identities(pkg, cells);
    specs.forEach((spec, i) => {
      const view = outputs[i]!.value as Computed;
      const schoolsIn = pkg.schools.filter(
        (s) =>
          (spec.levels.length === 0 || spec.levels.includes(s.level)) &&
          (spec.quartiles.length === 0 || spec.quartiles.includes(quartileOf.get(s.schoolId)!)) &&
          (spec.neighborhoods.length === 0 || spec.neighborhoods.includes(s.neighborhood!)),
      );
      if (spec.chart === "scatter") return;
      const bucketOf = (s: (typeof pkg.schools)[number]) =>
        spec.groupBy === "school"
          ? `School ${s.schoolId}`
          : spec.groupBy === "level"
            ? `level.${s.level}`
            : spec.groupBy === "quartile"
              ? `diag.quartile${quartileOf.get(s.schoolId)}`
              : s.neighborhood!;
      const columns = spec.groups.map((g) =>
        cellKey(
          "",
          spec.fields[0]!,
          isSchoolField(spec.fields[0]!) || measureSpecs[spec.fields[0]! as keyof typeof measureSpecs].groups === "all"
            ? "all"
            : g,
        ),
      );
      view.categories.forEach((category, c) => {
        const members = schoolsIn.filter((s) => bucketOf(s) === category.key);
        view.series.forEach((series, j) => {
          const value = series.values[c];
          if (value === null || value === undefined) return;
          const [, field, group] = columns[j]!.split("|") as [string, Field, StudentGroup];
          if (spec.chart === "stacked_share") {
            // share × the bucket's sum of parts = the part.
            const parts = columns.flatMap((col) =>
              members.map((s) => ({ key: s.schoolId + col, coefficient: -value / 100 })),
            );
            equations.push([
              ...members.map((s) => ({ key: cellKey(s.schoolId, field, group), coefficient: 1 })),
              ...parts,
            ]);
          } else if (spec.groupBy === "school" && spec.chart === "bar") {
            known.add(cellKey(schoolOf.get(category.key)!, field, group));
          } else if (additive(field)) {
            // A published total over a set of schools.
            equations.push(members.map((s) => ({ key: cellKey(s.schoolId, field, group), coefficient: 1 })));
          }
        });
      });
    });
    for (const key of known) expect(cells.has(key), key).toBe(true);
    expect(recovered(equations, cells, known)).toEqual([]);
  });

  it("publishes no figure that moves when a hidden cell does", { timeout: 120_000 }, () => {
    // Hidden: what no by-school view shows. Each non-zero one moves by a quarter of a student.
    const shown = new Set<string>();
    specs.forEach((spec, i) => {
      if (
        spec.chart !== "bar" ||
        spec.groupBy !== "school" ||
        spec.levels.length + spec.quartiles.length + spec.neighborhoods.length > 0
      )
        return;
      const view = outputs[i]!.value as Computed;
      view.categories.forEach((c, j) => {
        if (view.series[0]!.values[j] !== null)
          shown.add(cellKey(schoolOf.get(c.key)!, spec.fields[0]!, spec.groups[0]!));
      });
    });
    // Down by a quarter of a student: a hidden cell stays under 10 if it was, and the smallest of its
    // equals if it was (which cells hide others depends on such orderings, not on exact values);
    // cells just at 10 or at 0 stay put, since moving them would change which cells are hidden.
    const students = (key: string) => {
      const [school, field] = key.split("|") as [string, Field];
      const v = cells.get(key)!;
      return field.startsWith("pct_") ? (v * pkg.schools.find((x) => x.schoolId === school)!.enrollment) / 100 : v;
    };
    const moved = (key: string) => {
      if (shown.has(key) || cells.get(key) === null || cells.get(key) === undefined) return false;
      const n = students(key);
      return n > 0.25 && !(n >= 10 && n < 10.5);
    };
    const shift = (key: string, value: number, percentOf = 0) =>
      moved(key) ? value - (percentOf ? 25 / percentOf : 0.25) : value;
    const ranks = (p: DataPackage) =>
      povertyQuartiles(p.schools)
        .map((q) => `${q.school.schoolId}:${q.quartile}`)
        .sort();
    // A school's poverty quartile is public: a share that would move a school across a quartile stays put.
    const frozen = new Set<string>();
    for (const s of pkg.schools) {
      const key = cellKey(s.schoolId, "pct_low_income", "all");
      if (!moved(key)) continue;
      const trial = pkg.schools.map((x) =>
        x === s ? { ...x, pctLowIncome: shift(key, x.pctLowIncome, x.enrollment) } : x,
      );
      if (ranks({ schools: trial, measures: [] }).join() !== ranks(pkg).join()) frozen.add(key);
    }
    const shiftUnlessFrozen = (key: string, value: number, percentOf: number) =>
      frozen.has(key) ? value : shift(key, value, percentOf);
    const changed: DataPackage = {
      schools: pkg.schools.map((s) => {
        const k = (f: Field) => cellKey(s.schoolId, f, "all");
        return {
          ...s,
          enrollment: shift(k("enrollment"), s.enrollment),
          pctLowIncome: shiftUnlessFrozen(k("pct_low_income"), s.pctLowIncome, s.enrollment),
          pctEnglishLearners: shift(k("pct_english_learners"), s.pctEnglishLearners!, s.enrollment),
          pctStudentsWithDisabilities: shift(
            k("pct_students_with_disabilities"),
            s.pctStudentsWithDisabilities!,
            s.enrollment,
          ),
          pctStudentsOfColor: shift(k("pct_students_of_color"), s.pctStudentsOfColor!, s.enrollment),
        };
      }),
      measures: pkg.measures.map((r) =>
        r.value.suppressed
          ? r
          : {
              ...r,
              value: { suppressed: false, value: shift(cellKey(r.schoolId, r.measure, r.group), r.value.value) },
            },
      ),
    };
    const movedCount = [...cells.keys()].filter(moved).length;
    expect(movedCount).toBeGreaterThan(150);
    // The quartiles are the same schools (a school's rank is public, its share is not).
    expect(ranks(changed)).toEqual(ranks(pkg));

    const after = published(changed, specs);
    const differing = outputs
      .filter((o, i) => JSON.stringify(o.value) !== JSON.stringify(after[i]!.value))
      .map((o) => o.name);
    expect(differing.slice(0, 5)).toEqual([]);
  });
});
