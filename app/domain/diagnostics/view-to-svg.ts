/**
 * A data view drawn as a standalone SVG for print and exports, where the
 * browser charts (recharts) cannot run. Plain shapes and escaped text only.
 */
import { escapeHtml } from "../plan-export";
import { CHART_GRID, CHART_TEXT, SCATTER_OPACITY, seriesColor } from "./chart-colors";
import type { ComputedView } from "./view-spec";

const W = 640;
const H = 320;
const M = { top: 16, right: 16, bottom: 56, left: 72 };
const LEGEND_PER_ROW = 3;
const LEGEND_WIDTH = 184;
const LEGEND_ROW = 16;

const niceMax = (v: number) => {
  if (v <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / step) * step;
};

export type BarRect = { category: number; series: number; x: number; y: number; width: number; height: number };

/**
 * Where the bars of a bar view go inside a plot area: side by side per category,
 * or one stacked bar per category for `stacked_share` (series in order from the
 * bottom, the way recharts stacks them). A hidden (null) value gets no rectangle
 * and takes no room in a stack; each category with one is listed in `gaps`,
 * anchored where the mark goes (the empty slot's baseline, or the top of the stack).
 */
export function barLayout(
  view: Pick<ComputedView, "chart" | "categories" | "series">,
  plot: { x: number; y: number; width: number; height: number },
): { yMax: number; rects: BarRect[]; gaps: { category: number; x: number; y: number }[] } {
  const stacked = view.chart === "stacked_share";
  const n = Math.max(1, view.categories.length);
  const k = Math.max(1, view.series.length);
  const known = (i: number) =>
    view.series.map((s) => s.values[i]).filter((v): v is number => v !== null && v !== undefined);
  const heights = view.categories.map((_, i) => (stacked ? known(i).reduce((t, v) => t + v, 0) : 0));
  const values = view.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const top = stacked ? Math.max(0, ...heights) : Math.max(0, ...values);
  // Shares add up to 100 give or take rounding, which must not stretch the axis to 200.
  const yMax = stacked && top <= 100 + 1e-6 ? 100 : niceMax(top);
  const band = plot.width / n;
  const barWidth = stacked ? band * 0.8 : (band * 0.8) / k;
  const baseline = plot.y + plot.height;
  const scale = (v: number) => (v / yMax) * plot.height;
  const rects: BarRect[] = [];
  const gaps: { category: number; x: number; y: number }[] = [];
  view.categories.forEach((_, i) => {
    const left = plot.x + band * i + band * 0.1;
    let stackTop = 0;
    let hidden = false;
    view.series.forEach((s, j) => {
      const v = s.values[i];
      const x = stacked ? left : left + barWidth * j;
      if (v === null || v === undefined) {
        hidden = true;
        if (!stacked) gaps.push({ category: i, x: x + barWidth / 2, y: baseline });
        return;
      }
      const from = stacked ? stackTop : 0;
      // Both edges from the cumulative value, so stacked rectangles meet exactly.
      const y = baseline - scale(from + v);
      rects.push({ category: i, series: j, x, y, width: barWidth, height: scale(from + v) - scale(from) });
      if (stacked) stackTop += v;
    });
    if (stacked && hidden) gaps.push({ category: i, x: left + barWidth / 2, y: baseline - scale(stackTop) });
  });
  return { yMax, rects, gaps };
}

/** A view as one SVG document; `labels` are its texts already translated, `hidden` the mark of a hidden figure. */
export function viewToSvg(
  view: ComputedView,
  labels: { title: string; categories: string[]; series: string[]; hidden?: string },
  format: (v: number) => string,
): string {
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  // Three legend entries a row; rows after the first make the drawing taller.
  const legendRows = view.points ? 1 : Math.max(1, Math.ceil(labels.series.length / LEGEND_PER_ROW));
  const height = H + (legendRows - 1) * LEGEND_ROW;
  const parts: string[] = [];
  const text = (x: number, y: number, s: string, anchor = "middle", size = 11) =>
    `<text x="${x.toFixed(1)}" y="${y.toFixed(
      1,
    )}" font-size="${size}" text-anchor="${anchor}" fill="${CHART_TEXT}">${escapeHtml(s)}</text>`;

  if (view.points) {
    const pts = view.points.filter((p) => p.x !== null && p.y !== null && p.size !== null) as {
      x: number;
      y: number;
      size: number;
    }[];
    const xMax = niceMax(Math.max(0, ...pts.map((p) => p.x)));
    const yMax = niceMax(Math.max(0, ...pts.map((p) => p.y)));
    const sMax = Math.max(1, ...pts.map((p) => p.size));
    for (let i = 0; i <= 4; i++) {
      const y = M.top + plotH - (plotH * i) / 4;
      parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="${CHART_GRID}"/>`);
      parts.push(text(M.left - 6, y + 4, format((yMax * i) / 4), "end"));
      parts.push(text(M.left + (plotW * i) / 4, H - M.bottom + 16, String(Math.round((xMax * i) / 4))));
    }
    for (const p of pts) {
      const cx = M.left + (p.x / xMax) * plotW;
      const cy = M.top + plotH - (p.y / yMax) * plotH;
      const r = 3 + 9 * Math.sqrt(p.size / sMax);
      parts.push(
        `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="${r.toFixed(1)}" fill="${seriesColor(0)}" fill-opacity="${SCATTER_OPACITY}"/>`,
      );
    }
    parts.push(text(M.left + plotW / 2, H - 12, labels.categories[0] ?? ""));
  } else {
    const n = view.categories.length;
    const layout = barLayout(view, { x: M.left, y: M.top, width: plotW, height: plotH });
    for (let i = 0; i <= 4; i++) {
      const y = M.top + plotH - (plotH * i) / 4;
      parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="${CHART_GRID}"/>`);
      parts.push(text(M.left - 6, y + 4, format((layout.yMax * i) / 4), "end"));
    }
    for (const r of layout.rects) {
      parts.push(
        `<rect x="${r.x.toFixed(1)}" y="${r.y.toFixed(1)}" width="${r.width.toFixed(1)}" height="${r.height.toFixed(
          1,
        )}" fill="${seriesColor(r.series)}"/>`,
      );
    }
    // A hidden figure is a gap with a mark, so that it never reads as zero.
    for (const g of layout.gaps) parts.push(text(g.x, g.y - 4, labels.hidden ?? "—"));
    const band = plotW / Math.max(1, n);
    view.categories.forEach((_, i) => {
      const label = labels.categories[i] ?? "";
      parts.push(
        text(M.left + band * i + band / 2, H - M.bottom + 16, label.length > 18 ? `${label.slice(0, 17)}…` : label),
      );
    });
    labels.series.forEach((name, j) => {
      const x = M.left + (j % LEGEND_PER_ROW) * LEGEND_WIDTH;
      const y = H - 22 + Math.floor(j / LEGEND_PER_ROW) * LEGEND_ROW;
      const label = name.length > 27 ? `${name.slice(0, 26).trimEnd()}…` : name;
      parts.push(`<rect x="${x}" y="${y}" width="10" height="10" fill="${seriesColor(j)}"/>`);
      parts.push(text(x + 14, y + 9, label, "start"));
    });
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${height}" role="img" aria-label="${escapeHtml(
    labels.title,
  )}" font-family="system-ui, sans-serif">${parts.join("")}</svg>`;
}
