import type { Translate } from "../i18n/translate";
import { money, votingPoll, type BallotRules } from "./polls";
import type { StakeholderGroup } from "./roles";
import { add, toDecimalString, ZERO } from "./voting/rational";
import { type Completion, type OptionOutcome, type Rule } from "./voting/tally";
import { recentTally } from "./recent-tallies";
import type { Ballot } from "./voting/types";
import type { BallotError } from "./voting/validate-ballot";

/** Groups with fewer ballots than this are not broken out, as small cells of data are not. */
export const MIN_GROUP_BALLOTS = 10;

export type ResultsQuery = { rule: Rule; utility: "cost" | "cardinality"; completion: Completion };

type PollForResults = {
  budget: string;
  ballot: BallotRules;
  options: readonly { code: string; title: string; cost: string }[];
};
type CountedBallot = { receipt: string; choices: Ballot["choices"]; group: StakeholderGroup | null };

/** Amounts for a reader: "$48.20". */
export type Money = (decimal: string) => string;

/** One option's result in words: why it was or was not funded. */
export function explainOutcome(o: OptionOutcome, t: Translate, m: Money): string {
  switch (o.reason) {
    case "fits_in_vote_order":
      return t("results.fitsInVoteOrder", { left: m(o.leftBefore.text) });
    case "supporters_paid_equally":
      return o.paidAllLeft
        ? t("results.paidEquallySome", { supporters: o.supporters, each: m(o.each.text), all: o.paidAllLeft })
        : t("results.paidEqually", { supporters: o.supporters, each: m(o.each.text) });
    case "completion_fits":
      return t("results.completionFits", { left: m(o.leftBefore.text) });
    case "does_not_fit":
      return t("results.doesNotFit", { left: m(o.leftBefore.text), cost: m(o.cost.text) });
    case "supporters_cannot_pay":
      return t("results.supportersCannotPay", { left: m(o.supportersLeft.text), cost: m(o.cost.text) });
    case "no_supporters":
      return t("results.noSupporters");
  }
}

/**
 * A poll's results under one rule, for the API and the results page: options in result
 * order with votes and an explanation each, what was funded, and ballots per group (a
 * group under ten ballots is folded away, never shown alone).
 */
export function pollResults(
  poll: PollForResults,
  counted: readonly CountedBallot[],
  q: ResultsQuery,
  t: Translate,
  m: Money,
  /** The reader's own receipt, if they voted: what their share paid for is theirs to see. */
  receipt: string | null = null,
) {
  const engine = votingPoll(poll.budget, poll.ballot, poll.options);
  const ballots: Ballot[] = counted.map((b) => ({ voterId: b.receipt, choices: b.choices }));
  const result = recentTally(poll, engine, ballots, { rule: q.rule, utilities: q.utility, completion: q.completion });
  const byCode = new Map(poll.options.map((o) => [o.code, o]));
  const votesOf = new Map(result.votes.map((v) => [v.code, v]));
  const outcomes = new Map(result.options.map((o) => [o.code, o]));
  const order = q.rule === "votes" ? result.votes.map((v) => v.code) : result.options.map((o) => o.code);
  const funded = new Set(result.funded);

  const options = order.map((code) => {
    const o = byCode.get(code)!;
    const v = votesOf.get(code)!;
    const outcome = outcomes.get(code);
    return {
      code,
      title: o.title,
      cost: o.cost,
      votes: v.approvals,
      ...(v.points !== undefined ? { points: v.points } : {}),
      ...(v.borda !== undefined ? { borda: v.borda } : {}),
      funded: funded.has(code),
      explanation: outcome ? explainOutcome(outcome, t, m) : t("results.votesOnly", { votes: v.approvals }),
    };
  });
  // Funded options first, in the order they were funded.
  options.sort((a, b) => Number(b.funded) - Number(a.funded));
  const selected = result.funded.map((code) => {
    const o = byCode.get(code)!;
    return { code, title: o.title, cost: o.cost, votes: votesOf.get(code)!.approvals };
  });

  const paid = receipt && counted.some((b) => b.receipt === receipt) ? result.paidBy(receipt) : null;
  return {
    rule: q.rule,
    utility: q.utility,
    completion: q.completion,
    budget: poll.budget,
    ballots: counted.length,
    totalCost: toDecimalString(poll.options.reduce((sum, o) => add(sum, money(o.cost)), ZERO)),
    spent: result.spent.text,
    explanation: t(`results.rule.${ruleKey(q)}` as Parameters<Translate>[0], {
      share: result.explanation.share ? m(result.explanation.share.text) : "",
    }),
    selected,
    options,
    byGroup: ballotsByGroup(counted),
    myShare: paid ? paid.map((p) => ({ code: p.code, title: byCode.get(p.code)!.title, amount: p.amount.text })) : null,
  };
}

const ruleKey = (q: ResultsQuery) => (q.rule === "equal-shares" ? `equalShares.${q.completion}` : q.rule);

/** Ballots per stakeholder group; groups under ten ballots are counted only together, as "other". */
export function ballotsByGroup(counted: readonly { group: StakeholderGroup | null }[]) {
  const counts = new Map<string, number>();
  for (const b of counted) counts.set(b.group ?? "unknown", (counts.get(b.group ?? "unknown") ?? 0) + 1);
  const shown: { group: string; ballots: number }[] = [];
  let hidden = 0;
  for (const [group, n] of counts) {
    if (n >= MIN_GROUP_BALLOTS && group !== "unknown") shown.push({ group, ballots: n });
    else hidden += n;
  }
  // The total is public, so a lone small remainder could be recovered by subtraction:
  // fold the smallest shown groups in until the remainder is none or itself ten or more.
  shown.sort((a, b) => b.ballots - a.ballots || a.group.localeCompare(b.group));
  while (hidden > 0 && hidden < MIN_GROUP_BALLOTS && shown.length) hidden += shown.pop()!.ballots;
  return { groups: shown, other: hidden > 0 ? hidden : null };
}

/** Why a ballot was refused, in words; amounts as money. */
export function ballotErrorMessage(e: BallotError, t: Translate, m: Money): string {
  const vars: Record<string, string | number> = { ...e };
  for (const key of ["budget", "total", "min"] as const)
    if ((e.code === "over_budget" || e.code === "under_min_spend") && key in e) vars[key] = m(String(vars[key]));
  return t(`ballotError.${e.code}`, vars);
}
