/**
 * What a reader may be shown of a district's data (docs/decisions/009): the
 * package every figure for them is computed from, and how shares, rates and
 * ratios are rounded for readers who get small-cell suppression.
 */
import type { DataPackage } from "../district-data/types";
import { restrictedPackage } from "./restricted-package";

export { restrictedPackage } from "./restricted-package";

/** The package to compute a reader's figures from: whole for cabinet and district staff, else restricted. */
export function packageFor(pkg: DataPackage, options: { suppressSmallCells: boolean }): DataPackage {
  return options.suppressSmallCells ? restrictedPackage(pkg) : pkg;
}

/**
 * A share, rate or ratio published to a restricted reader: whole percents, so
 * that no fraction can be turned back into the counts it was divided from.
 * `scale` is what 100% is in the figure's own unit (1 for fractions, 100 for percents).
 */
export function roundedShare(value: number | null, scale: 1 | 100): number | null {
  if (value === null) return null;
  return scale === 1 ? Math.round(value * 100) / 100 : Math.round(value);
}
