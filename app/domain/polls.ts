import type { StakeholderGroup, WorkspaceRole } from "./roles";
import { parseDecimal, rat, type Rational } from "./voting/rational";
import type { Choice, Poll } from "./voting/types";

/** How a ballot is filled in, with its limits (the API's `ballot` object, docs/api.md). */
export type BallotRules =
  | { type: "budget"; minOptions?: number; maxOptions?: number; minSpendShare?: number }
  | { type: "approval"; minOptions?: number; maxOptions: number }
  | { type: "points"; points: number; maxPerOption?: number }
  | { type: "ranked"; maxRanked: number };

export const pollStates = ["draft", "open", "closed", "published"] as const;
export type PollState = (typeof pollStates)[number];

export type PollSchedule = {
  state: PollState;
  opensAt: Date | null;
  closesAt: Date | null;
};

/**
 * The state a poll is in at `now`: the stored state moved on by its schedule. Reading it
 * this way (rather than a timer) makes opening and closing happen on time in every
 * process, after a restart too; writes store it when they next touch the poll.
 */
export function pollStateAt(poll: PollSchedule, now: Date): PollState {
  const due = (at: Date | null) => at !== null && at.getTime() <= now.getTime();
  if (poll.state === "draft" && due(poll.opensAt)) return due(poll.closesAt) ? "closed" : "open";
  if (poll.state === "open" && due(poll.closesAt)) return "closed";
  return poll.state;
}

/** Moves by hand: draft → open → closed → published, one step at a time. */
export function canMoveTo(from: PollState, to: PollState): boolean {
  const order = pollStates.indexOf(from);
  return pollStates.indexOf(to) === order + 1;
}

export type Eligibility = {
  eligibleRoles: readonly WorkspaceRole[] | null;
  eligibleGroups: readonly StakeholderGroup[] | null;
};

/** Who may vote: by role and by stakeholder group; null lists mean everyone. */
export function isEligible(rules: Eligibility, voter: { role: WorkspaceRole; group: StakeholderGroup | null }) {
  const roleOk = rules.eligibleRoles === null || rules.eligibleRoles.includes(voter.role);
  const groupOk = rules.eligibleGroups === null || (voter.group !== null && rules.eligibleGroups.includes(voter.group));
  return roleOk && groupOk;
}

/** A decimal amount from the database or a form ("1500", "1500.50"). */
export function money(text: string): Rational {
  const value = parseDecimal(text);
  if (!value) throw new Error(`not a decimal amount: ${text}`);
  return value;
}

/** The tally engine's view of a poll: its rules and its options' exact costs. */
export function votingPoll(
  budget: string,
  rules: BallotRules,
  options: readonly { code: string; cost: string }[],
): Poll {
  const base = { budget: money(budget), options: options.map((o) => ({ code: o.code, cost: money(o.cost) })) };
  switch (rules.type) {
    case "budget":
      return {
        ...base,
        ballot: "budget",
        minOptions: rules.minOptions,
        maxOptions: rules.maxOptions,
        minBudgetShare:
          rules.minSpendShare === undefined ? undefined : rat(Math.round(rules.minSpendShare * 10_000), 10_000),
      };
    case "approval":
      return { ...base, ballot: "approval", minOptions: rules.minOptions, maxOptions: rules.maxOptions };
    case "points":
      return { ...base, ballot: "points", totalPoints: rules.points, maxPointsPerOption: rules.maxPerOption };
    case "ranked":
      return { ...base, ballot: "ranked", minOptions: 1, maxOptions: rules.maxRanked };
  }
}

/**
 * A ballot's choices from what a voter sent: a list of codes (budget, approval; ranked
 * best first) or a map of code → points (points). Null when the shape does not fit the
 * ballot type; the values themselves are checked by `validateBallot`.
 */
export function choicesFrom(rules: BallotRules, sent: unknown): Choice[] | null {
  if (rules.type === "points") {
    if (typeof sent !== "object" || sent === null || Array.isArray(sent)) return null;
    const entries = Object.entries(sent as Record<string, unknown>);
    if (entries.some(([, p]) => typeof p !== "number")) return null;
    // Zero points is no choice: a form sends every option's field.
    return entries.filter(([, p]) => p !== 0).map(([code, points]) => ({ code, points: points as number }));
  }
  if (!Array.isArray(sent) || sent.some((c) => typeof c !== "string")) return null;
  return (sent as string[]).map((code) => ({ code }));
}

/** Short codes for options made in the app: P1, P2, … (Pabulib imports keep their project ids). */
export const optionCode = (index: number) => `P${index + 1}`;
