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
  linkedGroups,
  measureLookup,
  partitionSumGroups,
  povertyQuartiles,
  suppressSmallFigures,
  suppressed,
  unavailable,
  valueOrNull,
  known,
  schoolAttribute,
  type CountedCell,
  type SumGroup,
  type Figure,
  type Quartile,
} from "../metrics";
import { packageFor, roundedShare } from "../disclosure";
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
      .min(1, "validation.viewFields")
      .max(4, "validation.viewFields"),
    groups: z.array(z.enum(studentGroups)).min(1, "validation.viewGroups").max(6, "validation.viewGroups"),
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
          .max(200, "validation.neighborhoodFilter"),
      )
      .max(500, "validation.neighborhoodFilter")
      .default([]),
  })
  .superRefine((spec, ctx) => {
    if (spec.chart === "scatter" && spec.fields.length !== 2) {
      ctx.addIssue({ code: "custom", path: ["fields"], message: "validation.scatterFields" });
    }
  })
  // A measure or group chosen twice is one series; a scatter keeps its two axes as they are.
  .transform((spec) => ({
    ...spec,
    fields: spec.chart === "scatter" ? spec.fields : [...new Set(spec.fields)],
    groups: [...new Set(spec.groups)],
  }));
export type ViewSpec = z.infer<typeof viewSpecSchema>;

export type ComputedView = DiagnosticView & {
  chart: ViewSpec["chart"];
  /** Scatter points: one per school, bubble size = enrollment. */
  points?: { label: string; x: number | null; y: number | null; size: number | null }[];
  axes?: { x: Text; y: Text };
  /**
   * What each drawn figure is, for naming a data point (comment threads): bars' buckets
   * ("Q1", a level, a neighborhood, a school's id) and series (field × group); a scatter's schools.
   */
  keys?:
    | { groupBy: ViewSpec["groupBy"]; buckets: string[]; series: { field: Field; group: StudentGroup }[] }
    | { schools: string[]; fields: [Field, Field]; group: StudentGroup };
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
const allOnly = (f: Field) => isSchoolField(f) || measureSpecs[f].groups === "all";
/** The groups a bar view charts `field` for: its groups, or all students alone for an "all only" measure. */
const groupsCharted = (spec: Pick<ViewSpec, "groups">, field: Field): readonly StudentGroup[] =>
  allOnly(field) ? ["all"] : spec.groups;

/** Bars a chart draws per category: one per (measure, group) pair it charts. */
export function seriesCount(spec: Pick<ViewSpec, "chart" | "fields" | "groups">): number {
  if (spec.chart === "scatter") return 1;
  return spec.fields.reduce((n, f) => n + groupsCharted(spec, f).length, 0);
}

/** As many series as the charts have distinct colours (data-view-figure.tsx, view-to-svg.ts). */
export const MAX_SERIES = 6;

/**
 * A spec for a view being created: the stored form (`viewSpecSchema`, which every
 * saved view still reads with), and what makes a readable chart. Views saved
 * before these rules keep working.
 */
export const newViewSpecSchema = viewSpecSchema.superRefine((spec, ctx) => {
  if (spec.chart === "scatter" && spec.fields[0] === spec.fields[1]) {
    ctx.addIssue({ code: "custom", path: ["fields"], message: "validation.scatterFields" });
  }
  if (seriesCount(spec) > MAX_SERIES) {
    ctx.addIssue({ code: "custom", path: ["groups"], message: "validation.viewSeries" });
  }
});

const groupFor = (f: Field, g: StudentGroup): StudentGroup => (allOnly(f) ? "all" : g);

/** Shares of students and rates per 100 students: published rounded to restricted readers. */
const isRate = (f: Field) => fieldUnit(f) === "percent" || (!isSchoolField(f) && measureSpecs[f].unit === "rate");

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
  spec: ViewSpec,
): { path: (string | number)[]; message: string }[] {
  const known = new Set(neighborhoodsOf(pkg));
  return spec.neighborhoods.flatMap((n, i) =>
    known.has(n) ? [] : [{ path: ["neighborhoods", i], message: "validation.unknownNeighborhood" }],
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
      (spec.neighborhoods.length === 0 || (s.neighborhood !== null && spec.neighborhoods.includes(s.neighborhood))),
  );
}

