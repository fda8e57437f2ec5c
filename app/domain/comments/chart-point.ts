/**
 * Data points of a chart, named the way comment threads name them: a school or a
 * bucket (level, quartile, neighborhood, a category of a diagnostic chart), a
 * measure, a student group. Framework-free: the server finds a thread's point in
 * the chart as a reader sees it, the browser marks the points that have threads.
 */
import type { ComputedView } from "../diagnostics/view-spec";
import type { DiagnosticView, Text } from "../diagnostics/views";

/** A point as threads store it (db/schema/comments.ts has the same shape). */
export type ChartPoint = { school?: string; bucket?: string; measure: string; group?: string };

export type ChartPointEntry = {
  /** The point in its full (canonical) form. */
  point: ChartPoint;
  /** Where it is drawn: the category (bar) or school (scatter) index, and the series or axis index. */
  category: number;
  series: number;
  label: { category: Text; series: Text };
  /** What the reader is shown: null for a hidden (or unreported) figure. */
  value: number | null;
};

type AnyView = DiagnosticView | ComputedView;

const strip = (key: string) => key.slice(key.lastIndexOf(".") + 1);

/** A built-in chart's category as a point's bucket or group, from its text (see views.ts). */
function categoryKey(c: Text): Pick<ChartPoint, "bucket" | "group"> {
  const quartile = /^diag\.quartile([1-4])$/.exec(c.key);
  if (quartile) return { bucket: `Q${quartile[1]}` };
  if (c.key.startsWith("studentGroup.")) return { group: strip(c.key) };
  if (c.key === "diag.pair") return { bucket: `${strip(String(c.params?.a))}/${strip(String(c.params?.b))}` };
  return { bucket: strip(c.key) };
}

/** A built-in chart's series as a point's measure: `measure.x`, `diag.series.x`, or a rate of a measure. */
function seriesMeasure(label: Text): string {
  if (label.key === "diag.perThousand") return strip(String(label.params?.measure));
  return strip(label.key);
}

/** Every point of a chart, in drawing order (series by series for bars). */
export function chartPoints(view: AnyView): ChartPointEntry[] {
  const computed = view as ComputedView;
  const keys = computed.keys;
  if (computed.points && keys && "schools" in keys && computed.axes) {
    const axes = [computed.axes.x, computed.axes.y];
    return keys.fields.flatMap((field, axis) =>
      computed.points!.map((p, i) => ({
        point: { school: keys.schools[i]!, measure: field, group: keys.group },
        category: i,
        series: axis,
        label: { category: { key: p.label }, series: axes[axis]! },
        value: axis === 0 ? p.x : p.y,
      })),
    );
  }
  return view.series.flatMap((s, j) =>
    view.categories.map((c, i) => {
      let point: ChartPoint;
      if (keys && "buckets" in keys) {
        const { field, group } = keys.series[j]!;
        const bucket = keys.buckets[i]!;
        point =
          keys.groupBy === "school" ? { school: bucket, measure: field, group } : { bucket, measure: field, group };
      } else {
        point = { ...categoryKey(c), measure: seriesMeasure(s.label) };
      }
      return { point, category: i, series: j, label: { category: c, series: s.label }, value: s.values[i] ?? null };
    }),
  );
}

/**
 * The chart's point that `wanted` names, or null when the chart has no such point. A point
 * that leaves out its group names the all-students figure, or the only group charted.
 */
export function findChartPoint(view: AnyView, wanted: ChartPoint): ChartPointEntry | null {
  const candidates = chartPoints(view).filter(
    (e) =>
      e.point.measure === wanted.measure &&
      e.point.school === wanted.school &&
      e.point.bucket === wanted.bucket &&
      (wanted.group === undefined ||
        e.point.group === wanted.group ||
        (e.point.group === undefined && wanted.group === "all")),
  );
  if (candidates.length <= 1) return candidates[0] ?? null;
  return candidates.find((e) => e.point.group === "all") ?? null;
}

/** One string per point, equal for equal points whatever the order of their fields. */
export function pointKey(p: ChartPoint): string {
  return JSON.stringify([p.school ?? null, p.bucket ?? null, p.measure, p.group ?? null]);
}
