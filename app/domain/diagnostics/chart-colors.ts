/**
 * Every colour a chart draws with, in one place, so that one test
 * (chart-colors.test.ts) holds them to WCAG: text (legend, ticks, labels,
 * tooltips) at 4.5:1 on its background (1.4.3), marks (bars, dots, legend
 * swatches) at 3:1 (1.4.11). Series colours never colour text: a legend shows
 * the colour in its swatch and the name in ink.
 */

/** Charts sit on cards: white. */
export const CHART_BACKGROUND = "#ffffff";
/** Legend text, axis ticks and labels, tooltip text, data labels. */
export const CHART_TEXT = "#1d2433";
/** The count written on a thread marker, a dot drawn in CHART_TEXT. */
export const MARKER_TEXT = "#ffffff";
/** The zero line of a chart of gains and losses. */
export const CHART_AXIS = "#1d2433";
/** Grid lines: decoration behind the marks, read through the ticks, so exempt from 1.4.11. */
export const CHART_GRID = "#d5dae3";

/**
 * Okabe–Ito hues (told apart with the common forms of colour blindness),
 * darkened where needed to stand at 3:1 on white: orange, reddish purple;
 * sky blue, too close to blue once darkened, gives way to a neutral grey.
 */
export const SERIES_COLORS = ["#0072B2", "#C47900", "#009E73", "#B5589A", "#6B6B6B", "#D55E00"] as const;

/** The colour of the n-th series, repeating after the last. */
export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length]!;
}

/** Scatter bubbles overlap, so they are drawn see-through; the test checks the colour they come out as. */
export const SCATTER_OPACITY = 0.8;

/** Gains and losses in the funding simulator: blue and vermillion, apart by direction too. */
export const GAIN_COLOR = "#0072B2";
export const LOSS_COLOR = "#D55E00";
