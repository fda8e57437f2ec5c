import { describe, expect, it } from "vitest";
import { stakeholderGroups } from "../roles";
import { known, suppressed } from "./figure";
import {
  linkedGroups,
  partitionSumGroups,
  requiresSmallCellSuppression,
  suppressSmallCells,
  suppressSmallFigures,
  type CountedCell,
  type SumGroup,
} from "./small-cell-suppression";

/** Count cells: the figure is the count itself, so value = n. */
const counts = (entries: Record<string, number>): CountedCell<number>[] =>
  Object.entries(entries).map(([id, n]) => ({ id, value: n, n }));
const hiddenIds = (r: ReturnType<typeof suppressSmallCells<number>>) =>
  r.cells.filter((c) => !c.shown).map((c) => c.id);
const reasons = (r: ReturnType<typeof suppressSmallCells<number>>) =>
  Object.fromEntries(r.cells.filter((c) => !c.shown).map((c) => [c.id, !c.shown && c.reason]));

/**
 * What a viewer can work out: each hidden cell is an unknown, each sum group an
 * equation (shown values move to the constant side). A hidden cell is
 * recoverable exactly when its unit vector lies in the row space of the
 * equations' coefficients over the unknowns, i.e. adding it does not raise the rank.
 */
function recoverable(hidden: string[], groups: readonly SumGroup[]): string[] {
  const col = new Map(hidden.map((id, i) => [id, i]));
  const rows = groups.map((g) => {
    const row = hidden.map(() => 0);
    for (const id of g.parts) if (col.has(id)) row[col.get(id)!] = 1;
    if (g.total !== undefined && col.has(g.total)) row[col.get(g.total)!] = -1;
    return row;
  });
  const base = rank(rows);
  return hidden.filter((id) => rank([...rows, hidden.map((h) => (h === id ? 1 : 0))]) === base);
}

function rank(matrix: number[][]): number {
  const m = matrix.map((r) => [...r]);
  let r = 0;
  for (let c = 0; c < (m[0]?.length ?? 0) && r < m.length; c++) {
    const pivot = m.findIndex((row, i) => i >= r && Math.abs(row[c]!) > 1e-9);
    if (pivot < 0) continue;
    [m[r], m[pivot]] = [m[pivot]!, m[r]!];
    for (let i = 0; i < m.length; i++) {
      if (i === r) continue;
      const f = m[i]![c]! / m[r]![c]!;
      m[i] = m[i]!.map((v, j) => v - f * m[r]![j]!);
    }
    r++;
  }
  return r;
}

describe("requiresSmallCellSuppression", () => {
  it("everyone but cabinet and district staff", () => {
    expect(stakeholderGroups.filter(requiresSmallCellSuppression)).toEqual([
      "educator",
      "coalition",
      "family",
      "student",
      "community",
    ]);
  });
});

