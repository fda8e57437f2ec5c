import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { dataViews, type CommentThread, type DataView } from "../../db/schema";
import { findChartPoint, type ChartPoint, type ChartPointEntry } from "../domain/comments/chart-point";
import type { ComputedView } from "../domain/diagnostics/view-spec";
import { diagnosticViews, type DiagnosticView, type Text, type Unit } from "../domain/diagnostics/views";
import { requiresSmallCellSuppression } from "../domain/metrics";
import { dimensions, type Dimension } from "../domain/plan-templates";
import type { StakeholderGroup } from "../domain/roles";
import { renderDataView } from "./data-views.server";
import { loadDataVersion } from "./district-data.server";

/** A chart threads can be on: a saved view, or one of a diagnostic dimension's built-in charts. */
export type ChartTarget =
  | { kind: "view"; view: Pick<DataView, "id" | "title" | "caption" | "spec" | "dataVersion"> }
  | { kind: "diagnostic"; chartKey: string; dimension: Dimension; chartId: string };

/** Whose eyes a chart is computed for: their district's data, their small-cell rule. */
export type ChartReader = { districtId: string; stakeholderGroup: StakeholderGroup };

type Chart = { version: number; view: DiagnosticView | ComputedView };

/** "school_funding.spending_by_quartile" → its dimension and chart id; null when it cannot be one. */
export function parseChartKey(key: string): { dimension: Dimension; chartId: string } | null {
  const match = /^([a-z_]+)\.([a-z0-9_]{1,80})$/.exec(key);
  if (!match || !dimensions.includes(match[1] as Dimension)) return null;
  return { dimension: match[1] as Dimension, chartId: match[2]! };
}

/**
 * The chart as this reader may see it over a data version (the latest, or a view's pinned
 * one, when null): the same computation, suppression included, as the pages that draw it.
 */
export async function chartForReader(
  db: Database,
  target: ChartTarget,
  reader: ChartReader,
  version: number | null,
): Promise<Chart | null> {
  if (target.kind === "view") {
    const rendered = await renderDataView(db, {
      view: { ...target.view, dataVersion: version ?? target.view.dataVersion },
      districtId: reader.districtId,
      readerGroup: reader.stakeholderGroup,
    });
    return rendered;
  }
  const found = await loadDataVersion(db, reader.districtId, version);
  if (!found) return null;
  const suppressSmallCells = requiresSmallCellSuppression(reader.stakeholderGroup);
  const view = diagnosticViews(found.data, target.dimension, { suppressSmallCells }).find(
    (v) => v.id === target.chartId,
  );
  return view ? { version: found.version, view } : null;
}

/** The target of a stored chart thread. */
export async function chartTargetOf(db: Database, thread: CommentThread): Promise<ChartTarget | null> {
  if (thread.targetKind === "view") {
    const [view] = await db.select().from(dataViews).where(eq(dataViews.id, thread.viewId!));
    return view ? { kind: "view", view } : null;
  }
  const parsed = thread.chartKey ? parseChartKey(thread.chartKey) : null;
  return parsed ? { kind: "diagnostic", chartKey: thread.chartKey!, ...parsed } : null;
}

export type ChartAnchor = {
  point: ChartPoint | null;
  /** The point's category and series, as translatable texts (null for the whole chart). */
  label: { category: Text; series: Text } | null;
  unit: Unit | null;
  versionThen: number | null;
  valueThen: number | null;
  versionNow: number | null;
  valueNow: number | null;
  /** A figure this reader may not see, then or now: its value is null, never the number. */
  suppressed: boolean;
};

/**
 * Anchors of a chart's threads for one reader: the point's value in the version the thread
 * began on and in the current one, each computed over that version for this reader, so a
 * hidden figure stays hidden (null, `suppressed`) exactly as on the chart itself.
 */
export function chartAnchors(db: Database, target: ChartTarget, reader: ChartReader) {
  const charts = new Map<number | "now", Promise<Chart | null>>();
  const chartAt = (version: number | "now") => {
    let chart = charts.get(version);
    if (!chart) {
      chart = chartForReader(db, target, reader, version === "now" ? null : version);
      charts.set(version, chart);
    }
    return chart;
  };
  const restricted = requiresSmallCellSuppression(reader.stakeholderGroup);
  return async (thread: Pick<CommentThread, "point" | "dataVersion">): Promise<ChartAnchor> => {
    const now = await chartAt("now");
    const then = thread.dataVersion === null ? null : await chartAt(thread.dataVersion);
    const base = {
      versionThen: thread.dataVersion,
      versionNow: now?.version ?? null,
      unit: (now ?? then)?.view.unit ?? null,
    };
    if (!thread.point) return { point: null, label: null, valueThen: null, valueNow: null, suppressed: false, ...base };
    const at = (chart: Chart | null): ChartPointEntry | null =>
      chart ? findChartPoint(chart.view, thread.point!) : null;
    const entryThen = at(then);
    const entryNow = at(now);
    const valueThen = entryThen?.value ?? null;
    const valueNow = entryNow?.value ?? null;
    return {
      point: thread.point,
      label: (entryNow ?? entryThen)?.label ?? null,
      valueThen,
      valueNow,
      // A point that is there with no figure is hidden from a restricted reader (the chart says "Hidden").
      suppressed:
        restricted && ((entryThen !== null && valueThen === null) || (entryNow !== null && valueNow === null)),
      ...base,
    };
  };
}

/** The point of the chart as this reader sees it now, in its canonical form; null when the chart has no such point. */
export function pointIn(chart: Chart | null, wanted: ChartPoint): ChartPoint | null {
  return chart ? (findChartPoint(chart.view, wanted)?.point ?? null) : null;
}
