import type { Rational } from "./rational";

/** The usual participatory-budgeting ballot types. */
export type BallotType = "budget" | "approval" | "points" | "ranked";

export interface PollOption {
  /** Stable code ("P01", "427"); ties fall back to it in natural order. */
  readonly code: string;
  readonly cost: Rational;
}

export interface Poll {
  readonly ballot: BallotType;
  readonly budget: Rational;
  readonly options: readonly PollOption[];
  /** approval/budget/ranked: how many options a ballot may list. ranked: maxOptions is k. */
  readonly minOptions?: number;
  readonly maxOptions?: number;
  /** budget ballots: the least share (0..1) of the budget a ballot must spend. */
  readonly minBudgetShare?: Rational;
  /** points ballots: P points in all, at most M on one option. */
  readonly totalPoints?: number;
  readonly maxPointsPerOption?: number;
}

/** One choice: an option code, with points for points ballots. Ranked ballots list choices best first. */
export interface Choice {
  readonly code: string;
  readonly points?: number;
}

export interface Ballot {
  readonly voterId: string;
  readonly choices: readonly Choice[];
}
