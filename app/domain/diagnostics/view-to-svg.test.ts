import { describe, expect, it } from "vitest";
import type { ComputedView } from "./view-spec";
import { barLayout, viewToSvg } from "./view-to-svg";

const view = (chart: ComputedView["chart"], series: (number | null)[][]): ComputedView => ({
  id: "view",
  chart,
  title: { key: "Shares" },
  finding: null,
  unit: "percent",
  categories: [{ key: "A" }, { key: "B" }, { key: "C" }],
  series: series.map((values, j) => ({ label: { key: `s${j}` }, values })),
});
const labels = { title: "Shares", categories: ["A", "B", "C"], series: ["First", "Second"], hidden: "—" };
const format = (v: number) => String(v);

/** The bars of the SVG (legend swatches are 10 × 10 and left out). */
const bars = (svg: string) =>
  [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)" fill="(#\w+)"\/>/g)]
    .map((m) => ({ x: +m[1]!, y: +m[2]!, width: +m[3]!, height: +m[4]!, fill: m[5] }))
    .filter((r) => r.width !== 10);
const marks = (svg: string) =>
  [...svg.matchAll(/<text x="([\d.]+)" y="([\d.]+)"[^>]*>—<\/text>/g)].map((m) => ({ x: +m[1]!, y: +m[2]! }));

// The plot area of the 640 × 320 drawing: x 72…624 (552 wide), y 16…264 (248 high).
// Three categories: bands 184 wide, bars 80% of a band (147.2) from 18.4 into it,
// so the bars start at x = 90.4, 274.4, 458.4.
describe("viewToSvg: stacked shares", () => {
  // A: 25 + 75; B: 60 and a hidden share; C: both hidden.
  const shares = view("stacked_share", [
    [25, 60, null],
    [75, null, null],
  ]);

  it("stacks each category's shares in one bar on a 0–100 axis, first series at the bottom", () => {
    const svg = viewToSvg(shares, labels, format);
    expect(bars(svg)).toEqual([
      // A, 25: 25% of 248 = 62 high, from the baseline (264) up to 202.
      { x: 90.4, y: 202, width: 147.2, height: 62, fill: "#0072B2" },
      // A, 75: 186 high, on top of the first: from 202 up to 16, the top of the plot.
      { x: 90.4, y: 16, width: 147.2, height: 186, fill: "#C47900" },
      // B, 60: 148.8 high, from 264 up to 115.2.
      { x: 274.4, y: 115.2, width: 147.2, height: 148.8, fill: "#0072B2" },
    ]);
    // The axis reads 0, 25, 50, 75, 100.
    expect(svg).toContain('text-anchor="end" fill="#1d2433">100</text>');
    expect(svg).not.toContain(">125</text>");
  });

  it("draws a hidden share as a gap with a mark, never as a zero-height bar", () => {
    const svg = viewToSvg(shares, labels, format);
    expect(svg).not.toMatch(/height="0(\.0)?"/);
    // B: above its stack (115.2, 4 px up), centred on the bar (274.4 + 73.6); C: on the empty baseline.
    expect(marks(svg)).toEqual([
      { x: 348, y: 111.2 },
      { x: 532, y: 260 },
    ]);
  });

  it("keeps the axis at 100 when rounded shares add up to a hair over it", () => {
    const layout = barLayout(view("stacked_share", [[100 / 3], [200 / 3 + 1e-9]]), {
      x: 0,
      y: 0,
      width: 100,
      height: 100,
    });
    expect(layout.yMax).toBe(100);
    const [first, second] = layout.rects;
    expect(first!.y).toBeCloseTo(second!.y + second!.height, 9);
    expect(second!.y).toBeCloseTo(0, 6);
  });
});

describe("viewToSvg: side by side", () => {
  it("puts grouped bars next to each other from the baseline, hidden ones as marked gaps", () => {
    const svg = viewToSvg(
      view("grouped_bar", [
        [25, 60, null],
        [75, null, null],
      ]),
      labels,
      format,
    );
    // Axis to 80 (the next round number above 75); each bar half of 147.2.
    expect(bars(svg)).toEqual([
      { x: 90.4, y: 186.5, width: 73.6, height: 77.5, fill: "#0072B2" },
      { x: 164, y: 31.5, width: 73.6, height: 232.5, fill: "#C47900" },
      { x: 274.4, y: 78, width: 73.6, height: 186, fill: "#0072B2" },
    ]);
    // Each centred on its empty slot, 4 px above the baseline: B's second, C's first and second.
    expect(marks(svg)).toEqual([
      { x: 384.8, y: 260 },
      { x: 495.2, y: 260 },
      { x: 568.8, y: 260 },
    ]);
  });
});

describe("viewToSvg: the legend", () => {
  it("keeps every series name inside the drawing: three a row, the drawing taller for each row after the first", () => {
    const six = view(
      "bar",
      Array.from({ length: 6 }, () => [1, 2, 3]),
    );
    const names = ["All students", "Low income", "Black", "Latinx", "White", "A group name far too long for its place"];
    const svg = viewToSvg(six, { ...labels, series: names }, format);
    expect(svg).toContain('viewBox="0 0 640 336"');
    const swatches = [...svg.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="10" height="10"/g)].map((m) => [
      +m[1]!,
      +m[2]!,
    ]);
    expect(swatches).toEqual([
      [72, 298],
      [256, 298],
      [440, 298],
      [72, 314],
      [256, 314],
      [440, 314],
    ]);
    for (const name of names.slice(0, 5)) expect(svg).toContain(`>${name}</text>`);
    expect(svg).toContain(">A group name far too long…</text>");
    // Two series: one row, the drawing at its usual size.
    expect(
      viewToSvg(
        view("bar", [
          [1, 2, 3],
          [4, 5, 6],
        ]),
        labels,
        format,
      ),
    ).toContain('viewBox="0 0 640 320"');
  });
});
