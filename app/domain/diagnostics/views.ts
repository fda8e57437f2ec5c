/**
 * The built-in views of the diagnostic: for each dimension of resource equity,
 * charts with their data and the plain-language finding they support. Plain
 * data (translation keys, numbers, null for a hidden or unknown figure), so the
 * server builds them — with suppression already applied — and the browser only draws.
 */
import { packageFor, roundedShare } from "../disclosure";
import type { Dimension } from "../plan-templates";
import type { DataPackage, MeasureName, StudentGroup } from "../district-data/types";
import {
  algebraAccess,
  counselorRatios,
  dissimilarityIndex,
  fundingByQuartile,
  groupOutcomes,
  isKnown,
  linkedGroups,
  measureLookup,
  partitionSumGroups,
  povertyQuartiles,
  quartiles,
  suppressSmallFigures,
  teacherStudentDiversity,
  valueOrNull,
  type CountedCell,
  type EnrollmentGroup,
  type Figure,
  type OutcomeMeasure,
  type SumGroup,
} from "../metrics";

/**
 * A translatable text: a message key and its parameters (numbers already
 * rounded for reading; an amount of money as `{ usd }`, formatted for the reader
 * by view-text.ts, never with a "$" in the message).
 */
export type Text = { key: string; params?: Record<string, TextParam> };
export type TextParam = string | number | { usd: number; signed?: boolean };
export type Unit = "usd" | "percent" | "count" | "years" | "per1000" | "index" | "students" | "minutes";

export type DiagnosticView = {
  id: string;
  title: Text;
  finding: Text | null;
  unit: Unit;
  categories: Text[];
  series: { label: Text; values: (number | null)[] }[];
};

export type ViewOptions = { suppressSmallCells: boolean };

const quartileLabels: Text[] = quartiles.map((q) => ({ key: `diag.quartile${q}` }));
const groupText = (g: StudentGroup): Text => ({ key: `studentGroup.${g}` });
const pct = (x: number) => Math.round(x * 100);

/**
 * Hides, for viewers outside cabinet and district staff, any figure computed
 * from fewer than 10 students, and (with `groups`) any from which a hidden one
 * could be recovered.
 */
function hideSmall(options: ViewOptions, cells: CountedCell<Figure>[], groups: SumGroup[] = []): (number | null)[] {
  if (!options.suppressSmallCells) return cells.map((c) => valueOrNull(c.value));
  const { figures } = suppressSmallFigures(cells, groups);
  return cells.map((c) => valueOrNull(figures.get(c.id)!));
}

/**
 * The sums linking one figure per student group: each partition's parts, as
 * weighted by their students, add up to the all-students figure (`all` when it
 * is among the cells). Groups without a figure are left out. Cell ids are `${prefix}${group}`.
 */
function groupSums(cells: readonly CountedCell<Figure>[], prefix = ""): SumGroup[] {
  const ids = new Set(cells.filter((c) => c.value.kind !== "unavailable").map((c) => c.id));
  const idOf = (g: StudentGroup) => (ids.has(prefix + g) ? prefix + g : undefined);
  return partitionSumGroups(idOf, idOf("all"));
}
const studentsOf = (f: Figure) => (isKnown(f) ? f.value : null);

function fundingViews(pkg: DataPackage): DiagnosticView[] {
  const f = fundingByQuartile(pkg);
  const ratio = valueOrNull(f.ratioQ4toQ1);
  const slope = valueOrNull(f.progressivitySlopePer10pts);
  const novice = f.quartiles.map((q) => valueOrNull(q.noviceTeacherShare));
  const noviceRatio = novice[0] && novice[3] ? novice[3] / novice[0] : null;
  return [
    {
      id: "spending_by_quartile",
      title: { key: "diag.view.spendingByQuartile" },
      finding: spendingFinding(ratio, slope),
      unit: "usd",
      categories: quartileLabels,
      series: [
        {
          label: { key: "measure.per_pupil_spending" },
          values: f.quartiles.map((q) => valueOrNull(q.perPupilSpending)),
        },
      ],
    },
    {
      id: "novice_by_quartile",
      title: { key: "diag.view.noviceByQuartile" },
      finding: noviceRatio === null ? null : { key: "diag.finding.novice", params: { ratio: noviceRatio.toFixed(1) } },
      unit: "percent",
      categories: quartileLabels,
      series: [{ label: { key: "diag.series.noviceShare" }, values: novice.map((v) => (v === null ? null : v * 100)) }],
    },
  ];
}

/**
 * Q4 against Q1 spending, and how spending moves with poverty when that slope
 * is known (it is not when every school has the same poverty level, or a
 * school's spending is hidden): never "$0" for an unknown slope.
 */
