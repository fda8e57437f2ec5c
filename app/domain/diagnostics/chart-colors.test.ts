import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { composite, contrastRatio } from "../contrast";
import {
  CHART_AXIS,
  CHART_BACKGROUND,
  CHART_TEXT,
  GAIN_COLOR,
  LOSS_COLOR,
  MARKER_TEXT,
  SCATTER_OPACITY,
  SERIES_COLORS,
} from "./chart-colors";

const ratio = (color: string) => Math.round(contrastRatio(color, CHART_BACKGROUND) * 100) / 100;

describe("chart colours (WCAG 2.2)", () => {
  it("computes contrast as WCAG does", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    // The colour the legends used to draw their text in: about 2.3:1.
    expect(contrastRatio("#E69F00", "#ffffff")).toBeCloseTo(2.25, 2);
    expect(composite("#000000", 0.5, "#ffffff")).toBe("#808080");
  });

  it("draws every text (legend, ticks, labels, tooltips) at 4.5:1 or more (1.4.3)", () => {
    expect({ text: ratio(CHART_TEXT) }).toEqual({ text: expect.toSatisfy((r: number) => r >= 4.5) });
    // A thread marker's count sits on a dot drawn in the text colour.
    expect(contrastRatio(MARKER_TEXT, CHART_TEXT)).toBeGreaterThanOrEqual(4.5);
  });

  it("draws every mark and swatch at 3:1 or more against the card (1.4.11)", () => {
    const marks: Record<string, string> = {
      ...Object.fromEntries(SERIES_COLORS.map((c, i) => [`series ${i + 1}`, c])),
      gain: GAIN_COLOR,
      loss: LOSS_COLOR,
      "zero line": CHART_AXIS,
      "scatter bubble": composite(SERIES_COLORS[0], SCATTER_OPACITY, CHART_BACKGROUND),
    };
    const low = Object.entries(marks)
      .map(([name, color]) => [name, color, ratio(color)] as const)
      .filter(([, , r]) => r < 3);
    expect(low).toEqual([]);
  });

  it("is the only source of colour in the chart code", () => {
    // A colour written anywhere else would escape the two checks above.
    const files = [
      "../../features/data-views/data-view-figure.tsx",
      "../../features/funding-simulator/funding-simulator.tsx",
      "./view-to-svg.ts",
    ];
    const literals = files.flatMap((f) =>
      [...readFileSync(join(import.meta.dirname, f), "utf8").matchAll(/#[0-9a-f]{6}\b|#[0-9a-f]{3}\b/gi)].map(
        (m) => `${f}: ${m[0]}`,
      ),
    );
    expect(literals).toEqual([]);
  });
});
