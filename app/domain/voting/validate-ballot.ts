import { add, cmp, mul, toDecimalString, ZERO, type Rational } from "./rational";
import type { Choice, Poll } from "./types";

/** Reason codes a 422 carries; the UI translates them. */
export type BallotError =
  | { code: "unknown_option"; option: string }
  | { code: "duplicate_option"; option: string }
  | { code: "too_few_options"; min: number; count: number }
  | { code: "too_many_options"; max: number; count: number }
  | { code: "over_budget"; budget: string; total: string }
  | { code: "under_min_spend"; min: string; total: string }
  | { code: "invalid_points"; option: string }
  | { code: "points_over_option_limit"; option: string; max: number; points: number }
  | { code: "points_over_total"; max: number; total: number };

export type BallotCheck = { ok: true } | { ok: false; errors: BallotError[] };

/** Every reason a ballot is bad, not just the first, so a voter can fix them all at once. */
export function validateBallot(poll: Poll, choices: readonly Choice[]): BallotCheck {
  const errors: BallotError[] = [];
  const costs = new Map(poll.options.map((o) => [o.code, o.cost]));
  const seen = new Set<string>();
  let total: Rational = ZERO;
  let points = 0;
  for (const choice of choices) {
    const cost = costs.get(choice.code);
    if (cost === undefined) {
      errors.push({ code: "unknown_option", option: choice.code });
      continue;
    }
    if (seen.has(choice.code)) {
      errors.push({ code: "duplicate_option", option: choice.code });
      continue;
    }
    seen.add(choice.code);
    total = add(total, cost);
    if (poll.ballot === "points") {
      const p = choice.points;
      if (p === undefined || !Number.isInteger(p) || p <= 0) {
        errors.push({ code: "invalid_points", option: choice.code });
        continue;
      }
      points += p;
      const max = poll.maxPointsPerOption;
      if (max !== undefined && p > max)
        errors.push({ code: "points_over_option_limit", option: choice.code, max, points: p });
    }
  }
  const count = seen.size;
  if (poll.minOptions !== undefined && count < poll.minOptions)
    errors.push({ code: "too_few_options", min: poll.minOptions, count });
  if (poll.maxOptions !== undefined && count > poll.maxOptions)
    errors.push({ code: "too_many_options", max: poll.maxOptions, count });
  if (poll.ballot === "budget") {
    if (cmp(total, poll.budget) > 0)
      errors.push({ code: "over_budget", budget: toDecimalString(poll.budget), total: toDecimalString(total) });
    if (poll.minBudgetShare !== undefined) {
      const min = mul(poll.budget, poll.minBudgetShare);
      if (cmp(total, min) < 0)
        errors.push({ code: "under_min_spend", min: toDecimalString(min), total: toDecimalString(total) });
    }
  }
  if (poll.ballot === "points" && poll.totalPoints !== undefined && points > poll.totalPoints)
    errors.push({ code: "points_over_total", max: poll.totalPoints, total: points });
  return errors.length === 0 ? { ok: true } : { ok: false, errors };
}