export function spendingFinding(ratio: number | null, slope: number | null): Text | null {
  if (ratio === null) return null;
  const [stem, diff] = ratio < 1 ? ["spendingLess", 1 - ratio] : ["spendingMore", ratio - 1];
  return slope === null
    ? { key: `diag.finding.${stem}NoSlope`, params: { pct: pct(diff) } }
    : { key: `diag.finding.${stem}`, params: { pct: pct(diff), slope: { usd: Math.round(slope), signed: true } } };
}

function teachingViews(pkg: DataPackage): DiagnosticView[] {
  const d = teacherStudentDiversity(pkg).district;
  const teachers = valueOrNull(d.teachersOfColorShare);
  const students = valueOrNull(d.studentsOfColorShare);
  return [
    fundingViews(pkg)[1]!,
    {
      id: "teachers_of_color",
      title: { key: "diag.view.teachersOfColor" },
      finding:
        teachers === null || students === null
          ? null
          : { key: "diag.finding.teachersOfColor", params: { teachers: pct(teachers), students: pct(students) } },
      unit: "percent",
      categories: [{ key: "diag.teachers" }, { key: "diag.students" }],
      series: [
        {
          label: { key: "diag.series.ofColor" },
          values: [teachers, students].map((v) => (v === null ? null : v * 100)),
        },
      ],
    },
  ];
}

const ALGEBRA_FOCAL: StudentGroup[] = ["latinx", "black", "low_income"];

/** District totals for a restricted reader are over the schools whose figures they may see. */
export const restrictedTotals = (options: ViewOptions) =>
  ({ hiddenSchools: options.suppressSmallCells ? "leave_out" : "suppress" }) as const;
const ALGEBRA_REFERENCE: StudentGroup = "white";

export type AlgebraShown = { access: number | null; assignment: number | null; rate: number | null };

/**
 * Each group's Algebra 1 access, assignment and rate (fractions) as this reader
 * may see them: hiding is decided on the whole partitions the groups belong to
 * and the all-students figure they add up to, as in every other view, so no
 * combination of requests gives a hidden figure back.
 */
export function algebraFiguresShown(
  whole: DataPackage,
  groups: readonly StudentGroup[],
  options: ViewOptions,
): Map<StudentGroup, AlgebraShown> {
  const pkg = packageFor(whole, options);
  const publish = (v: number | null) => (options.suppressSmallCells ? roundedShare(v, 1) : v);
  const computed = [...new Set([...linkedGroups(groups), "all" as const])].map(
    (g) => algebraAccess(pkg, ALGEBRA_REFERENCE, g, restrictedTotals(options)).focal,
  );
  const series = (pick: (g: (typeof computed)[number]) => Figure, id: string) => {
    const cells = computed.map((g) => ({ id: `${id}:${g.group}`, value: pick(g), n: studentsOf(g.grade8Students) }));
    const values = hideSmall(options, cells, groupSums(cells, `${id}:`));
    return new Map(computed.map((g, i) => [g.group, values[i] ?? null]));
  };
  const access = series((g) => g.access, "access");
  const assignment = series((g) => g.assignment, "assignment");
  const rate = series((g) => g.rate, "rate");
  return new Map(
    groups.map((g) => [
      g,
      {
        access: publish(access.get(g) ?? null),
        assignment: publish(assignment.get(g) ?? null),
        rate: publish(rate.get(g) ?? null),
      },
    ]),
  );
}

function rigorViews(pkg: DataPackage, options: ViewOptions): DiagnosticView[] {
  const shownGroups = [ALGEBRA_REFERENCE, ...ALGEBRA_FOCAL];
  const shown = algebraFiguresShown(pkg, shownGroups, options);
  const series = (pick: keyof AlgebraShown) =>
    shownGroups.map((g) => {
      const v = shown.get(g)![pick];
      return v === null ? null : v * 100;
    });
  const access = series("access");
  const assignment = series("assignment");
  const rate = series("rate");
  // The reference (white) and the first focal group (Latinx) are the first two categories.
  const bothShown = [access, assignment, rate].every((v) => v[0] !== null && v[1] !== null);
  return [
    {
      id: "algebra_by_group",
      title: { key: "diag.view.algebra" },
      finding: algebraFinding(
        algebraAccess(pkg, ALGEBRA_REFERENCE, ALGEBRA_FOCAL[0]!, restrictedTotals(options)),
        bothShown,
      ),
      unit: "percent",
      categories: shownGroups.map(groupText),
      series: [
        { label: { key: "diag.series.access" }, values: access },
        { label: { key: "diag.series.assignment" }, values: assignment },
        { label: { key: "diag.series.rate" }, values: rate },
      ],
    },
    quartileView(pkg, "advanced_courses_offered", "count"),
  ];
}

