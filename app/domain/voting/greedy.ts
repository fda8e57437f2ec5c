import { add, cmp, sub, ZERO, type Rational } from "./rational";
import type { ApprovalProfile } from "./profile";

export type GreedyStep =
  | { code: string; status: "funded"; votes: number; cost: Rational; remainingBefore: Rational }
  | { code: string; status: "not_funded"; votes: number; cost: Rational; remainingBefore: Rational };

/**
 * Walk the options in order of votes and fund each that still fits; skip, don't stop.
 * `order` is the options' indices by votes (ties already broken); `start` what is left to spend.
 */
export function greedyFill(profile: ApprovalProfile, start: Rational, skip: ReadonlySet<number> = new Set()) {
  let remaining = start;
  let spent: Rational = ZERO;
  const steps: GreedyStep[] = [];
  const funded: number[] = [];
  for (const i of profile.byVotes) {
    if (skip.has(i)) continue;
    const { code, cost } = profile.options[i]!;
    const votes = profile.votes[i]!;
    const fits = cmp(cost, remaining) <= 0;
    steps.push({ code, status: fits ? "funded" : "not_funded", votes, cost, remainingBefore: remaining });
    if (fits) {
      funded.push(i);
      remaining = sub(remaining, cost);
      spent = add(spent, cost);
    }
  }
  return { funded, spent, remaining, steps };
}
