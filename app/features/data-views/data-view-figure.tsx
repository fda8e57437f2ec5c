import { useEffect, useState } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Rectangle,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
  type BarShapeProps,
} from "recharts";
import type { ComputedView } from "../../domain/diagnostics/view-spec";
import type { DiagnosticView, Text, Unit } from "../../domain/diagnostics/views";
import { useLocale, useT } from "../../i18n/react";
import { isMessageKey, type MessageKey } from "../../i18n/translate";
import { downloadChart } from "./chart-download";

// Okabe–Ito: distinguishable with the common forms of colour blindness.
const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"];

/** False during server rendering and hydration, true once running in the browser. */
export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/** Translates a view text; parameters that are themselves message keys are translated too. */
function useText() {
  const t = useT();
  return (text: Text) => {
    const params = Object.fromEntries(
      Object.entries(text.params ?? {}).map(([k, v]) => [k, typeof v === "string" && isMessageKey(v) ? t(v) : v])
    );
    return isMessageKey(text.key) ? t(text.key as MessageKey, params) : text.key;
  };
}

function formatter(unit: Unit, locale: string) {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: unit === "per1000" ? 2 : 1 });
  const usd = new Intl.NumberFormat(locale, { style: "currency", currency: "USD", maximumFractionDigits: 0 });
  return (v: number) =>
    unit === "usd" ? usd.format(v) : unit === "percent" ? `${number.format(v)}%` : number.format(v);
}

/**
 * One data view: its finding in words, a bar chart, and the same numbers as a
 * table and a CSV file. Hidden (suppressed) figures are never drawn as zero.
 */
