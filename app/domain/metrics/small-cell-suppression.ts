/**
 * Small-cell suppression (DATA-FORMAT.md): for viewers who are not district
 * staff, a figure computed from fewer than 10 students is hidden, and so is any
 * figure from which a hidden one could be recovered by subtraction. The server
 * applies this before data leaves for such viewers.
 */
import type { StudentGroup } from "../district-data/types";
import type { StakeholderGroup } from "../roles";
import { suppressed, type Figure } from "./figure";

export const MIN_CELL_SIZE = 10;

/** Cabinet and district staff see every figure; everyone else gets suppressed views. */
export function requiresSmallCellSuppression(viewer: StakeholderGroup): boolean {
  return viewer !== "cabinet" && viewer !== "district_staff";
}

export type CountedCell<V> = {
  id: string;
  value: V;
  /** Students the figure is computed from; null when unknown, which is treated as too few. */
  n: number | null;
  /** Already hidden before this step (e.g. the district suppressed it). */
  suppressed?: boolean;
};

/** Cells whose values add up to a total a viewer can see, so any one of them is the total minus the rest. */
export type SumGroup = {
  parts: readonly string[];
  /** The total's own cell id when it is a cell of this table; omit when it is shown elsewhere (assumed visible). */
  total?: string;
};

/**
 * Student groups that split all students between them, each student in exactly
 * one part (docs/decisions/007). A figure per part — a count, or a rate weighted
 * by the part's students — adds up to the all-students figure, so with the
 * total and the other parts public, a hidden part can be recovered by
 * subtraction. English learners and students with disabilities have no
 * complement among the groups and stand alone.
 */
export const GROUP_PARTITIONS: readonly (readonly StudentGroup[])[] = [
  ["low_income", "not_low_income"],
  ["black", "latinx", "white", "asian", "native_american", "pacific_islander", "multiracial"],
];

/**
 * One sum group per partition with two or more parts among the cells:
 * `idOf(group)` is the id of that group's cell, or undefined when there is none
 * (not reported, so the remaining parts are taken to make up the total, which
 * hides more, never less). `total` is the all-students cell; omit it when the
 * total is public elsewhere (a school's enrollment).
 */
export function partitionSumGroups(idOf: (group: StudentGroup) => string | undefined, total?: string): SumGroup[] {
  return GROUP_PARTITIONS.flatMap((groups): SumGroup[] => {
    const parts = groups.flatMap((g) => idOf(g) ?? []);
    return parts.length > 1 ? [total === undefined ? { parts } : { parts, total }] : [];
  });
}

/** The groups whose figures decide whether those of `groups` may be shown: every partition they touch, in full. */
export function linkedGroups(groups: readonly StudentGroup[]): StudentGroup[] {
  const linked = new Set<StudentGroup>(groups);
  for (const partition of GROUP_PARTITIONS)
    if (partition.some((g) => linked.has(g))) for (const g of partition) linked.add(g);
  return [...linked];
}

export type SuppressionReason =
  /** Hidden before this step. */
  | "source"
  /** n < 10, or n unknown. */
  | "small_cell"
  /** Hidden so that another hidden cell cannot be recovered by subtraction. */
  | "complementary";

/**
 * A hidden cell keeps neither its value nor its n: either could give it away.
 * `reason` is for the server and its tests; do not send it to the viewer, since
 * "small_cell" vs "complementary" tells them which hidden cells are under 10.
 */
export type ShownCell<V> = { id: string; shown: true; value: V; n: number };
export type HiddenCell = { id: string; shown: false; reason: SuppressionReason };

export type SuppressionResult<V> = {
  /** In input order. */
  cells: (ShownCell<V> | HiddenCell)[];
  /**
   * Indexes into `groups` whose one hidden part could still be recovered
   * because nothing but an external total was left to hide: the caller must
   * not show that total. Empty in any table that lists its totals as cells.
   */
  exposedGroups: number[];
};

/**
 * 1. Hides source-suppressed cells and cells with n < minN (default 10).
 * 2. Complementary suppression, repeated until nothing changes (a cell can sit
 *    in several groups, e.g. a row and a column): in any group where exactly one
 *    member (part or total cell) is hidden, the shown part with the smallest n
 *    (ties: first listed) is hidden too, or the total cell if no part is left.
 *    Two or more unknowns in one sum leave each of them undetermined.
 * This is the standard cell-suppression rule, not a full audit against every
 * combination of equations; a group whose hidden parts add to 0 still tells a
 * viewer they are all 0.
 */
export function suppressSmallCells<V>(
  cells: readonly CountedCell<V>[],
  groups: readonly SumGroup[] = [],
  options: { minN?: number } = {},
): SuppressionResult<V> {
  const minN = options.minN ?? MIN_CELL_SIZE;
  const byId = new Map<string, CountedCell<V>>();
  for (const c of cells) {
    if (byId.has(c.id)) throw new Error(`duplicate cell id ${c.id}`);
    byId.set(c.id, c);
  }
  for (const g of groups) {
    for (const id of [...g.parts, ...(g.total === undefined ? [] : [g.total])]) {
      if (!byId.has(id)) throw new Error(`sum group names unknown cell ${id}`);
    }
  }

  const hidden = new Map<string, SuppressionReason>();
  for (const c of cells) {
    if (c.suppressed) hidden.set(c.id, "source");
    else if (c.n === null || c.n < minN) hidden.set(c.id, "small_cell");
  }

  const exposed = new Set<number>();
  for (let changed = true; changed;) {
    changed = false;
    exposed.clear();
    groups.forEach((g, index) => {
      const members = g.total === undefined ? g.parts : [...g.parts, g.total];
      if (members.filter((id) => hidden.has(id)).length !== 1) return;
      const complement = g.parts
        .filter((id) => !hidden.has(id))
        .map((id, order) => ({ id, order, n: byId.get(id)!.n! }))
        .sort((a, b) => a.n - b.n || a.order - b.order)[0];
      if (complement) hidden.set(complement.id, "complementary");
      else if (g.total !== undefined) hidden.set(g.total, "complementary");
      else {
        exposed.add(index);
        return;
      }
      changed = true;
    });
  }

  return {
    cells: cells.map((c): ShownCell<V> | HiddenCell => {
      const reason = hidden.get(c.id);
      return reason ? { id: c.id, shown: false, reason } : { id: c.id, shown: true, value: c.value, n: c.n! };
    }),
    exposedGroups: [...exposed].sort((a, b) => a - b),
  };
}

/** The same over metric figures: an already-suppressed figure counts as hidden, and hidden cells come back as suppressed figures. */
export function suppressSmallFigures(
  cells: readonly CountedCell<Figure>[],
  groups: readonly SumGroup[] = [],
  options: { minN?: number } = {},
): { figures: Map<string, Figure>; exposedGroups: number[] } {
  const result = suppressSmallCells(
    cells.map((c) => ({ ...c, suppressed: c.suppressed || c.value.kind === "suppressed" })),
    groups,
    options,
  );
  return {
    figures: new Map(result.cells.map((c) => [c.id, c.shown ? c.value : suppressed()])),
    exposedGroups: result.exposedGroups,
  };
}
