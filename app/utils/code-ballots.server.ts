import type { AppLoadContext } from "@remix-run/node";
import type { PollOptionRow } from "../../db/schema";
import { normalizeAccessCode } from "../domain/access-codes";
import { choicesFrom, votingPoll } from "../domain/polls";
import { stakeholderGroups, type StakeholderGroup } from "../domain/roles";
import { validateBallot, type BallotError } from "../domain/voting";
import { castCodeBallot, retriedReceipt } from "../models/access-codes.server";
import { pollOptionsOf } from "../models/polls.server";
import type { CodeAccess, CodeOutcome } from "../models/resource-access.server";
import { authorizeCode } from "./authorize.server";
import { districtSchools } from "./polls-api.server";

/** Refusals of the code itself: unknown, spent, for a vote not open now or not to that group, or too many tries. */
export type CodeProblem =
  | { ok: false; reason: "rate_limited"; retryAfterMs: number }
  | { ok: false; reason: "invalid_code" | "used" | "not_open" | "not_eligible" };

/** Refusals of the ballot a valid code opened. */
export type BallotProblem =
  | { ok: false; reason: "group_required" | "shape" | "school" }
  | { ok: false; reason: "invalid"; errors: BallotError[] };

export type CodeRefusal = CodeProblem | BallotProblem;

export type OpenedBallot = {
  ok: true;
  access: CodeAccess;
  options: PollOptionRow[];
  schools: { id: string; name: string }[];
};

/**
 * A code as typed, through the rate limit and the policy. Only codes that match nothing
 * count against the caller's address: a spent code or a closed vote is a real code's
 * answer, and 50 people sharing one school's connection mistype now and then.
 */
async function lookUp(
  context: AppLoadContext,
  typed: string,
  group: StakeholderGroup | null,
): Promise<CodeOutcome | Extract<CodeProblem, { reason: "rate_limited" }>> {
  const limiter = context.codeLimiter;
  const wait = limiter.retryAfter(context.clientAddress);
  if (wait > 0) return { ok: false, reason: "rate_limited", retryAfterMs: wait };
  const code = normalizeAccessCode(typed);
  const outcome: CodeOutcome = code ? await authorizeCode(context, code, group) : { ok: false, reason: "unknown" };
  if (!outcome.ok && outcome.reason === "unknown") limiter.hit(context.clientAddress);
  return outcome;
}

type LookUp = Awaited<ReturnType<typeof lookUp>>;

function refusal(outcome: Exclude<LookUp, { ok: true }>): CodeProblem {
  if (outcome.reason === "rate_limited") return outcome;
  return { ok: false, reason: outcome.reason === "unknown" ? "invalid_code" : outcome.reason };
}

/** A spent code, sent again with the client token of the ballot it stored (its answer was lost): that receipt. */
async function retried(outcome: LookUp, context: AppLoadContext, clientToken: string | null) {
  if (outcome.ok || outcome.reason !== "used" || !clientToken) return null;
  return retriedReceipt(context.db, outcome.access.code.id, clientToken);
}

/**
 * What a code opens: its poll's ballot, for the /vote page's second step; or, to the one
 * who already cast it (same client token), that ballot's receipt.
 */
export async function openCodeBallot(
  context: AppLoadContext,
  typed: string,
  clientToken: string | null = null,
): Promise<OpenedBallot | { ok: true; receipt: string } | CodeProblem> {
  const outcome = await lookUp(context, typed, null);
  const receipt = await retried(outcome, context, clientToken);
  if (receipt) return { ok: true, receipt };
  if (!outcome.ok) return refusal(outcome);
  const { poll, district } = outcome.access;
  const [options, schools] = await Promise.all([
    pollOptionsOf(context.db, poll.id),
    districtSchools(context, district.id),
  ]);
  return { ok: true, access: outcome.access, options, schools };
}

const asGroup = (value: string | null): StakeholderGroup | null =>
  value !== null && (stakeholderGroups as readonly string[]).includes(value) ? (value as StakeholderGroup) : null;

/**
 * Casts the one ballot a code opens: the path the /vote page and `POST /api/v1/vote`
 * share. Checked exactly as a member's ballot is (`validateBallot`), plus the voter's group.
 */
export async function submitCodeBallot(
  context: AppLoadContext,
  typed: string,
  input: { choices: unknown; group: string | null; school: string | null; clientToken: string | null },
): Promise<{ ok: true; receipt: string } | CodeRefusal> {
  const outcome = await lookUp(context, typed, asGroup(input.group));
  const receipt = await retried(outcome, context, input.clientToken);
  if (receipt) return { ok: true, receipt };
  if (!outcome.ok) return refusal(outcome);
  const { poll, code, district, group } = outcome.access;
  if (group === null) return { ok: false, reason: "group_required" };
  const choices = choicesFrom(poll.ballot, input.choices);
  if (!choices) return { ok: false, reason: "shape" };
  const options = await pollOptionsOf(context.db, poll.id);
  const check = validateBallot(votingPoll(poll.budget, poll.ballot, options), choices);
  if (!check.ok) return { ok: false, reason: "invalid", errors: check.errors };
  if (input.school !== null) {
    const schools = await districtSchools(context, district.id);
    if (!schools.some((s) => s.id === input.school)) return { ok: false, reason: "school" };
  }
  return castCodeBallot(context.db, {
    pollId: poll.id,
    codeId: code.id,
    choices: choices.map((c) => (c.points === undefined ? { code: c.code } : { code: c.code, points: c.points })),
    group,
    schoolId: input.school,
    clientToken: input.clientToken,
  });
}
