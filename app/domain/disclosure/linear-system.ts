/**
 * Which unknowns of a linear system are pinned down by it. Used to audit a
 * table before publication: a hidden cell that the published cells and the
 * data's own identities determine is not hidden at all.
 */

const EPSILON = 1e-9;

/**
 * For equations Σ row[j]·x[j] = (something known), the indexes j whose x[j]
 * every solution shares. x[j] is determined exactly when the unit vector e_j
 * lies in the row space: in reduced row echelon form, a row whose only
 * non-zero entry is at column j.
 */
export function determinedUnknowns(rows: readonly (readonly number[])[], unknowns: number): Set<number> {
  const m = rows.map((r) => {
    if (r.length !== unknowns) throw new Error(`row has ${r.length} coefficients, expected ${unknowns}`);
    return [...r];
  });
  let pivotRow = 0;
  const pivots: { row: number; column: number }[] = [];
  for (let column = 0; column < unknowns && pivotRow < m.length; column++) {
    // Partial pivoting keeps the elimination stable with rate-weighted coefficients.
    let best = pivotRow;
    for (let r = pivotRow + 1; r < m.length; r++) if (Math.abs(m[r]![column]!) > Math.abs(m[best]![column]!)) best = r;
    if (Math.abs(m[best]![column]!) < EPSILON) continue;
    [m[pivotRow], m[best]] = [m[best]!, m[pivotRow]!];
    const pivot = m[pivotRow]!;
    const scale = pivot[column]!;
    for (let c = 0; c < unknowns; c++) pivot[c]! /= scale;
    for (let r = 0; r < m.length; r++) {
      if (r === pivotRow) continue;
      const factor = m[r]![column]!;
      if (Math.abs(factor) < EPSILON) continue;
      for (let c = 0; c < unknowns; c++) m[r]![c]! -= factor * pivot[c]!;
    }
    pivots.push({ row: pivotRow, column });
    pivotRow++;
  }
  const determined = new Set<number>();
  for (const { row, column } of pivots) {
    const entries = m[row]!;
    if (entries.every((v, c) => c === column || Math.abs(v) < EPSILON)) determined.add(column);
  }
  return determined;
}
