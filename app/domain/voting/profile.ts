import { compareCodes } from "./natural-order";
import { cmp, toNumber } from "./rational";
import type { Ballot, Poll, PollOption } from "./types";

/**
 * Ballots read as approval sets (points and ranked ballots approve every option they give points to
 * or rank), with identical sets grouped: the tally works per distinct set, weighted by its count.
 */
export interface ApprovalProfile {
  readonly options: readonly PollOption[];
  readonly costF: Float64Array;
  /** Approvals per option. */
  readonly votes: Int32Array;
  /** Distinct approval sets (option indices) and how many voters cast each. */
  readonly sets: readonly Int32Array[];
  readonly weights: Int32Array;
  /** For each option, the distinct sets that approve it. */
  readonly supporters: readonly Int32Array[];
  /** voter id → index of the voter's set. */
  readonly setOfVoter: ReadonlyMap<string, number>;
  readonly voters: number;
  /** Option indices by votes desc, cost asc, code natural. */
  readonly byVotes: readonly number[];
}

export function buildProfile(poll: Poll, ballots: readonly Ballot[]): ApprovalProfile {
  const m = poll.options.length;
  const index = new Map(poll.options.map((o, i) => [o.code, i]));
  const keyToSet = new Map<string, number>();
  const sets: Int32Array[] = [];
  const weights: number[] = [];
  const setOfVoter = new Map<string, number>();
  const votes = new Int32Array(m);
  for (const ballot of ballots) {
    const chosen = new Set<number>();
    for (const c of ballot.choices) {
      const i = index.get(c.code);
      if (i !== undefined) chosen.add(i);
    }
    const arr = Int32Array.from([...chosen].sort((a, b) => a - b));
    const key = arr.join(",");
    let s = keyToSet.get(key);
    if (s === undefined) {
      s = sets.length;
      keyToSet.set(key, s);
      sets.push(arr);
      weights.push(0);
    }
    weights[s]!++;
    for (const i of arr) votes[i]!++;
    setOfVoter.set(ballot.voterId, s);
  }
  const supportersList: number[][] = Array.from({ length: m }, () => []);
  sets.forEach((set, s) => set.forEach((i) => supportersList[i]!.push(s)));
  const byVotes = poll.options
    .map((_, i) => i)
    .sort(
      (a, b) =>
        votes[b]! - votes[a]! ||
        cmp(poll.options[a]!.cost, poll.options[b]!.cost) ||
        compareCodes(poll.options[a]!.code, poll.options[b]!.code),
    );
  return {
    options: poll.options,
    costF: Float64Array.from(poll.options, (o) => toNumber(o.cost)),
    votes,
    sets,
    weights: Int32Array.from(weights),
    supporters: supportersList.map((l) => Int32Array.from(l)),
    setOfVoter,
    voters: ballots.length,
    byVotes,
  };
}