/** Computes a saved view over a package, hiding small cells when asked. */
export function computeView(whole: DataPackage, spec: ViewSpec, options: Options): ComputedView {
  // Hidden cells are decided once over the whole table (domain/disclosure), not per view.
  const pkg = packageFor(whole, options);
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
    if (isSchoolField(f)) return schoolAttribute(s, f === "enrollment" ? "enrollment" : camel(f));
    return lookup(s.schoolId, f, groupFor(f, g));
  };
  /** Percents and rates to whole numbers for restricted readers (see roundedShare). */
  const publish = (field: Field, value: number | null) =>
    options.suppressSmallCells && isRate(field) ? roundedShare(value, 100) : value;
  const base = {
    id: "view",
    chart: spec.chart,
    title: { key: options.title },
    finding: options.caption ? { key: options.caption } : null,
  };

  // Every figure the view rests on, by (field, group, bucket), and the sums that link them.
  const cells = new Map<string, CountedCell<Figure>>();
  const sumGroups: SumGroup[] = [];
  const linked = new Set<string>();
  /**
   * Adds the cells of `field` for `groups` in one bucket (a school, or a group
   * of schools): the groups asked for, every partition they touch in full and
   * the all-students figure the parts add up to, whether shown or not, so a
   * figure is hidden alike in every view of the same schools, whatever else it shows.
   */
  const addCells = (
    field: Field,
    groups: readonly StudentGroup[],
    bucket: string,
    figureOf: (g: StudentGroup) => { value: Figure; n: number | null },
  ) => {
    const asked = [...new Set(groups.map((g) => groupFor(field, g)))];
    const byGroup = !allOnly(field);
    // enrollment_by_group has no all-students row: its parts add up to the school's enrollment, which is public.
    const withTotal = !isSchoolField(field) && measureSpecs[field].groups === "any";
    const all = byGroup ? [...linkedGroups(asked), ...(withTotal ? ["all" as const] : [])] : asked;
    for (const g of all) {
      const id = cellId(field, g, bucket);
      if (!cells.has(id)) cells.set(id, { id, ...figureOf(g) });
    }
    if (!byGroup || linked.has(`${field}:${bucket}`)) return;
    linked.add(`${field}:${bucket}`);
    // A group not reported at all is no part of the sum a reader can form.
    const present = (g: StudentGroup) => {
      const c = cells.get(cellId(field, g, bucket));
      return c && c.value.kind !== "unavailable" ? c.id : undefined;
    };
    sumGroups.push(...partitionSumGroups(present, withTotal ? present("all") : undefined));
  };
  /** What the reader may see of each cell; called once every cell is in. */
  const suppress = () => {
    const all = [...cells.values()];
    const seen = options.suppressSmallCells
      ? suppressSmallFigures(all, sumGroups).figures
      : new Map(all.map((c) => [c.id, c.value]));
    return {
      shown: (id: string) => valueOrNull(seen.get(id)!),
      /** Hidden from this reader (by the district or by suppression), as opposed to not reported. */
      concealed: (id: string) => cells.get(id)!.value.kind !== "unavailable" && seen.get(id)!.kind === "suppressed",
    };
  };

  if (spec.chart === "scatter") {
    const [xField, yField] = spec.fields as [Field, Field];
    const g = spec.groups[0]!;
    for (const s of schools) {
      for (const field of [xField, yField]) {
        addCells(field, [g], s.schoolId, (h) => {
          const value = valueAt(s, field, h);
          return { value, n: studentsBehind(field, value, studentsIn(s, h)) };
        });
      }
    }
    const { shown, concealed } = suppress();
    return {
      ...base,
      unit: fieldUnit(yField),
      categories: [],
      series: [],
      axes: { x: fieldText(xField), y: fieldText(yField) },
      points: schools.map((s) => {
        const x = cellId(xField, groupFor(xField, g), s.schoolId);
        const y = cellId(yField, groupFor(yField, g), s.schoolId);
        // Half a point is no point: a school with a hidden coordinate is left out whole.
        const hidden = options.suppressSmallCells && (concealed(x) || concealed(y));
        // The bubble's size is the school's enrollment: a hidden point, or a concealed enrollment, has none.
        const size = hidden ? null : valueOrNull(schoolAttribute(s, "enrollment"));
        return {
          label: s.schoolName,
          x: hidden ? null : publish(xField, shown(x)),
          y: hidden ? null : publish(yField, shown(y)),
          size,
        };
      }),
      keys: { schools: schools.map((s) => s.schoolId), fields: [xField, yField], group: g },
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
          : (s.neighborhood ?? "—");
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
  const bucketCell = (members: School[], field: Field, g: StudentGroup): { value: Figure; n: number | null } => {
    let sum = 0;
    let weight = 0;
    let hidden = false;
    let missing = true;
    for (const s of members) {
      const f = valueAt(s, field, g);
      if (f.kind === "suppressed") hidden = true;
      if (f.kind !== "value") continue;
      const w = studentsIn(s, g);
      if (additive(field)) {
        // A count is a count whether or not the group's enrollment is known.
        sum += f.value;
        weight += w ?? 0;
        missing = false;
        continue;
      }
      if (w === null || w === 0) continue;
      missing = false;
      sum += f.value * w;
      weight += w;
    }
    // A total with a hidden part is itself unknown.
    const value: Figure =
      additive(field) && hidden
        ? suppressed()
        : missing
          ? { kind: "unavailable", reason: "no_data" }
          : known(additive(field) ? sum : sum / weight);
    return { value, n: studentsBehind(field, value, weight) };
  };
  const members = new Map(buckets.map((b) => [b, schools.filter((s) => bucketOf(s) === b)]));
  const fields = [...new Set(spec.fields)];
  for (const field of fields) {
    for (const b of buckets) {
      addCells(field, groupsCharted(spec, field), b, (h) => bucketCell(members.get(b)!, field, h));
    }
  }
  const columns = fields.flatMap((field) =>
    groupsCharted(spec, field).map((g) => ({
      label:
        spec.groups.length > 1 && !allOnly(field)
          ? { key: "view.seriesLabel", params: { field: fieldText(field).key, group: `studentGroup.${g}` } }
          : fieldText(field),
      ids: buckets.map((b) => cellId(field, g, b)),
      field,
      group: g,
    })),
  );
  const { shown, concealed } = suppress();
  const series = columns.map((c) => ({ label: c.label, values: c.ids.map((id) => publish(c.field, shown(id))) }));
  if (spec.chart === "stacked_share") {
    const shares = shareOfBucket(buckets.length, columns, cells, concealed, options.suppressSmallCells);
    series.forEach(
      (s, j) => (s.values = shares[j]!.map((v) => (options.suppressSmallCells ? roundedShare(v, 100) : v))),
    );
  }
  return {
    ...base,
    unit: spec.chart === "stacked_share" ? "percent" : fieldUnit(spec.fields[0]!),
    categories: buckets.map(categoryText),
    series,
    keys: {
      groupBy: spec.groupBy,
      // A school by its id, which outlives a renamed school in the next data version.
      buckets: buckets.map((b) => (spec.groupBy === "school" ? members.get(b)![0]!.schoolId : b)),
      series: columns.map((c) => ({ field: c.field, group: c.group })),
    },
  };
}

const cellId = (field: Field, g: StudentGroup, bucket: string) => `${field}:${g}:${bucket}`;

/** A count of students is its own n; anything else rests on the students it describes. */
function studentsBehind(field: Field, value: Figure, students: number | null): number | null {
  return STUDENT_COUNTS.has(field) && value.kind === "value" ? value.value : students;
}

/**
 * Each bucket's series as percentages of their sum, the sum taken over every
 * part (hidden ones too: renormalizing over the visible parts would show a
 * school whose other groups are hidden as 100% one group). A share is hidden
 * where its part is, and, since a bucket's shares add up to 100, one hidden
 * share takes the next smallest with it. A part the district suppressed leaves
 * the sum, and so every share of its bucket, unknown.
 */
function shareOfBucket(
  bucketCount: number,
  columns: { ids: string[] }[],
  cells: Map<string, CountedCell<Figure>>,
  concealed: (id: string) => boolean,
  suppress: boolean,
): (number | null)[][] {
  const shareCells: CountedCell<Figure>[] = [];
  const groups: SumGroup[] = [];
  for (let i = 0; i < bucketCount; i++) {
    const parts = columns.map((c, j) => ({ id: `share:${j}:${i}`, cell: cells.get(c.ids[i]!)! }));
    const present = parts.filter((p) => p.cell.value.kind !== "unavailable");
    const total = present.some((p) => p.cell.value.kind === "suppressed")
      ? null
      : present.reduce((t, p) => t + (valueOrNull(p.cell.value) ?? 0), 0);
    for (const p of parts) {
      const part = valueOrNull(p.cell.value);
      const value: Figure =
        p.cell.value.kind === "unavailable"
          ? p.cell.value
          : total === null || part === null
            ? suppressed()
            : total === 0
              ? unavailable("zero_denominator")
              : known((part / total) * 100);
      shareCells.push({ id: p.id, value, n: p.cell.n, suppressed: concealed(p.cell.id) });
    }
    if (present.length > 1) groups.push({ parts: present.map((p) => p.id) });
  }
  const figures = suppress
    ? suppressSmallFigures(shareCells, groups).figures
    : new Map(shareCells.map((c) => [c.id, c.value]));
  return columns.map((_, j) =>
    Array.from({ length: bucketCount }, (_, i) => valueOrNull(figures.get(`share:${j}:${i}`)!)),
  );
}

function camel(
  f: Exclude<SchoolField, "enrollment">,
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
