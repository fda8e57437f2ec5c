/**
 * The one suppression decision per data version for readers outside cabinet
 * and district staff (docs/decisions/009-linked-table-suppression.md).
 *
 * Every cell a restricted reader could be shown — each school's measures by
 * student group and its schools.csv figures — is decided here, once, over the
 * whole table: primary suppression (fewer than 10 students), then
 * complementary suppression until an exact audit finds no hidden cell that the
 * shown cells and the data's own identities (partitions adding up to their
 * total, group rates weighted by their students adding up to the all-students
 * rate, the schools.csv shares tied to the group counts) pin down. The result
 * is a copy of the package with hidden measures marked suppressed and hidden
 * school figures marked concealed; every view, metric, diagnostic, simulator,
 * export and API computes from that copy, so no figure a restricted reader sees
 * depends on a hidden cell.
 */
import {
  measureSpecs,
  type DataPackage,
  type MeasureName,
  type MeasureRow,
  type School,
  type SchoolAttribute,
  type StudentGroup,
} from "../district-data/types";
import { GROUP_PARTITIONS, MIN_CELL_SIZE } from "../metrics/small-cell-suppression";
import { determinedUnknowns } from "./linear-system";

/** Measures that count students: a count is its own n. */
const COUNT_MEASURES = new Set<MeasureName>(["enrollment_by_group", "grade8_students", "grade8_algebra1_enrolled"]);

/** The schools.csv shares and the group count each one is (share × enrollment / 100). */
const SHARE_OF_GROUP = {
  pctLowIncome: "low_income",
  pctEnglishLearners: "english_learner",
  pctStudentsWithDisabilities: "students_with_disabilities",
  pctStudentsOfColor: null, // enrollment minus white students
} as const satisfies Record<Exclude<SchoolAttribute, "enrollment">, StudentGroup | null>;
type ShareAttribute = keyof typeof SHARE_OF_GROUP;
const shareAttributes = Object.keys(SHARE_OF_GROUP) as ShareAttribute[];

type Cell = {
  key: string;
  /** The true value in count space (shares as counts); null when the district suppressed it. */
  value: number | null;
  /** Students the figure rests on; null when unknown (treated as too few). */
  n: number | null;
};
/** Σ coefficient × cell = 0, over cells of one school. */
type Equation = { key: string; coefficient: number }[];

const ENROLLMENT = "enrollment";
const measureKey = (measure: MeasureName, group: StudentGroup) => `${measure}:${group}`;

const cache = new WeakMap<DataPackage, DataPackage>();

/** The package as readers who get small-cell suppression may see it; computed once per package. */
export function restrictedPackage(pkg: DataPackage): DataPackage {
  let restricted = cache.get(pkg);
  if (!restricted) {
    restricted = computeRestrictedPackage(pkg);
    cache.set(pkg, restricted);
  }
  return restricted;
}

function computeRestrictedPackage(pkg: DataPackage): DataPackage {
  const rowsBySchool = new Map<string, MeasureRow[]>();
  for (const row of pkg.measures) {
    const list = rowsBySchool.get(row.schoolId);
    if (list) list.push(row);
    else rowsBySchool.set(row.schoolId, [row]);
  }
  const hiddenRows = new Set<MeasureRow>();
  const schools = pkg.schools.map((school): School => {
    const rows = rowsBySchool.get(school.schoolId) ?? [];
    const hidden = hiddenCellsOfSchool(school, rows);
    for (const row of rows) if (hidden.has(measureKey(row.measure, row.group))) hiddenRows.add(row);
    const concealed: SchoolAttribute[] = [];
    if (hidden.has(ENROLLMENT)) concealed.push(ENROLLMENT);
    for (const a of shareAttributes) if (hidden.has(a)) concealed.push(a);
    return concealed.length ? { ...school, concealed } : school;
  });
  const measures = pkg.measures.map((row): MeasureRow =>
    hiddenRows.has(row) && !row.value.suppressed ? { ...row, value: { suppressed: true } } : row,
  );
  return { schools, measures };
}

/**
 * The keys of one school's cells that a restricted reader may not see. Schools
 * are independent: no figure is published over several schools with a hidden
 * contributor (such totals are computed from this package, where the
 * contributor is suppressed), so the only identities are within a school.
 */
