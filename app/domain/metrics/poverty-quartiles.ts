/** DATA-FORMAT.md "Poverty quartiles": Q1 lowest poverty, Q4 highest. */
import type { School } from "../district-data/types";

export type Quartile = 1 | 2 | 3 | 4;
export const quartiles: readonly Quartile[] = [1, 2, 3, 4];

export type QuartileAssignment = {
  school: School;
  /** 0-based position in the sort. */ position: number;
  quartile: Quartile;
};

/**
 * Sorted by pct_low_income ascending, ties by school_id compared as plain
 * strings (UTF-16 code units, so "S10" < "S2"; no locale, so every server and
 * browser agrees). Position i of n is in quartile floor(4·i/n) + 1; when n is
 * not a multiple of 4 the quartiles differ in size by at most one, and with
 * n < 4 some quartiles are empty.
 */
export function povertyQuartiles(schools: readonly School[]): QuartileAssignment[] {
  const n = schools.length;
  return [...schools]
    .sort((a, b) => a.pctLowIncome - b.pctLowIncome || compareIds(a.schoolId, b.schoolId))
    .map((school, position) => ({ school, position, quartile: (Math.floor((4 * position) / n) + 1) as Quartile }));
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