describe("suppressSmallCells", () => {
  it("hides n < 10, unknown n and source-suppressed cells; a hidden cell keeps no value and no n", () => {
    const r = suppressSmallCells<number>([
      { id: "nine", value: 9, n: 9 },
      { id: "ten", value: 10, n: 10 },
      { id: "unknown", value: 50, n: null },
      { id: "source", value: 0, n: 500, suppressed: true },
    ]);
    expect(r.cells).toEqual([
      { id: "nine", shown: false, reason: "small_cell" },
      { id: "ten", shown: true, value: 10, n: 10 },
      { id: "unknown", shown: false, reason: "small_cell" },
      { id: "source", shown: false, reason: "source" },
    ]);
    expect(r.exposedGroups).toEqual([]);
  });

  it("the figure's n decides, not its value (a rate from 8 students is hidden)", () => {
    const r = suppressSmallCells([
      { id: "rate", value: 37.5, n: 8 },
      { id: "big", value: 2.1, n: 300 },
    ]);
    expect(hiddenIds(r)).toEqual(["rate"]);
  });

  it("one hidden part of a shown total: the next smallest part is hidden too", () => {
    // a + b + c = 40 is shown elsewhere. a = 5 < 10 alone would be 40 − 20 − 15 = 5.
    const cells = counts({ a: 5, b: 20, c: 15 });
    const groups = [{ parts: ["a", "b", "c"] }];
    expect(recoverable(["a"], groups)).toEqual(["a"]); // the danger, without the complement
    const r = suppressSmallCells(cells, groups);
    expect(reasons(r)).toEqual({ a: "small_cell", c: "complementary" }); // c (15) is smaller than b (20)
    // Shown: b = 20 and the total 40, so a + c = 20: a = 5, c = 15 and a = 4, c = 16 both fit.
    expect(recoverable(hiddenIds(r), groups)).toEqual([]);
  });

  it("two hidden parts already protect each other", () => {
    const r = suppressSmallCells(counts({ a: 5, b: 3, c: 15, d: 40 }), [{ parts: ["a", "b", "c", "d"] }]);
    expect(hiddenIds(r)).toEqual(["a", "b"]);
  });

  it("ties for the complement go to the first listed part", () => {
    const r = suppressSmallCells(counts({ a: 2, b: 30, c: 30 }), [{ parts: ["a", "c", "b"] }]);
    expect(reasons(r)).toEqual({ a: "small_cell", c: "complementary" });
  });

  it("a hidden total with every part shown: a part is hidden (the total is their sum)", () => {
    const cells = [...counts({ a: 20, b: 12, c: 30 }), { id: "t", value: 62, n: 62, suppressed: true }];
    const groups = [{ parts: ["a", "b", "c"], total: "t" }];
    const r = suppressSmallCells(cells, groups);
    expect(reasons(r)).toEqual({ b: "complementary", t: "source" });
    expect(recoverable(hiddenIds(r), groups)).toEqual([]);
  });

  it("with no other part to hide, the total cell is hidden", () => {
    const r = suppressSmallCells(counts({ only: 4, t: 4 + 0 }), [{ parts: ["only"], total: "t" }]);
    expect(hiddenIds(r)).toEqual(["only", "t"]);
  });

  it("with nothing left to hide but an external total, the group is reported as exposed", () => {
    const r = suppressSmallCells(counts({ x: 50, only: 4 }), [{ parts: ["x"] }, { parts: ["only"] }]);
    expect(hiddenIds(r)).toEqual(["only"]);
    expect(r.exposedGroups).toEqual([1]);
  });

  it("a table with row and column totals: suppression cascades until no hidden cell can be recovered", () => {
    //        C1   C2   C3 | total
    //  R1     4   25   30 |   59
    //  R2    20   35   12 |   67
    //  R3    18   22   40 |   80
    //  total 42   82   82 |  206
    const grid = [
      [4, 25, 30],
      [20, 35, 12],
      [18, 22, 40],
    ];
    const values: Record<string, number> = { T: 206 };
    grid.forEach((row, r) => {
      row.forEach((v, c) => (values[`r${r + 1}c${c + 1}`] = v));
      values[`r${r + 1}`] = row.reduce((a, b) => a + b, 0);
    });
    [0, 1, 2].forEach((c) => (values[`c${c + 1}`] = grid.reduce((a, row) => a + row[c]!, 0)));
    const groups: SumGroup[] = [
      ...[1, 2, 3].map((r) => ({ parts: [1, 2, 3].map((c) => `r${r}c${c}`), total: `r${r}` })),
      { parts: ["c1", "c2", "c3"], total: "T" },
      ...[1, 2, 3].map((c) => ({ parts: [1, 2, 3].map((r) => `r${r}c${c}`), total: `c${c}` })),
      { parts: ["r1", "r2", "r3"], total: "T" },
    ];
    const r = suppressSmallCells(counts(values), groups);
    // r1c1 = 4 is small. Row R1: hide r1c2 (25 < 30). Column C1: hide r3c1 (18 < 20).
    // Column C2 then has r1c2 alone: hide r3c2 (22 < 35). Row R3 now has two hidden: stable.
    expect(reasons(r)).toEqual({
      r1c1: "small_cell",
      r1c2: "complementary",
      r3c1: "complementary",
      r3c2: "complementary",
    });
    expect(r.exposedGroups).toEqual([]);
    // Nothing hidden can be worked out from the shown cells and the sums...
    expect(recoverable(hiddenIds(r), groups)).toEqual([]);
    // ...concretely: moving 1 around the hidden rectangle keeps every shown cell and total, yet changes r1c1.
    const alt: Record<string, number> = { ...values, r1c1: 5, r1c2: 24, r3c1: 17, r3c2: 23 };
    for (const g of groups) {
      const total = g.parts.reduce((a, id) => a + alt[id]!, 0);
      expect(total).toBe(alt[g.total!]);
    }
    const shown = (v: Record<string, number>) =>
      Object.fromEntries(Object.entries(v).filter(([id]) => !hiddenIds(r).includes(id)));
    expect(shown(alt)).toEqual(shown(values));
    expect(alt.r1c1).not.toBe(values.r1c1);
  });

  it("the threshold can be changed", () => {
    expect(hiddenIds(suppressSmallCells(counts({ a: 12, b: 30 }), [], { minN: 20 }))).toEqual(["a"]);
  });

  it("rejects duplicate ids and groups naming unknown cells", () => {
    expect(() => suppressSmallCells(counts({ a: 1 }).concat(counts({ a: 2 })))).toThrow(/duplicate/);
    expect(() => suppressSmallCells(counts({ a: 1 }), [{ parts: ["a", "zz"] }])).toThrow(/unknown cell zz/);
  });
});

describe("suppressSmallFigures", () => {
  it("an already-suppressed figure counts as hidden and gets a complement; hidden cells come back suppressed", () => {
    const { figures, exposedGroups } = suppressSmallFigures(
      [
        { id: "black", value: suppressed(), n: 40 },
        { id: "latinx", value: known(18.5), n: 120 },
        { id: "white", value: known(9.2), n: 60 },
        { id: "asian", value: known(3), n: 6 },
      ],
      [{ parts: ["black", "latinx", "white"] }],
    );
    expect(Object.fromEntries(figures)).toEqual({
      black: suppressed(),
      latinx: known(18.5),
      white: suppressed(),
      asian: suppressed(),
    });
    expect(exposedGroups).toEqual([]);
  });
});

describe("partitions of the student groups", () => {
  it("links a group to every part of its partition, and leaves groups without a complement alone", () => {
    expect(linkedGroups(["low_income"])).toEqual(["low_income", "not_low_income"]);
    expect(linkedGroups(["english_learner", "black"])).toEqual([
      "english_learner",
      "black",
      "latinx",
      "white",
      "asian",
      "native_american",
      "pacific_islander",
      "multiracial",
    ]);
    expect(linkedGroups(["all", "students_with_disabilities"])).toEqual(["all", "students_with_disabilities"]);
  });

  it("makes one sum group per partition with two or more parts present", () => {
    const present = new Set(["low_income", "not_low_income", "black"]);
    expect(partitionSumGroups((g) => (present.has(g) ? `c:${g}` : undefined), "c:all")).toEqual([
      { parts: ["c:low_income", "c:not_low_income"], total: "c:all" },
    ]);
    expect(partitionSumGroups((g) => `e:${g}`)).toHaveLength(2);
  });
});
