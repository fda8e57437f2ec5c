/**
 * Saved data views: what a member chose in the view builder, validated, and
 * computed into chart data over a data package. Framework-free: the server
 * computes a view for each reader (with their suppression rules) and the
 * browser only draws the result.
 */
import { z } from "zod";
import {
  measureNames,
  measureSpecs,
  schoolLevels,
  studentGroups,
  type DataPackage,
  type MeasureName,
  type School,
  type StudentGroup,
} from "../district-data/types";
import {
  measureLookup,
  povertyQuartiles,
  suppressSmallFigures,
  valueOrNull,
  known,
  type CountedCell,
  type SumGroup,
  type Figure,
  type Quartile,
} from "../metrics";
import type { DiagnosticView, Text, Unit } from "./views";

export const chartTypes = ["bar", "grouped_bar", "scatter", "stacked_share"] as const;
export const groupings = ["school", "level", "quartile", "neighborhood"] as const;
/** School attributes from schools.csv that can be charted like measures. */
export const schoolFields = [
  "enrollment",
  "pct_low_income",
  "pct_english_learners",
  "pct_students_with_disabilities",
  "pct_students_of_color",
] as const;
export type SchoolField = (typeof schoolFields)[number];
export type Field = MeasureName | SchoolField;

export const viewSpecSchema = z
  .object({
    chart: z.enum(chartTypes),
    /** Bars: one or more fields (one per series); scatter: [x, y]. */
    fields: z
      .array(z.enum([...measureNames, ...schoolFields] as unknown as [Field, ...Field[]]))
      .min(1)
      .max(4),
    groups: z.array(z.enum(studentGroups)).min(1).max(6),
    groupBy: z.enum(groupings),
    levels: z.array(z.enum(schoolLevels)).max(schoolLevels.length).default([]),
    /** Poverty quartiles (1 = lowest poverty … 4 = highest), assigned over all schools before any filter. */
    quartiles: z
      .array(z.literal([1, 2, 3, 4], { error: "validation.quartileFilter" }))
      .max(4, "validation.quartileFilter")
      .default([]),
    /** Neighborhoods named in the package's schools.csv; checked against the package by `unknownFilterValues`. */
    neighborhoods: z
      .array(
        z
          .string({ error: "validation.neighborhoodFilter" })
          .trim()
          .min(1, "validation.neighborhoodFilter")
          .max(200, "validation.neighborhoodFilter")
      )
      .max(500, "validation.neighborhoodFilter")
      .default([]),
  })
  .superRefine((spec, ctx) => {
    if (spec.chart === "scatter" && spec.fields.length !== 2) {
      ctx.addIssue({ code: "custom", path: ["fields"], message: "validation.scatterFields" });
    }
  });
export type ViewSpec = z.infer<typeof viewSpecSchema>;

export type ComputedView = DiagnosticView & {
  chart: ViewSpec["chart"];
  /** Scatter points: one per school, bubble size = enrollment. */
  points?: { label: string; x: number | null; y: number | null; size: number }[];
  axes?: { x: Text; y: Text };
};

const isSchoolField = (f: Field): f is SchoolField => (schoolFields as readonly string[]).includes(f);
const fieldText = (f: Field): Text => ({ key: isSchoolField(f) ? `schoolField.${f}` : `measure.${f}` });
const fieldUnit = (f: Field): Unit => {
  if (isSchoolField(f)) return f === "enrollment" ? "students" : "percent";
  const unit = measureSpecs[f].unit;
  return unit === "usd"
    ? "usd"
    : unit === "percent"
    ? "percent"
    : unit === "years"
    ? "years"
    : unit === "minutes"
    ? "minutes"
    : unit === "index"
    ? "index"
    : "count";
};
/** Measures reported for one group only ("all only"): any other group reads as all students. */
const groupFor = (f: Field, g: StudentGroup): StudentGroup =>
  isSchoolField(f) || measureSpecs[f].groups === "all" ? "all" : g;

/** Measures that count students: small values identify people. */
const STUDENT_COUNTS = new Set<Field>(["enrollment_by_group", "grade8_students", "grade8_algebra1_enrolled"]);