/**
 * The first comparison in words, stated only when this reader is shown both
 * groups' figures: the rates, the gap and its share due to access would
 * otherwise state or give away a hidden one, so the finding then says only
 * that the comparison is hidden.
 */
function algebraFinding(result: ReturnType<typeof algebraAccess>, bothShown: boolean): Text | null {
  const figures = [result.accessShare, result.reference.rate, result.focal.rate];
  if (figures.some((f) => f.kind === "unavailable")) return null;
  if (!bothShown || figures.some((f) => f.kind === "suppressed")) return { key: "diag.finding.algebraHidden" };
  const [share, reference, focal] = figures.map((f) => valueOrNull(f)!) as [number, number, number];
  return { key: "diag.finding.algebra", params: { focal: pct(focal), reference: pct(reference), share: pct(share) } };
}

function supportsViews(pkg: DataPackage): DiagnosticView[] {
  const c = counselorRatios(pkg);
  const known = c.schools.filter((s) => s.meetsRecommendation !== null);
  const below = known.filter((s) => s.meetsRecommendation === false).length;
  const perCounselor = valueOrNull(c.district.studentsPerCounselor);
  return [
    {
      ...quartileView(pkg, "counselors_fte", "per1000", true),
      id: "counselors_by_quartile",
      title: { key: "diag.view.counselors" },
      finding:
        perCounselor === null
          ? null
          : {
              key: "diag.finding.counselors",
              params: { below, schools: known.length, ratio: Math.round(perCounselor) },
            },
    },
    { ...quartileView(pkg, "social_workers_fte", "per1000", true), id: "social_workers_by_quartile" },
  ];
}

function outcomeView(pkg: DataPackage, measure: OutcomeMeasure, options: ViewOptions): DiagnosticView {
  const rows = groupOutcomes(pkg, measure);
  // Group rates weighted by their students add up to the rate for all students shown beside
  // them, so a hidden group's rate takes another part of its partition with it.
  const cells = rows.map((r) => ({ id: r.group, value: r.value, n: studentsOf(r.students) }));
  const values = hideSmall(options, cells, groupSums(cells));
  const byGroup = new Map(rows.map((r, i) => [r.group, values[i]]));
  const low = byGroup.get("low_income");
  const high = byGroup.get("not_low_income");
  return {
    id: `${measure}_by_group`,
    title: { key: `diag.view.${measure}` },
    finding:
      measure === "chronic_absence_pct" && low != null && high != null
        ? { key: "diag.finding.absence", params: { low: Math.round(low), high: Math.round(high) } }
        : null,
    unit: measure === "chronic_absence_pct" ? "percent" : "count",
    categories: rows.map((r) => groupText(r.group)),
    series: [{ label: { key: `measure.${measure}` }, values }],
  };
}

function diversityViews(pkg: DataPackage): DiagnosticView[] {
  const pairs: [EnrollmentGroup, EnrollmentGroup][] = [
    ["low_income", "not_low_income"],
    ["white", "black"],
    ["white", "latinx"],
  ];
  const indexes = pairs.map(([a, b]) => valueOrNull(dissimilarityIndex(pkg, a, b).index));
  const first = indexes[0];
  return [
    {
      id: "dissimilarity",
      title: { key: "diag.view.dissimilarity" },
      finding: first == null ? null : { key: "diag.finding.dissimilarity", params: { pct: pct(first) } },
      unit: "percent",
      categories: pairs.map(([a, b]) => ({
        key: "diag.pair",
        params: { a: `studentGroup.${a}`, b: `studentGroup.${b}` },
      })),
      series: [
        { label: { key: "diag.series.dissimilarity" }, values: indexes.map((v) => (v === null ? null : v * 100)) },
      ],
    },
  ];
}

/**
 * A measure by poverty quartile: the enrollment-weighted mean of the schools'
 * values, or (perThousand) the quartile's total per 1,000 students.
 */
function quartileView(pkg: DataPackage, measure: MeasureName, unit: Unit, perThousand = false): DiagnosticView {
  const lookup = measureLookup(pkg);
  const assigned = povertyQuartiles(pkg.schools);
  const values = quartiles.map((q) => {
    let sum = 0;
    let weight = 0;
    for (const { school } of assigned.filter((a) => a.quartile === q)) {
      const f = lookup(school.schoolId, measure);
      if (!isKnown(f)) continue;
      sum += perThousand ? f.value : f.value * school.enrollment;
      weight += school.enrollment;
    }
    if (weight === 0) return null;
    return perThousand ? (sum / weight) * 1000 : sum / weight;
  });
  // A rate per 1,000 students is not the measure itself (a count of seats, staff, children).
  const label: Text = perThousand
    ? { key: "diag.perThousand", params: { measure: `measure.${measure}` } }
    : { key: `measure.${measure}` };
  return {
    id: `${measure}_by_quartile`,
    title: {
      key: perThousand ? "diag.view.perThousandByQuartile" : "diag.view.byQuartile",
      params: { measure: `measure.${measure}` },
    },
    finding: null,
    unit,
    categories: quartileLabels,
    series: [{ label, values }],
  };
}

