import { useEffect, useMemo, useState } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Rectangle,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Symbols,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
  type BarShapeProps,
  type ScatterShapeProps,
  type SymbolsProps,
  type XAxisTickContentProps,
} from "recharts";
import {
  CHART_GRID,
  CHART_TEXT,
  MARKER_TEXT,
  SCATTER_OPACITY,
  seriesColor,
} from "../../domain/diagnostics/chart-colors";
import type { ComputedView } from "../../domain/diagnostics/view-spec";
import { unitFormatter, viewTextRenderer } from "../../domain/diagnostics/view-text";
import type { DiagnosticView } from "../../domain/diagnostics/views";
import { numberFormatter } from "../../i18n/numbers";
import { TableScroll } from "../../components/ui/table-scroll";
import { useLocale, useT } from "../../i18n/react";
import { type MessageKey } from "../../i18n/translate";
import { downloadChart, downloadText } from "./chart-download";
import { useChartComments, type ChartThreadsTarget } from "./chart-threads";
import { charsThatFit, wrapLabel } from "./wrap-label";

// Text in ink, whatever recharts would colour it with (legend and tooltip entries take their series colour).
const TICK = { fontSize: 12, fill: CHART_TEXT };
const TOOLTIP_TEXT = { color: CHART_TEXT };
/** A legend entry's name in ink: the series colour stays in its swatch. */
const legendText = (value: unknown) => <span style={{ color: CHART_TEXT }}>{String(value)}</span>;

/** False during server rendering and hydration, true once running in the browser. */
export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** Translates a view text for the reader (view-text.ts: keys, money and numbers alike). */
function useText() {
  const locale = useLocale();
  return useMemo(() => viewTextRenderer(locale), [locale]);
}

/**
 * One data view: its finding in words, a bar chart, and the same numbers as a
 * table and a CSV file. Hidden (suppressed) figures are never drawn as zero.
 */
export function DataViewFigure({
  view,
  headingLevel = 3,
  threads,
}: {
  view: DiagnosticView | ComputedView;
  headingLevel?: 3 | 4;
  /** What the chart's comment threads are on; without it (a preview) the chart has none. */
  threads?: ChartThreadsTarget;
}) {
  if ("points" in view && view.points && view.axes)
    return <ScatterFigure view={view as ScatterView} headingLevel={headingLevel} threads={threads} />;
  return <BarFigure view={view} headingLevel={headingLevel} threads={threads} />;
}