type Options = { suppressSmallCells: boolean; title: string; caption?: string | null };

/** The package's neighborhoods, each once, in alphabetical order: the choices of the neighborhood filter. */
export function neighborhoodsOf(pkg: DataPackage): string[] {
  const names = new Set(pkg.schools.flatMap((s) => (s.neighborhood ? [s.neighborhood] : [])));
  return [...names].sort((a, b) => a.localeCompare(b, "en"));
}

/**
 * Filter values that a valid spec may hold but this package does not have
 * (a neighborhood no school is in), as issues shaped like zod's: the path
 * inside the spec and a message key.
 */
export function unknownFilterValues(
  pkg: DataPackage,
  spec: ViewSpec
): { path: (string | number)[]; message: string }[] {
  const known = new Set(neighborhoodsOf(pkg));
  return spec.neighborhoods.flatMap((n, i) =>
    known.has(n) ? [] : [{ path: ["neighborhoods", i], message: "validation.unknownNeighborhood" }]
  );
}

/**
 * The schools a spec's filters keep. Quartiles are those of the whole district
 * (DATA-FORMAT.md), so "Q4" means the same schools whatever else is filtered.
 */
function filterSchools(pkg: DataPackage, spec: ViewSpec, quartileOf: Map<string, Quartile>): School[] {
  return pkg.schools.filter(
    (s) =>
      (spec.levels.length === 0 || spec.levels.includes(s.level)) &&
      (spec.quartiles.length === 0 || spec.quartiles.includes(quartileOf.get(s.schoolId)!)) &&
      (spec.neighborhoods.length === 0 || (s.neighborhood !== null && spec.neighborhoods.includes(s.neighborhood)))
  );
}