/** Measures whose quartile view is read as "the highest-poverty quarter against the lowest": message stem, decimals. */
const COMPARED = {
  principal_tenure_years: { stem: "tenure", digits: 1 },
  avg_core_class_size: { stem: "classSize", digits: 1 },
  intervention_minutes_weekly: { stem: "intervention", digits: 0 },
  prek_seats: { stem: "prekSeats", digits: 1 },
  prek_waitlist: { stem: "prekWaitlist", digits: 1 },
  facility_condition_index: { stem: "facilities", digits: 0 },
} as const satisfies Partial<Record<MeasureName, { stem: string; digits: number }>>;
type ComparedMeasure = keyof typeof COMPARED;

/**
 * Q4 and Q1 closer than this share of the larger one read as "no clear
 * difference": a judgement call, so that a written finding names a gap only
 * when it is big enough for a reader to act on.
 */
const CLEAR_GAP = 0.05;

/**
 * The finding of a quartile view: how the highest-poverty quarter compares
 * with the lowest, in the figures as shown (rounded), or a note when the
 * measure is absent or missing at either end.
 */
export function quartileFinding(measure: ComparedMeasure, values: readonly (number | null)[]): Text {
  const { stem, digits } = COMPARED[measure];
  const [q1, , , q4] = values;
  if (values.every((v) => v === null))
    return { key: "diag.finding.quartileMissing", params: { measure: `measure.${measure}` } };
  if (q1 == null || q4 == null)
    return { key: "diag.finding.quartileIncomplete", params: { measure: `measure.${measure}` } };
  // Compare what the reader sees, so the words never contradict the numbers next to them.
  const low = Number(q1.toFixed(digits));
  const high = Number(q4.toFixed(digits));
  const gap = Math.abs(high - low);
  const direction = gap === 0 || gap < CLEAR_GAP * Math.max(low, high) ? "Even" : high > low ? "Higher" : "Lower";
  return {
    key: `diag.finding.${stem}${direction}`,
    params: { q4: high.toFixed(digits), q1: low.toFixed(digits), diff: gap.toFixed(digits) },
  };
}

/** A quartile view of a compared measure, with its finding. */
function comparedView(pkg: DataPackage, measure: ComparedMeasure, unit: Unit, perThousand = false): DiagnosticView {
  const view = quartileView(pkg, measure, unit, perThousand);
  return { ...view, finding: quartileFinding(measure, view.series[0]!.values) };
}

/** The dimensions of resource equity and their built-in views, in the field's order. */
export function diagnosticViews(whole: DataPackage, dimension: Dimension, options: ViewOptions): DiagnosticView[] {
  const views = viewsOfDimension(packageFor(whole, options), dimension, options);
  if (!options.suppressSmallCells) return views;
  // Shares and rates to whole percents, so that none can be turned back into a count.
  return views.map((v) =>
    v.unit === "percent"
      ? { ...v, series: v.series.map((s) => ({ ...s, values: s.values.map((x) => roundedShare(x, 100)) })) }
      : v,
  );
}

function viewsOfDimension(pkg: DataPackage, dimension: Dimension, options: ViewOptions): DiagnosticView[] {
  switch (dimension) {
    case "school_funding":
      return [fundingViews(pkg)[0]!];
    case "teaching_quality":
      return teachingViews(pkg);
    case "leadership_quality":
      return [comparedView(pkg, "principal_tenure_years", "years")];
    case "rigorous_content":
      return rigorViews(pkg, options);
    case "instructional_time":
      return [
        comparedView(pkg, "avg_core_class_size", "students"),
        comparedView(pkg, "intervention_minutes_weekly", "minutes"),
      ];
    case "school_climate":
      return [outcomeView(pkg, "chronic_absence_pct", options), outcomeView(pkg, "suspensions_per_100", options)];
    case "student_supports":
      return supportsViews(pkg);
    case "early_learning":
      return [comparedView(pkg, "prek_seats", "per1000", true), comparedView(pkg, "prek_waitlist", "per1000", true)];
    case "facilities":
      return [comparedView(pkg, "facility_condition_index", "index")];
    case "diverse_schools":
      return diversityViews(pkg);
  }
}