export function hiddenCellsOfSchool(school: School, rows: readonly MeasureRow[]): Set<string> {
  const { cells, equations } = schoolTable(school, rows);
  const hidden = new Set<string>();
  // A school of fewer than 10 students: every figure about it rests on fewer than 10.
  if (school.enrollment < MIN_CELL_SIZE) return new Set(cells.keys());
  // Where the school does not offer Algebra 1, nobody is enrolled in it: those zeros follow from
  // the offer, which is shown, so hiding them would protect nothing and hide the access gap.
  const enrolled = [...cells.values()].filter((c) => c.key.startsWith("grade8_algebra1_enrolled:"));
  const noneEnrolled =
    cells.get(measureKey("offers_grade8_algebra1", "all"))?.value === 0 && enrolled.every((c) => c.value === 0);
  const knownZero = (cell: Cell) => noneEnrolled && cell.key.startsWith("grade8_algebra1_enrolled:");
  for (const cell of cells.values()) {
    if (knownZero(cell)) continue;
    if (cell.value === null || cell.n === null || cell.n < MIN_CELL_SIZE) hidden.add(cell.key);
  }
  // Each round hides one more cell; the table is finite, so this ends.
  for (let round = 0; round <= cells.size; round++) {
    const exposed = exposedCell(cells, equations, hidden);
    if (exposed === null) return hidden;
    const complement = complementFor(exposed, cells, equations, hidden);
    if (complement === null) return new Set(cells.keys());
    hidden.add(complement);
  }
  return new Set(cells.keys());
}

/** The school's cells in count space and the identities linking them. */
function schoolTable(school: School, rows: readonly MeasureRow[]) {
  const cells = new Map<string, Cell>();
  const E = school.enrollment;
  cells.set(ENROLLMENT, { key: ENROLLMENT, value: E, n: E });
  const valueOf = new Map<string, number | null>();
  for (const row of rows)
    valueOf.set(measureKey(row.measure, row.group), row.value.suppressed ? null : row.value.value);
  const ebg = (g: StudentGroup) => valueOf.get(measureKey("enrollment_by_group", g));

  for (const row of rows) {
    const key = measureKey(row.measure, row.group);
    const value = valueOf.get(key) ?? null;
    let n: number | null;
    if (COUNT_MEASURES.has(row.measure)) n = value;
    else if (row.group === "all") n = E;
    else n = ebg(row.group) ?? null;
    cells.set(key, { key, value, n });
  }
  for (const a of shareAttributes) {
    const pct = school[a];
    if (pct === null) continue;
    const count = (pct * E) / 100;
    // The share gives both its group and the rest of the school: the smaller decides.
    cells.set(a, { key: a, value: count, n: Math.round(Math.min(count, E - count)) });
  }

  const equations: Equation[] = [];
  const has = (key: string) => cells.has(key);
  for (const measure of Object.keys(measureSpecs) as MeasureName[]) {
    const spec = measureSpecs[measure];
    if (spec.groups === "all") continue;
    for (const partition of GROUP_PARTITIONS) {
      const parts = partition.filter((g) => has(measureKey(measure, g)));
      if (parts.length < 2) continue;
      if (measure === "enrollment_by_group") {
        // The parts of a school's students add up to its enrollment.
        equations.push([
          ...parts.map((g) => ({ key: measureKey(measure, g), coefficient: 1 })),
          { key: ENROLLMENT, coefficient: -1 },
        ]);
      } else if (COUNT_MEASURES.has(measure)) {
        if (!has(measureKey(measure, "all"))) continue;
        equations.push([
          ...parts.map((g) => ({ key: measureKey(measure, g), coefficient: 1 })),
          { key: measureKey(measure, "all"), coefficient: -1 },
        ]);
      } else {
        // Rates weighted by their groups' students add up to the all-students rate times enrollment.
        if (!has(measureKey(measure, "all"))) continue;
        equations.push([
          ...parts.map((g) => ({ key: measureKey(measure, g), coefficient: ebg(g) || 1 })),
          { key: measureKey(measure, "all"), coefficient: -(E || 1) },
        ]);
      }
    }
  }
  // The schools.csv shares are group counts in another form.
  for (const a of shareAttributes) {
    if (!has(a)) continue;
    const group = SHARE_OF_GROUP[a];
    if (group !== null && has(measureKey("enrollment_by_group", group))) {
      equations.push([
        { key: a, coefficient: 1 },
        { key: measureKey("enrollment_by_group", group), coefficient: -1 },
      ]);
    }
    if (group === null && has(measureKey("enrollment_by_group", "white"))) {
      equations.push([
        { key: a, coefficient: 1 },
        { key: measureKey("enrollment_by_group", "white"), coefficient: 1 },
        { key: ENROLLMENT, coefficient: -1 },
      ]);
    }
    if (group === "low_income" && has(measureKey("enrollment_by_group", "not_low_income"))) {
      equations.push([
        { key: a, coefficient: 1 },
        { key: measureKey("enrollment_by_group", "not_low_income"), coefficient: 1 },
        { key: ENROLLMENT, coefficient: -1 },
      ]);
    }
  }
  return { cells, equations };
}

