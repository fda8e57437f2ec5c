import { compareCodes } from "./natural-order";
import { cmp } from "./rational";
import type { Ballot, Poll } from "./types";

export interface OptionVotes {
  readonly code: string;
  /** Ballots that include the option (points and ranked ballots: that give it points / rank it). */
  readonly approvals: number;
  /** points ballots: points received. */
  readonly points?: number;
  /** ranked ballots: Borda score, k points for a first place … 1 for the k-th. */
  readonly borda?: number;
}

/** Options ordered by approvals; ties: lower cost, then code in natural order. */
export function countVotes(poll: Poll, ballots: readonly Ballot[]): OptionVotes[] {
  const index = new Map(poll.options.map((o, i) => [o.code, i]));
  const approvals = new Array<number>(poll.options.length).fill(0);
  const points = new Array<number>(poll.options.length).fill(0);
  const borda = new Array<number>(poll.options.length).fill(0);
  const k = poll.maxOptions ?? poll.options.length;
  for (const ballot of ballots) {
    const seen = new Set<number>();
    ballot.choices.forEach((choice, rank) => {
      const i = index.get(choice.code);
      if (i === undefined || seen.has(i)) return; // validated ballots never do this; tallies stay total anyway
      seen.add(i);
      approvals[i]!++;
      points[i]! += choice.points ?? 0;
      borda[i]! += Math.max(k - rank, 0);
    });
  }
  const rows = poll.options.map((o, i) => ({
    code: o.code,
    approvals: approvals[i]!,
    ...(poll.ballot === "points" ? { points: points[i]! } : {}),
    ...(poll.ballot === "ranked" ? { borda: borda[i]! } : {}),
    cost: o.cost,
  }));
  rows.sort((a, b) => b.approvals - a.approvals || cmp(a.cost, b.cost) || compareCodes(a.code, b.code));
  return rows.map(({ cost: _cost, ...row }) => row);
}
