import type { AppLoadContext } from "@remix-run/node";
import { choicesFrom, votingPoll } from "../domain/polls";
import { validateBallot, type BallotError } from "../domain/voting";
import { castBallot, pollOptionsOf } from "../models/polls.server";
import type { Granted } from "./authorize.server";
import { districtSchools } from "./polls-api.server";

export type BallotRefusal =
  | { ok: false; reason: "not_found" | "not_eligible" | "not_open" | "shape" | "school" }
  | { ok: false; reason: "invalid"; errors: BallotError[] };

/**
 * Casts (or replaces) a member's ballot: the one path the API and the ballot page share.
 * `access` is what the caller's authorization of the poll granted (it has read the poll
 * and the membership once); eligibility and the poll's state are the policy's answer to
 * "vote" on it. Each choice is checked against the poll's rules before anything is stored.
 */
export async function submitBallot(
  context: AppLoadContext,
  access: Granted<{ kind: "poll"; id: string }>,
  input: { choices: unknown; clientToken: string | null; school: string | null },
): Promise<{ ok: true; receipt: string } | BallotRefusal> {
  const decision = access.decision("vote");
  if (decision === "not_member") return { ok: false, reason: "not_found" };
  // A member who may not vote learns which of the two it is: not invited, or not open now.
  if (decision !== "allowed") return { ok: false, reason: decision === "forbidden" ? "not_eligible" : "not_open" };
  const { poll, membership, district } = access;
  const userId = membership.userId;
  const choices = choicesFrom(poll!.ballot, input.choices);
  if (!choices) return { ok: false, reason: "shape" };
  const options = await pollOptionsOf(context.db, poll!.id);
  const check = validateBallot(votingPoll(poll!.budget, poll!.ballot, options), choices);
  if (!check.ok) return { ok: false, reason: "invalid", errors: check.errors };
  if (input.school !== null) {
    const schools = await districtSchools(context, district.id);
    if (!schools.some((s) => s.id === input.school)) return { ok: false, reason: "school" };
  }
  const cast = await castBallot(context.db, {
    pollId: poll!.id,
    voterId: userId,
    choices: choices.map((c) => (c.points === undefined ? { code: c.code } : { code: c.code, points: c.points })),
    clientToken: input.clientToken,
    group: membership.stakeholderGroup,
    schoolId: input.school,
  });
  return cast.ok ? cast : { ok: false, reason: "not_open" };
}