/** Computes a saved view over a package, hiding small cells when asked. */
export function computeView(pkg: DataPackage, spec: ViewSpec, options: Options): ComputedView {
  const lookup = measureLookup(pkg);
  const quartileOf = new Map(povertyQuartiles(pkg.schools).map((q) => [q.school.schoolId, q.quartile]));
  // Everything below, suppression included, is computed on the filtered schools: what is shown.
  const schools = filterSchools(pkg, spec, quartileOf);
  const studentsIn = (s: School, g: StudentGroup): number | null => {
    if (g === "all") return s.enrollment;
    const f = lookup(s.schoolId, "enrollment_by_group", g);
    return f.kind === "value" ? f.value : null;
  };
  const valueAt = (s: School, f: Field, g: StudentGroup): Figure => {
    if (isSchoolField(f)) {
      const v = f === "enrollment" ? s.enrollment : s[camel(f)];
      return v === null ? { kind: "unavailable", reason: "no_data" } : known(v);
    }
    return lookup(s.schoolId, f, groupFor(f, g));
  };
  const hide = (cells: CountedCell<Figure>[], groups: SumGroup[] = []) => {
    if (!options.suppressSmallCells) return cells.map((c) => valueOrNull(c.value));
    const { figures } = suppressSmallFigures(cells, groups);
    return cells.map((c) => valueOrNull(figures.get(c.id)!));
  };
  const base = {
    id: "view",
    chart: spec.chart,
    title: { key: options.title },
    finding: options.caption ? { key: options.caption } : null,
  };

  if (spec.chart === "scatter") {
    const [xField, yField] = spec.fields as [Field, Field];
    const g = spec.groups[0]!;
    const n = (s: School) => studentsIn(s, groupFor(yField, g)) ?? studentsIn(s, "all");
    const xs = hide(schools.map((s) => ({ id: `x:${s.schoolId}`, value: valueAt(s, xField, g), n: n(s) })));
    const ys = hide(schools.map((s) => ({ id: `y:${s.schoolId}`, value: valueAt(s, yField, g), n: n(s) })));
    return {
      ...base,
      unit: fieldUnit(yField),
      categories: [],
      series: [],
      axes: { x: fieldText(xField), y: fieldText(yField) },
      points: schools.map((s, i) => ({ label: s.schoolName, x: xs[i]!, y: ys[i]!, size: s.enrollment })),
    };
  }

  // Bars: one category per school or per group of schools; the value is the
  // mean of the schools' values weighted by the students it describes.
  const bucketOf = (s: School): string =>
    spec.groupBy === "school"
      ? s.schoolName
      : spec.groupBy === "level"
      ? s.level
      : spec.groupBy === "quartile"
      ? `Q${quartileOf.get(s.schoolId)}`
      : s.neighborhood ?? "—";
  const buckets = [...new Set(schools.map(bucketOf))];
  if (spec.groupBy === "quartile") buckets.sort();
  const categoryText = (b: string): Text =>
    spec.groupBy === "quartile"
      ? { key: `diag.quartile${b.slice(1)}` }
      : spec.groupBy === "level"
      ? { key: `level.${b}` }
      : { key: b };

  // Counts add up across a bucket's schools; rates, dollars and percents are
  // averaged, weighted by the students they describe.
  const additive = (field: Field) =>
    field === "enrollment" || (!isSchoolField(field) && measureSpecs[field].unit === "count");
  const columns = spec.fields.flatMap((field) =>
    (isSchoolField(field) || measureSpecs[field].groups === "all" ? ["all" as StudentGroup] : spec.groups).map((g) => {
      const cells = buckets.map((b): CountedCell<Figure> => {
        let sum = 0;
        let weight = 0;
        let hidden = false;
        let missing = true;
        for (const s of schools.filter((x) => bucketOf(x) === b)) {
          const f = valueAt(s, field, g);
          const w = studentsIn(s, groupFor(field, g));
          if (f.kind === "suppressed") hidden = true;
          if (f.kind !== "value" || w === null || (w === 0 && !additive(field))) continue;
          missing = false;
          sum += additive(field) ? f.value : f.value * w;
          weight += w;
        }
        // A total with a hidden part is itself unknown.
        const value: Figure =
          additive(field) && hidden
            ? { kind: "suppressed" }
            : missing
            ? { kind: "unavailable", reason: "no_data" }
            : known(additive(field) ? sum : sum / weight);
        // A count of students is its own n; anything else rests on the students it describes.
        const n = STUDENT_COUNTS.has(field) && value.kind === "value" ? value.value : weight;
        return { id: `${field}:${g}:${b}`, value, n };
      });
      const label =
        spec.groups.length > 1 && !(isSchoolField(field) || measureSpecs[field].groups === "all")
          ? { key: "view.seriesLabel", params: { field: fieldText(field).key, group: `studentGroup.${g}` } }
          : fieldText(field);
      return { field, label, cells };
    })
  );
  // Student counts of several groups in one bucket are parts of a total anyone can see
  // (enrollment): hiding one small part means hiding another, or subtraction recovers it.
  const sumGroups: SumGroup[] = buckets.flatMap((_, i) => {
    const parts = columns.filter((c) => STUDENT_COUNTS.has(c.field)).map((c) => c.cells[i]!.id);
    return parts.length > 1 ? [{ parts }] : [];
  });
  const allCells = columns.flatMap((c) => c.cells);
  const shown = hide(allCells, sumGroups);
  const series = columns.map((c, j) => ({
    label: c.label,
    values: shown.slice(j * buckets.length, (j + 1) * buckets.length),
  }));

  if (spec.chart === "stacked_share") {
    // Each category's series as shares of their sum, so the bars read as compositions.
    for (let i = 0; i < buckets.length; i++) {
      const total = series.reduce((t, s) => t + (s.values[i] ?? 0), 0);
      for (const s of series) s.values[i] = s.values[i] === null || total === 0 ? null : (s.values[i]! / total) * 100;
    }
  }
  return {
    ...base,
    unit: spec.chart === "stacked_share" ? "percent" : fieldUnit(spec.fields[0]!),
    categories: buckets.map(categoryText),
    series,
  };
}

function camel(
  f: Exclude<SchoolField, "enrollment">
): "pctLowIncome" | "pctEnglishLearners" | "pctStudentsWithDisabilities" | "pctStudentsOfColor" {
  return (
    {
      pct_low_income: "pctLowIncome",
      pct_english_learners: "pctEnglishLearners",
      pct_students_with_disabilities: "pctStudentsWithDisabilities",
      pct_students_of_color: "pctStudentsOfColor",
    } as const
  )[f];
}
