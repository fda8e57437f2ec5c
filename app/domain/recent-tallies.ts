import type { BallotRules } from "./polls";
import { tally, type Ballot, type Poll, type TallyOptions, type TallyResult } from "./voting";

/**
 * The last few tallies, keyed by everything they are computed from (budget, rules, options'
 * codes and costs, every ballot's choices, the rule's options). Equal shares with add1 can
 * take seconds on a large election, and a published vote's page, its API, its exports and
 * every plan embedding it ask for the same tally again and again; an unchanged input gives
 * the stored result, and any change (a revised or added ballot) is a different key.
 */
const LIMIT = 32;
const recent = new Map<string, TallyResult>();

export function recentTally(
  inputs: { budget: string; ballot: BallotRules; options: readonly { code: string; cost: string }[] },
  engine: Poll,
  ballots: readonly Ballot[],
  opts: TallyOptions,
): TallyResult {
  const key = JSON.stringify([
    inputs.budget,
    inputs.ballot,
    inputs.options.map((o) => [o.code, o.cost]),
    ballots.map((b) => [b.voterId, b.choices]),
    opts,
  ]);
  const found = recent.get(key);
  if (found) {
    // Most recently used last, so the oldest goes first when the map is full.
    recent.delete(key);
    recent.set(key, found);
    return found;
  }
  const result = tally(engine, ballots, opts);
  recent.set(key, result);
  if (recent.size > LIMIT) recent.delete(recent.keys().next().value!);
  return result;
}
