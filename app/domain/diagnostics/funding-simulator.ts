/**
 * The need-weighted funding simulator of the School funding diagnostic: weights
 * read from a query string (so a simulation is a link anyone can share), each
 * school's current and need-weighted allocation at the same total budget, with
 * small schools hidden for readers outside cabinet and district staff, and the
 * figures a plain-language summary is written from. Framework-free.
 */
import type { DataPackage } from "../district-data/types";
import { packageFor } from "../disclosure";
import { needWeightedFunding, suppressSmallCells, type NeedWeights } from "../metrics";

/** The query parameters, as the page's form and the API name them. */
export const weightParams = ["low_income", "english_learner", "disability"] as const;
export type WeightParam = (typeof weightParams)[number];

const weightOf: Record<WeightParam, keyof NeedWeights> = {
  low_income: "lowIncome",
  english_learner: "englishLearners",
  disability: "studentsWithDisabilities",
};

/** Extra weight per student when a parameter is absent: common starting points in weighted student funding. */
export const DEFAULT_WEIGHTS: Record<WeightParam, number> = { low_income: 0.3, english_learner: 0.2, disability: 0.9 };
/** A weight of 3 counts a student four times; anything above that is more likely a typo than a policy. */
export const MAX_WEIGHT = 3;

export type WeightErrors = Partial<Record<WeightParam, "validation.needWeightNumber" | "validation.needWeightRange">>;

export type ParsedWeights =
  | { ok: true; weights: NeedWeights; values: Record<WeightParam, string> }
  | { ok: false; errors: WeightErrors; values: Record<WeightParam, string> };

/**
 * Reads the weights from a query string: an absent parameter takes its default;
 * one that is present must be a number from 0 to MAX_WEIGHT (a leading "+" and a
 * decimal comma are accepted: "+0,3"). `values` are the texts to put back in the form.
 */
export function parseNeedWeights(search: URLSearchParams): ParsedWeights {
  const values = {} as Record<WeightParam, string>;
  const errors: WeightErrors = {};
  const weights = {} as NeedWeights;
  for (const param of weightParams) {
    const raw = search.get(param);
    values[param] = raw === null ? String(DEFAULT_WEIGHTS[param]) : raw;
    if (raw === null) {
      weights[weightOf[param]] = DEFAULT_WEIGHTS[param];
      continue;
    }
    const text = raw.trim().replace(",", ".");
    const n = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text) ? Number(text) : Number.NaN;
    if (Number.isNaN(n)) errors[param] = "validation.needWeightNumber";
    else if (n < 0 || n > MAX_WEIGHT) errors[param] = "validation.needWeightRange";
    else weights[weightOf[param]] = n;
  }
  return Object.keys(errors).length ? { ok: false, errors, values } : { ok: true, weights, values };
}

export type SimulatedSchool = {
  schoolId: string;
  schoolName: string;
  /** For a hidden school every figure below is null, so is its enrollment. */
  hidden: boolean;
  enrollment: number | null;
  current: number | null;
  needWeighted: number | null;
  /** needWeighted − current: positive means the school would gain. */
  difference: number | null;
  currentPerPupil: number | null;
  needWeightedPerPupil: number | null;
};

export type FundingSimulation = {
  weights: NeedWeights;
  /** The budget shared out, the same before and after; null only if showing it would reveal a hidden school. */
  totalBudget: number | null;
  /** Largest gain first, largest loss last; hidden schools after them, by name (their place must not tell their figures). */
  schools: SimulatedSchool[];
  /** Schools left out of the reallocation: their spending is suppressed or not reported, or they have no students. */
  excluded: { schoolId: string; schoolName: string; reason: "suppressed" | "missing" | "no_enrollment" }[];
  summary: {
    /** Shown schools whose allocation rises, falls, or stays within a dollar. */
    gain: number;
    lose: number;
    same: number;
    hidden: number;
    excluded: number;
    largestGain: { schoolName: string; difference: number; perPupil: number } | null;
    largestLoss: { schoolName: string; difference: number; perPupil: number } | null;
  };
};

/**
 * Simulates need-weighted funding over a package. With `suppressSmallCells`, a
 * school of fewer than 10 students is hidden (its allocation is computed from
 * how many of them are low-income, learning English or disabled), and because
 * the total budget is shown and the differences add up to 0, one more school —
 * the smallest shown — is hidden with it so that subtraction cannot recover it.
 */
export function simulateFunding(
  whole: DataPackage,
  weights: NeedWeights,
  options: { suppressSmallCells: boolean },
): FundingSimulation {
  const pkg = packageFor(whole, options);
  const result = needWeightedFunding(pkg, weights);
  const names = new Map(pkg.schools.map((s) => [s.schoolId, s.schoolName]));
  const hidden = new Set<string>();
  let totalShown = true;
  if (options.suppressSmallCells) {
    const ids = result.schools.map((s) => s.schoolId);
    const { cells, exposedGroups } = suppressSmallCells(
      result.schools.map((s) => ({ id: s.schoolId, value: s.difference, n: s.enrollment })),
      ids.length ? [{ parts: ids }] : [],
    );
    for (const c of cells) if (!c.shown) hidden.add(c.id);
    totalShown = exposedGroups.length === 0;
  }

  const rows: SimulatedSchool[] = result.schools.map((s) =>
    hidden.has(s.schoolId)
      ? {
          schoolId: s.schoolId,
          schoolName: names.get(s.schoolId)!,
          hidden: true,
          enrollment: null,
          current: null,
          needWeighted: null,
          difference: null,
          currentPerPupil: null,
          needWeightedPerPupil: null,
        }
      : {
          schoolId: s.schoolId,
          schoolName: names.get(s.schoolId)!,
          hidden: false,
          enrollment: s.enrollment,
          current: s.current,
          needWeighted: s.needWeighted,
          difference: s.difference,
          currentPerPupil: s.currentPerPupil,
          needWeightedPerPupil: s.needWeightedPerPupil,
        },
  );
  const byName = (a: SimulatedSchool, b: SimulatedSchool) => a.schoolName.localeCompare(b.schoolName, "en");
  const shown = rows.filter((r) => !r.hidden).sort((a, b) => b.difference! - a.difference! || byName(a, b));
  const schools = [...shown, ...rows.filter((r) => r.hidden).sort(byName)];

  // Within a dollar is "no change": the split of a budget in floating point is not exact to the cent.
  const gains = shown.filter((r) => r.difference! >= 1);
  const losses = shown.filter((r) => r.difference! <= -1);
  const extreme = (r: SimulatedSchool | undefined) =>
    r ? { schoolName: r.schoolName, difference: r.difference!, perPupil: r.difference! / r.enrollment! } : null;
  return {
    weights,
    // No school in the simulation is no budget to share, not a budget of $0.
    totalBudget: totalShown && result.schools.length > 0 ? result.totalBudget : null,
    schools,
    excluded: result.excluded.map((e) => ({ ...e, schoolName: names.get(e.schoolId)! })),
    summary: {
      gain: gains.length,
      lose: losses.length,
      same: shown.length - gains.length - losses.length,
      hidden: hidden.size,
      excluded: result.excluded.length,
      largestGain: extreme(gains[0]),
      largestLoss: extreme(losses[losses.length - 1]),
    },
  };
}
