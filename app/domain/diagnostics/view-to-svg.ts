/**
 * A data view drawn as a standalone SVG for print and exports, where the
 * browser charts (recharts) cannot run. Plain shapes and escaped text only.
 */
import { escapeHtml } from "../plan-export";
import type { ComputedView } from "./view-spec";

const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"];
const W = 640;
const H = 320;
const M = { top: 16, right: 16, bottom: 56, left: 72 };

const niceMax = (v: number) => {
  if (v <= 0) return 1;
  const step = 10 ** Math.floor(Math.log10(v));
  return Math.ceil(v / step) * step;
};

export function viewToSvg(
  view: ComputedView,
  labels: { title: string; categories: string[]; series: string[] },
  format: (v: number) => string
): string {
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const parts: string[] = [];
  const text = (x: number, y: number, s: string, anchor = "middle", size = 11) =>
    `<text x="${x.toFixed(1)}" y="${y.toFixed(
      1
    )}" font-size="${size}" text-anchor="${anchor}" fill="#1d2433">${escapeHtml(s)}</text>`;

  if (view.points) {
    const pts = view.points.filter((p) => p.x !== null && p.y !== null) as { x: number; y: number; size: number }[];
    const xMax = niceMax(Math.max(0, ...pts.map((p) => p.x)));
    const yMax = niceMax(Math.max(0, ...pts.map((p) => p.y)));
    const sMax = Math.max(1, ...pts.map((p) => p.size));
    for (let i = 0; i <= 4; i++) {
      const y = M.top + plotH - (plotH * i) / 4;
      parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="#d5dae3"/>`);
      parts.push(text(M.left - 6, y + 4, format((yMax * i) / 4), "end"));
      parts.push(text(M.left + (plotW * i) / 4, H - M.bottom + 16, String(Math.round((xMax * i) / 4))));
    }
    for (const p of pts) {
      const cx = M.left + (p.x / xMax) * plotW;
      const cy = M.top + plotH - (p.y / yMax) * plotH;
      const r = 3 + 9 * Math.sqrt(p.size / sMax);
      parts.push(
        `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="${r.toFixed(1)}" fill="${
          PALETTE[0]
        }" fill-opacity="0.6"/>`
      );
    }
    parts.push(text(M.left + plotW / 2, H - 12, labels.categories[0] ?? ""));
  } else {
    const n = view.categories.length;
    const k = Math.max(1, view.series.length);
    const values = view.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
    const yMax = niceMax(Math.max(0, ...values));
    for (let i = 0; i <= 4; i++) {
      const y = M.top + plotH - (plotH * i) / 4;
      parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="#d5dae3"/>`);
      parts.push(text(M.left - 6, y + 4, format((yMax * i) / 4), "end"));
    }
    const band = plotW / Math.max(1, n);
    const bar = (band * 0.8) / k;
    view.categories.forEach((_, i) => {
      view.series.forEach((s, j) => {
        const v = s.values[i];
        if (v === null || v === undefined) return;
        const h = (v / yMax) * plotH;
        const x = M.left + band * i + band * 0.1 + bar * j;
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${(M.top + plotH - h).toFixed(1)}" width="${bar.toFixed(
            1
          )}" height="${h.toFixed(1)}" fill="${PALETTE[j % PALETTE.length]}"/>`
        );
      });
      const label = labels.categories[i] ?? "";
      parts.push(
        text(M.left + band * i + band / 2, H - M.bottom + 16, label.length > 18 ? `${label.slice(0, 17)}…` : label)
      );
    });
    labels.series.forEach((name, j) => {
      const x = M.left + j * 200;
      parts.push(`<rect x="${x}" y="${H - 22}" width="10" height="10" fill="${PALETTE[j % PALETTE.length]}"/>`);
      parts.push(text(x + 14, H - 13, name, "start"));
    });
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(
    labels.title
  )}" font-family="system-ui, sans-serif">${parts.join("")}</svg>`;
}