/** A bar chart (grouped or stacked) with its table and downloads. */
function BarFigure({
  view,
  headingLevel,
  threads,
}: {
  view: DiagnosticView | ComputedView;
  headingLevel: 3 | 4;
  threads: ChartThreadsTarget | undefined;
}) {
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const t = useT();
  const text = useText();
  const locale = useLocale();
  // recharts draws only in the browser; the table below carries the data without JavaScript.
  const hydrated = useHydrated();
  const format = unitFormatter(view.unit, locale);
  const title = text(view.title);
  const seriesNames = view.series.map((s) => text(s.label));
  const rows = view.categories.map((c, i) => ({
    category: text(c),
    ...Object.fromEntries(view.series.map((s, j) => [`s${j}`, s.values[i]])),
  }));
  const csv = toCsv([
    [t("diag.category"), ...seriesNames],
    ...rows.map((r, i) => [r.category, ...view.series.map((s) => (s.values[i] === null ? "" : String(s.values[i])))]),
  ]);
  const headingId = `view-${view.id}`;
  // Shares of one whole: one bar per category, its series stacked in order from the bottom.
  const stacked = "chart" in view && view.chart === "stacked_share";
  const comments = useChartComments(view, threads, title);
  const seriesIndexes = view.series.map((_, j) => j);

  return (
    <figure className="data-view card" aria-labelledby={headingId}>
      <Heading id={headingId}>{title}</Heading>
      {view.finding ? <p className="data-view__finding">{text(view.finding)}</p> : null}
      {comments.openButton}
      {/* The drawing is for sighted readers; the table below is its accessible equivalent. */}
      <div className="data-view__chart" aria-hidden="true">
        {hydrated ? (
          <ResponsiveContainer width="100%" height={280}>
            <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 8 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={CHART_GRID} />
              <XAxis dataKey="category" interval={0} tick={CategoryTick} height={CATEGORY_LINE * 3 + 8} />
              <YAxis
                tickFormatter={format}
                width={72}
                tick={TICK}
                // Shares add up to 100 give or take rounding, which must not stretch the axis.
                {...(stacked ? { domain: [0, 100], allowDataOverflow: true } : {})}
              />
              <Tooltip
                formatter={(v) => (typeof v === "number" ? format(v) : t("diag.hidden"))}
                itemStyle={TOOLTIP_TEXT}
                labelStyle={TOOLTIP_TEXT}
              />
              {view.series.length > 1 ? <Legend formatter={legendText} /> : null}
              {view.series.map((s, j) => (
                <Bar
                  key={j}
                  dataKey={`s${j}`}
                  name={seriesNames[j]}
                  fill={seriesColor(j)}
                  isAnimationActive={false}
                  {...(stacked ? { stackId: "share", shape: gapWhenHidden(`s${j}`) } : {})}
                  {...(comments.enabled
                    ? {
                        // A click on a bar starts a thread on its point (the table's buttons are the keyboard way).
                        onClick: (_: unknown, i: number) => comments.openAt(i, j, null),
                        cursor: "pointer",
                        label: threadMarker((i) => comments.countAt(i, j)),
                      }
                    : {})}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        ) : null}
      </div>
      <details className="data-view__table">
        <summary>{t("diag.showTable")}</summary>
        <TableScroll label={title}>
          <table className="data-table data-table--figures">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("diag.category")}</th>
                {seriesNames.map((n) => (
                  <th scope="col" key={n}>
                    {n}
                  </th>
                ))}
                {comments.header}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.category}>
                  <th scope="row">{r.category}</th>
                  {view.series.map((s, j) => (
                    <td key={j}>{s.values[i] === null ? t("diag.hidden") : format(s.values[i]!)}</td>
                  ))}
                  {comments.rowButtons(i, seriesIndexes, seriesNames)}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
      <Downloads csv={csv} name={view.id} title={title} hydrated={hydrated} />
      {comments.sheet}
    </figure>
  );
}

/**
 * A bar's label that marks a point with threads: a dot with their number above the bar
 * (decorative like the drawing; the table and the comments sheet say it in words).
 */
function threadMarker(countAt: (index: number) => number) {
  return function ThreadMarker(props: { x?: unknown; y?: unknown; width?: unknown; index?: number }) {
    const n = props.index === undefined ? 0 : countAt(props.index);
    if (n === 0) return <g />;
    const cx = Number(props.x) + Number(props.width) / 2;
    const cy = Number(props.y) - 12;
    return (
      <g className="chart-thread-marker" data-threads={n}>
        <circle cx={cx} cy={cy} r={9} fill={CHART_TEXT} />
        <text x={cx} y={cy} dy="0.35em" textAnchor="middle" fontSize={11} fill={MARKER_TEXT}>
          {n}
        </text>
      </g>
    );
  };
}

/**
 * A scatter's point as recharts draws it, with the thread marker above it when the school
 * has threads (decorative, as on bars).
 */
function scatterPoint(countAt: (index: number) => number) {
  return function ScatterPoint(props: ScatterShapeProps) {
    const index = (props.payload as { index?: number } | undefined)?.index;
    const n = index === undefined ? 0 : countAt(index);
    const cx = Number(props.cx);
    const cy = Number(props.cy);
    return (
      <g>
        <Symbols {...(props as SymbolsProps)} type="circle" />
        {n ? (
          <g className="chart-thread-marker" data-threads={n}>
            <circle cx={cx} cy={cy - Math.sqrt(props.size / Math.PI) - 10} r={9} fill={CHART_TEXT} />
            <text
              x={cx}
              y={cy - Math.sqrt(props.size / Math.PI) - 10}
              dy="0.35em"
              textAnchor="middle"
              fontSize={11}
              fill={MARKER_TEXT}
            >
              {n}
            </text>
          </g>
        ) : null}
      </g>
    );
  };
}

const CATEGORY_LINE = 14;

/**
 * A category's name wrapped to the width of its band (at most three lines), so
 * that neighbours never overlap: "Menor pobreza (C1)" on a phone is three short lines.
 */
function CategoryTick({ x, y, width, visibleTicksCount, payload }: XAxisTickContentProps) {
  const band = Number(width) / Math.max(1, visibleTicksCount);
  const lines = wrapLabel(String(payload.value), charsThatFit(band - 6, TICK.fontSize));
  return (
    <text x={x} y={y} textAnchor="middle" fontSize={TICK.fontSize} fill={TICK.fill} className="chart-category">
      {lines.map((line, i) => (
        <tspan key={i} x={x} dy={i === 0 ? "0.9em" : CATEGORY_LINE}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

/**
 * A stacked segment whose value is hidden: recharts stacks null as 0 and would
 * draw a zero-height rectangle (hoverable, read as "none"); draw nothing instead.
 */
function gapWhenHidden(key: string) {
  return function StackSegment(props: BarShapeProps) {
    const value: unknown = props.payload?.[key];
    return typeof value === "number" ? <Rectangle {...props} /> : null;
  };
}

function toCsv(lines: string[][]): string {
  return lines
    .map((line) => line.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(","))
    .join("\r\n");
}

type ScatterView = ComputedView & {
  points: NonNullable<ComputedView["points"]>;
  axes: NonNullable<ComputedView["axes"]>;
};

/** One bubble per school: x and y as chosen, size by enrollment; hidden figures leave the school out of the drawing. */
function ScatterFigure({
  view,
  headingLevel,
  threads,
}: {
  view: ScatterView;
  headingLevel: 3 | 4;
  threads: ChartThreadsTarget | undefined;
}) {
  const t = useT();
  const text = useText();
  const locale = useLocale();
  const hydrated = useHydrated();
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const title = text(view.title);
  const xLabel = text(view.axes.x);
  const yLabel = text(view.axes.y);
  const number = numberFormatter(locale, 1);
  const y = unitFormatter(view.unit, locale);
  // Each drawn point keeps its row's index: threads and the table refer to points by it.
  const drawn = view.points.map((p, index) => ({ ...p, index })).filter((p) => p.x !== null && p.y !== null);
  const headingId = `view-${view.id}`;
  const comments = useChartComments(view, threads, title);
  const csv = toCsv([
    [t("grouping.school"), xLabel, yLabel, t("schoolField.enrollment")],
    ...view.points.map((p) => [
      p.label,
      p.x === null ? "" : String(p.x),
      p.y === null ? "" : String(p.y),
      p.size === null ? "" : String(p.size),
    ]),
  ]);
  return (
    <figure className="data-view card" aria-labelledby={headingId}>
      <Heading id={headingId}>{title}</Heading>
      {view.finding ? <p className="data-view__finding">{text(view.finding)}</p> : null}
      {comments.openButton}
      <div className="data-view__chart" aria-hidden="true">
        {hydrated ? (
          <ResponsiveContainer width="100%" height={320}>
            <ScatterChart margin={{ top: 8, right: 16, bottom: 24, left: 8 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" stroke={CHART_GRID} />
              <XAxis
                type="number"
                dataKey="x"
                name={xLabel}
                tickFormatter={number}
                label={{ value: xLabel, position: "insideBottom", offset: -12, fill: CHART_TEXT }}
                tick={TICK}
              />
              <YAxis type="number" dataKey="y" name={yLabel} tickFormatter={y} width={80} tick={TICK} />
              <ZAxis type="number" dataKey="size" range={[30, 400]} name={t("schoolField.enrollment")} />
              <Tooltip
                // The y value in its unit (dollars, percents), x and size as plain numbers.
                formatter={(v, name) => (typeof v === "number" ? (name === yLabel ? y(v) : number(v)) : String(v))}
                itemStyle={TOOLTIP_TEXT}
                labelStyle={TOOLTIP_TEXT}
              />
              <Scatter
                data={drawn}
                fill={seriesColor(0)}
                fillOpacity={SCATTER_OPACITY}
                isAnimationActive={false}
                name={title}
                {...(comments.enabled
                  ? {
                      // A school's threads are on either of its two figures: one marker for both.
                      shape: scatterPoint((i) => comments.countAt(i, 0) + comments.countAt(i, 1)),
                      // A click starts a thread on the school's vertical figure (the table's buttons offer both).
                      onClick: (point: { payload?: { index?: number } }) =>
                        point.payload?.index !== undefined && comments.openAt(point.payload.index, 1, null),
                      cursor: "pointer",
                    }
                  : {})}
              />
            </ScatterChart>
          </ResponsiveContainer>
        ) : null}
      </div>
      <details className="data-view__table">
        <summary>{t("diag.showTable")}</summary>
        <TableScroll label={title}>
          <table className="data-table data-table--figures">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("grouping.school")}</th>
                <th scope="col">{xLabel}</th>
                <th scope="col">{yLabel}</th>
                <th scope="col">{t("schoolField.enrollment")}</th>
                {comments.header}
              </tr>
            </thead>
            <tbody>
              {view.points.map((p, i) => (
                <tr key={p.label}>
                  <th scope="row">{p.label}</th>
                  <td>{p.x === null ? t("diag.hidden") : number(p.x)}</td>
                  <td>{p.y === null ? t("diag.hidden") : y(p.y)}</td>
                  <td>{p.size === null ? t("diag.hidden") : number(p.size)}</td>
                  {comments.rowButtons(i, [0, 1], [xLabel, yLabel])}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
      <Downloads csv={csv} name={view.id} title={title} hydrated={hydrated} />
      {comments.sheet}
    </figure>
  );
}

/**
 * The view's data as CSV, and (once the chart is drawn) the drawing as SVG or
 * PNG: one group of alike buttons. Before JavaScript runs the CSV is a link
 * styled the same, so that it works without it.
 */
function Downloads({ csv, name, title, hydrated }: { csv: string; name: string; title: string; hydrated: boolean }) {
  const t = useT();
  const label = (key: MessageKey) => (
    <>
      {t(key)}
      <span className="visually-hidden">: {title}</span>
    </>
  );
  return (
    <div role="group" aria-label={t("diag.downloads", { title })} className="actions download-group">
      {hydrated ? (
        <button
          type="button"
          className="button button--secondary download-group__button"
          onClick={() => downloadText(csv, `${name}.csv`, "text/csv;charset=utf-8")}
        >
          {label("diag.downloadCsv")}
        </button>
      ) : (
        <a
          className="button button--secondary download-group__button"
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`}
          download={`${name}.csv`}
        >
          {label("diag.downloadCsv")}
        </a>
      )}
      {hydrated
        ? (["svg", "png"] as const).map((format) => (
            <button
              key={format}
              type="button"
              className="button button--secondary download-group__button"
              onClick={(e) => downloadChart(e.currentTarget.closest("figure"), name, format)}
            >
              {label(format === "svg" ? "diag.downloadSvg" : "diag.downloadPng")}
            </button>
          ))
        : null}
    </div>
  );
}
