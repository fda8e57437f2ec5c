/**
 * A computed figure and the rules for combining them. Every metric in this
 * folder reports a Figure wherever a value can be unknown, so that "hidden by
 * the district" and "cannot exist" are never confused with each other or with 0.
 */
import type { MeasureValue, School, SchoolAttribute } from "../district-data/types";

export type UnavailableReason =
  /** No school reported the inputs (or the set of schools is empty). */
  | "no_data"
  /** The figure divides by a known zero (no students, no teachers, a zero gap…). */
  | "zero_denominator"
  /** A slope over schools that all have the same poverty level. */
  | "no_variation";

export type Figure =
  | { kind: "value"; value: number }
  /** Would exist, but depends on a value the district suppressed (DATA-FORMAT.md: never 0). */
  | { kind: "suppressed" }
  /** Does not exist even with every hidden value revealed. */
  | { kind: "unavailable"; reason: UnavailableReason };

export type KnownFigure = Extract<Figure, { kind: "value" }>;

export const known = (value: number): Figure => ({ kind: "value", value });
export const suppressed = (): Figure => ({ kind: "suppressed" });
export const unavailable = (reason: UnavailableReason): Figure => ({ kind: "unavailable", reason });

export const isKnown = (f: Figure): f is KnownFigure => f.kind === "value";

/** A reported measure value as a figure; `undefined` (not reported at all) is unavailable, not 0. */
export function fromMeasure(v: MeasureValue | undefined): Figure {
  if (v === undefined) return unavailable("no_data");
  return v.suppressed ? suppressed() : known(v.value);
}

/** For JSON/API edges that want a plain number: anything not known becomes null. */
export function valueOrNull(f: Figure): number | null {
  return f.kind === "value" ? f.value : null;
}

type Values<T extends readonly Figure[]> = { -readonly [K in keyof T]: number };

/**
 * Applies `fn` to known inputs. An unavailable input wins over a suppressed one:
 * revealing the hidden value would not make the result exist, so calling it
 * "suppressed" would wrongly imply it does.
 */
export function combine<const T extends readonly Figure[]>(inputs: T, fn: (...values: Values<T>) => number): Figure {
  const firstUnavailable = inputs.find((f) => f.kind === "unavailable");
  if (firstUnavailable) return firstUnavailable;
  if (inputs.some((f) => f.kind === "suppressed")) return suppressed();
  const values = inputs.map((f) => (f as KnownFigure).value) as Values<T>;
  return known(fn(...values));
}

/** num / den; a known zero denominator makes the figure unavailable whatever the numerator is. */
export function divide(num: Figure, den: Figure): Figure {
  if (den.kind === "value" && den.value === 0) return unavailable("zero_denominator");
  return combine([num, den], (n, d) => n / d);
}

/** How many schools a figure over a set of schools was computed from. */
export type Coverage = {
  /** Schools whose inputs were all known and so entered the sums. */
  schoolsIncluded: number;
  /**
   * Schools with a suppressed input: left out of an average, or, where the
   * metric is a total over all schools, making that total suppressed.
   */
  schoolsSuppressed: number;
  /** Schools left out because an input was not reported at all. */
  schoolsMissing: number;
};

export const emptyCoverage = (): Coverage => ({ schoolsIncluded: 0, schoolsSuppressed: 0, schoolsMissing: 0 });

/** Counts one school's combined inputs into `coverage`; returns the known values, or null when it is left out. */
export function tally<const T extends readonly Figure[]>(coverage: Coverage, inputs: T): Values<T> | null {
  const f = combine(inputs, () => 0);
  if (f.kind === "unavailable") coverage.schoolsMissing++;
  else if (f.kind === "suppressed") coverage.schoolsSuppressed++;
  else {
    coverage.schoolsIncluded++;
    return inputs.map((i) => (i as KnownFigure).value) as Values<T>;
  }
  return null;
}

/**
 * An average over the schools with known inputs leaves suppressed ones out. If
 * nothing computable is left but some schools were left out as suppressed, the
 * figure could exist with them, so it is suppressed rather than unavailable.
 */
export function orSuppressed(f: Figure, coverage: Coverage): Figure {
  return f.kind === "unavailable" && coverage.schoolsSuppressed > 0 ? suppressed() : f;
}

/**
 * Σnum / Σden accumulated over the schools counted in `coverage`: unavailable
 * when no school entered the sums, suppressed when only hidden ones could have.
 */
export function ratioOfSums(num: number, den: number, coverage: Coverage): Figure {
  if (coverage.schoolsIncluded === 0) return orSuppressed(unavailable("no_data"), coverage);
  return orSuppressed(divide(known(num), known(den)), coverage);
}

/**
 * A school's schools.csv figure as a Figure: suppressed when this copy of the
 * package conceals it from the reader (domain/disclosure), unavailable when not reported.
 */
export function schoolAttribute(school: School, attribute: SchoolAttribute): Figure {
  if (school.concealed?.includes(attribute)) return suppressed();
  const value = school[attribute];
  return value === null ? unavailable("no_data") : known(value);
}