/**
 * A hidden cell that a reader could work out, or null. Linear: the equations
 * restricted to the hidden cells pin it down. Non-negative: the hidden cells
 * of an equation whose terms all have one sign and whose shown terms leave
 * nothing for them are all 0.
 */
function exposedCell(
  cells: Map<string, Cell>,
  equations: readonly Equation[],
  hidden: ReadonlySet<string>,
): string | null {
  const unknowns = [...hidden];
  const index = new Map(unknowns.map((k, i) => [k, i]));
  const rows: number[][] = [];
  for (const eq of equations) {
    const row = new Array<number>(unknowns.length).fill(0);
    let any = false;
    for (const { key, coefficient } of eq) {
      const i = index.get(key);
      if (i === undefined) continue;
      row[i]! += coefficient;
      any = true;
    }
    if (any) rows.push(row);
  }
  const determined = determinedUnknowns(rows, unknowns.length);
  if (determined.size > 0) return unknowns[Math.min(...determined)]!;

  for (const eq of equations) {
    const hiddenTerms = eq.filter((t) => hidden.has(t.key));
    if (hiddenTerms.length === 0) continue;
    const oneSign = hiddenTerms.every((t) => t.coefficient > 0) || hiddenTerms.every((t) => t.coefficient < 0);
    const values = hiddenTerms.map((t) => cells.get(t.key)!.value);
    if (!oneSign || values.some((v) => v === null)) continue;
    const residual = hiddenTerms.reduce((sum, t, i) => sum + t.coefficient * values[i]!, 0);
    if (Math.abs(residual) < 1e-9) return hiddenTerms[0]!.key;
  }
  return null;
}

/**
 * The shown cell to hide with `exposed`: in the equations reachable from it
 * through hidden cells, the shown cell resting on the fewest students (never
 * the enrollment while another will do). Null when none is left.
 */
function complementFor(
  exposed: string,
  cells: Map<string, Cell>,
  equations: readonly Equation[],
  hidden: ReadonlySet<string>,
): string | null {
  const reached = new Set([exposed]);
  const usedEquations = new Set<number>();
  for (let frontier = [exposed]; frontier.length;) {
    const candidates = new Set<string>();
    const next: string[] = [];
    equations.forEach((eq, i) => {
      if (usedEquations.has(i) || !eq.some((t) => frontier.includes(t.key))) return;
      usedEquations.add(i);
      for (const { key } of eq) {
        if (!hidden.has(key)) candidates.add(key);
        else if (!reached.has(key)) {
          reached.add(key);
          next.push(key);
        }
      }
    });
    const best = [...candidates]
      .map((key) => cells.get(key)!)
      // A cell whose value is 0 would leave a sum of hidden zeros: a non-zero one protects.
      .sort(
        (a, b) =>
          Number(a.key === ENROLLMENT) - Number(b.key === ENROLLMENT) ||
          Number(a.value === 0) - Number(b.value === 0) ||
          (a.n ?? 0) - (b.n ?? 0) ||
          (a.key < b.key ? -1 : 1),
      )[0];
    if (best) return best.key;
    frontier = next;
  }
  return null;
}