export function DataViewFigure({
  view,
  headingLevel = 3,
}: {
  view: DiagnosticView | ComputedView;
  headingLevel?: 3 | 4;
}) {
  if ("points" in view && view.points && view.axes)
    return <ScatterFigure view={view as ScatterView} headingLevel={headingLevel} />;
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const t = useT();
  const text = useText();
  const locale = useLocale();
  // recharts draws only in the browser; the table below carries the data without JavaScript.
  const hydrated = useHydrated();
  const format = formatter(view.unit, locale);
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

  return (
    <figure className="data-view card" aria-labelledby={headingId}>
      <Heading id={headingId}>{title}</Heading>
      {view.finding ? <p className="data-view__finding">{text(view.finding)}</p> : null}
      {/* The drawing is for sighted readers; the table below is its accessible equivalent. */}
      <div className="data-view__chart" aria-hidden="true">
        {hydrated ? (
          <ResponsiveContainer width="100%" height={280}>
            <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 8 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="category" interval={0} tick={{ fontSize: 12 }} />
              <YAxis
                tickFormatter={format}
                width={72}
                tick={{ fontSize: 12 }}
                // Shares add up to 100 give or take rounding, which must not stretch the axis.
                {...(stacked ? { domain: [0, 100], allowDataOverflow: true } : {})}
              />
              <Tooltip formatter={(v) => (typeof v === "number" ? format(v) : t("diag.hidden"))} />
              {view.series.length > 1 ? <Legend /> : null}
              {view.series.map((s, j) => (
                <Bar
                  key={j}
                  dataKey={`s${j}`}
                  name={seriesNames[j]}
                  fill={PALETTE[j % PALETTE.length]}
                  isAnimationActive={false}
                  {...(stacked ? { stackId: "share", shape: gapWhenHidden(`s${j}`) } : {})}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        ) : null}
      </div>
      <details className="data-view__table">
        <summary>{t("diag.showTable")}</summary>
        <table className="data-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("diag.category")}</th>
              {seriesNames.map((n) => (
                <th scope="col" key={n}>
                  {n}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.category}>
                <th scope="row">{r.category}</th>
                {view.series.map((s, j) => (
                  <td key={j}>{s.values[i] === null ? t("diag.hidden") : format(s.values[i]!)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <Downloads csv={csv} name={view.id} title={title} hydrated={hydrated} />
    </figure>
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
function ScatterFigure({ view, headingLevel }: { view: ScatterView; headingLevel: 3 | 4 }) {
  const t = useT();
  const text = useText();
  const locale = useLocale();
  const hydrated = useHydrated();
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const title = text(view.title);
  const xLabel = text(view.axes.x);
  const yLabel = text(view.axes.y);
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const y = formatter(view.unit, locale);
  const drawn = view.points.filter((p) => p.x !== null && p.y !== null);
  const headingId = `view-${view.id}`;
  const csv = toCsv([
    [t("grouping.school"), xLabel, yLabel, t("schoolField.enrollment")],
    ...view.points.map((p) => [
      p.label,
      p.x === null ? "" : String(p.x),
      p.y === null ? "" : String(p.y),
      String(p.size),
    ]),
  ]);
  return (
    <figure className="data-view card" aria-labelledby={headingId}>
      <Heading id={headingId}>{title}</Heading>
      {view.finding ? <p className="data-view__finding">{text(view.finding)}</p> : null}
      <div className="data-view__chart" aria-hidden="true">
        {hydrated ? (
          <ResponsiveContainer width="100%" height={320}>
            <ScatterChart margin={{ top: 8, right: 16, bottom: 24, left: 8 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis
                type="number"
                dataKey="x"
                name={xLabel}
                tickFormatter={(v: number) => number.format(v)}
                label={{ value: xLabel, position: "insideBottom", offset: -12 }}
                tick={{ fontSize: 12 }}
              />
              <YAxis type="number" dataKey="y" name={yLabel} tickFormatter={y} width={80} tick={{ fontSize: 12 }} />
              <ZAxis type="number" dataKey="size" range={[30, 400]} name={t("schoolField.enrollment")} />
              <Tooltip formatter={(v) => (typeof v === "number" ? number.format(v) : String(v))} />
              <Scatter data={drawn} fill={PALETTE[0]} fillOpacity={0.7} isAnimationActive={false} name={title} />
            </ScatterChart>
          </ResponsiveContainer>
        ) : null}
      </div>
      <details className="data-view__table">
        <summary>{t("diag.showTable")}</summary>
        <table className="data-table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("grouping.school")}</th>
              <th scope="col">{xLabel}</th>
              <th scope="col">{yLabel}</th>
              <th scope="col">{t("schoolField.enrollment")}</th>
            </tr>
          </thead>
          <tbody>
            {view.points.map((p) => (
              <tr key={p.label}>
                <th scope="row">{p.label}</th>
                <td>{p.x === null ? t("diag.hidden") : number.format(p.x)}</td>
                <td>{p.y === null ? t("diag.hidden") : y(p.y)}</td>
                <td>{number.format(p.size)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <Downloads csv={csv} name={view.id} title={title} hydrated={hydrated} />
    </figure>
  );
}

/** The view's data as CSV, and (once the chart is drawn) the drawing as SVG or PNG. */
function Downloads({ csv, name, title, hydrated }: { csv: string; name: string; title: string; hydrated: boolean }) {
  const t = useT();
  return (
    <p className="actions data-view__downloads">
      <a href={`data:text/csv;charset=utf-8,${encodeURIComponent(csv)}`} download={`${name}.csv`}>
        {t("diag.downloadCsv")}
        <span className="visually-hidden">: {title}</span>
      </a>
      {hydrated
        ? (["svg", "png"] as const).map((format) => (
            <button
              key={format}
              type="button"
              className="button button--quiet"
              onClick={(e) => downloadChart(e.currentTarget.closest("figure"), name, format)}
            >
              {t(format === "svg" ? "diag.downloadSvg" : "diag.downloadPng")}
              <span className="visually-hidden">: {title}</span>
            </button>
          ))
        : null}
    </p>
  );
}
