import { equalSharesAdd1, equalSharesFixed, type Utilities } from "./equal-shares";
import { greedyFill } from "./greedy";
import { buildProfile } from "./profile";
import { add, divInt, sub, ZERO, toCents, toDecimalString, type Rational } from "./rational";
import type { Ballot, Poll } from "./types";
import { countVotes, type OptionVotes } from "./votes";

export type Rule = "votes" | "greedy" | "equal-shares";
export type Completion = "add1" | "greedy" | "none";

export interface TallyOptions {
  readonly rule: Rule;
  readonly utilities?: Utilities;
  readonly completion?: Completion;
}

/** An amount both exact (decimal text when finite, else rounded) and in whole cents. */
export interface Amount {
  readonly exact: Rational;
  readonly text: string;
  readonly cents: bigint;
}
const amount = (r: Rational): Amount => ({ exact: r, text: toDecimalString(r), cents: toCents(r) });

/** Each option's explanation as data; the UI words it through i18n keys named after `reason`. */
export type OptionOutcome =
  | { code: string; funded: true; votes: number; reason: "fits_in_vote_order"; cost: Amount; leftBefore: Amount }
  | {
      code: string;
      funded: true;
      votes: number;
      reason: "supporters_paid_equally";
      round: number;
      cost: Amount;
      supporters: number;
      /** What each supporter paid; `paidAllLeft` of them had less and paid everything they had. */
      each: Amount;
      paidAllLeft: number;
    }
  | { code: string; funded: true; votes: number; reason: "completion_fits"; cost: Amount; leftBefore: Amount }
  | { code: string; funded: false; votes: number; reason: "does_not_fit"; cost: Amount; leftBefore: Amount }
  | {
      code: string;
      funded: false;
      votes: number;
      reason: "supporters_cannot_pay";
      cost: Amount;
      supportersLeft: Amount;
    }
  | { code: string; funded: false; votes: number; reason: "no_supporters"; cost: Amount };

export interface TallyResult {
  readonly rule: Rule;
  /** Words for the rule as a key + values the UI translates, e.g. "equal-shares.add1". */
  readonly explanation: { key: string; share?: Amount; add1Steps?: number; utilities?: Utilities };
  readonly votes: OptionVotes[];
  /** Funded option codes in the order they were funded. */
  readonly funded: string[];
  readonly spent: Amount;
  readonly options: OptionOutcome[];
  /** What a voter's share paid for (equal shares); empty for other rules or unknown voters. */
  readonly paidBy: (voterId: string) => { code: string; amount: Amount }[];
}

export function tally(poll: Poll, ballots: readonly Ballot[], opts: TallyOptions): TallyResult {
  const votes = countVotes(poll, ballots);
  const profile = buildProfile(poll, ballots);
  const code = (i: number) => poll.options[i]!.code;
  const none = () => [];

  if (opts.rule === "votes") {
    return {
      rule: "votes",
      explanation: { key: "votes" },
      votes,
      funded: [],
      spent: amount(ZERO),
      options: [],
      paidBy: none,
    };
  }

  if (opts.rule === "greedy") {
    const g = greedyFill(profile, poll.budget);
    return {
      rule: "greedy",
      explanation: { key: "greedy" },
      votes,
      funded: g.funded.map(code),
      spent: amount(g.spent),
      options: g.steps.map((s) =>
        s.status === "funded"
          ? {
              code: s.code,
              funded: true,
              votes: s.votes,
              reason: "fits_in_vote_order",
              cost: amount(s.cost),
              leftBefore: amount(s.remainingBefore),
            }
          : {
              code: s.code,
              funded: false,
              votes: s.votes,
              reason: "does_not_fit",
              cost: amount(s.cost),
              leftBefore: amount(s.remainingBefore),
            },
      ),
      paidBy: none,
    };
  }

  const utilities = opts.utilities ?? "cost";
  const completion = opts.completion ?? "add1";
  const n = Math.max(profile.voters, 1);
  const { run, steps } =
    completion === "add1"
      ? equalSharesAdd1(profile, poll.budget, utilities)
      : { run: equalSharesFixed(profile, divInt(poll.budget, n), utilities), steps: 0 };
  const fundedSet = new Set(run.rounds.map((r) => r.option));
  let spent = run.spent;
  const completed = completion === "greedy" ? greedyFill(profile, sub(poll.budget, run.spent), fundedSet) : null;
  if (completed) spent = add(spent, completed.spent);
  const roundOf = new Map(run.rounds.map((r, i) => [r.option, { ...r, index: i + 1 }]));
  const completionStep = new Map(completed?.steps.filter((s) => s.status === "funded").map((s) => [s.code, s]) ?? []);
  const options: OptionOutcome[] = profile.byVotes.map((i) => {
    const o = poll.options[i]!;
    const v = profile.votes[i]!;
    const r = roundOf.get(i);
    if (r)
      return {
        code: o.code,
        funded: true,
        votes: v,
        reason: "supporters_paid_equally",
        round: r.index,
        cost: amount(o.cost),
        supporters: r.supporters,
        each: amount(r.rho),
        paidAllLeft: r.paidAllLeft,
      };
    const c = completionStep.get(o.code);
    if (c)
      return {
        code: o.code,
        funded: true,
        votes: v,
        reason: "completion_fits",
        cost: amount(o.cost),
        leftBefore: amount(c.remainingBefore),
      };
    if (v === 0) return { code: o.code, funded: false, votes: 0, reason: "no_supporters", cost: amount(o.cost) };
    return {
      code: o.code,
      funded: false,
      votes: v,
      reason: "supporters_cannot_pay",
      cost: amount(o.cost),
      supportersLeft: amount(run.supportersLeft(i)),
    };
  });
  return {
    rule: "equal-shares",
    explanation: { key: `equal-shares.${completion}`, share: amount(run.share), add1Steps: steps, utilities },
    votes,
    funded: [...run.rounds.map((r) => code(r.option)), ...(completed?.funded.map(code) ?? [])],
    spent: amount(spent),
    options,
    paidBy: (voterId) => {
      const s = profile.setOfVoter.get(voterId);
      return s === undefined ? [] : run.paidBySet(s).map((p) => ({ code: code(p.option), amount: amount(p.amount) }));
    },
  };
}
