import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { submitBallot, type BallotRefusal } from "../utils/ballots.server";
import { apiError, methodNotAllowed, notFoundError, readJson } from "../utils/api.server";
import { apiAuthorize } from "../utils/authorize.server";
import { myBallot } from "../models/polls.server";
import { ballotRejected } from "../utils/polls-api.server";

/** My ballot in this poll, if I have cast one: the only ballot anyone can read with its voter. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { poll, auth } = await apiAuthorize(request, context, { kind: "poll", id: params.poll ?? "" }, "read");
  const mine = await myBallot(context.db, poll!.id, auth.user.id);
  return json({
    choices: mine ? shownChoices(poll!.ballot.type, mine.choices) : null,
    receipt: mine?.receipt ?? null,
    submittedAt: mine?.submittedAt.toISOString() ?? null,
  });
}

const bodySchema = z.object({
  choices: z.unknown(),
  clientToken: z.string().min(1).max(200).optional(),
  school: z.string().min(1).max(200).optional(),
});

export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "PUT") return methodNotAllowed(["GET", "PUT"]);
  // Found and visible first: a non-member learns nothing from how their body is judged.
  const access = await apiAuthorize(request, context, { kind: "poll", id: params.poll ?? "" }, "read");
  const body = await readJson(request, bodySchema);
  const outcome = await submitBallot(context, access, {
    choices: body.choices,
    clientToken: body.clientToken ?? null,
    school: body.school ?? null,
  });
  if (!outcome.ok) return refusal(outcome);
  return json({ receipt: outcome.receipt });
}

function refusal(r: BallotRefusal): Response {
  switch (r.reason) {
    case "not_found":
      return notFoundError();
    case "not_eligible":
      return apiError(403, "not_eligible", "Your role or group is not among those invited to this vote.");
    case "not_open":
      return apiError(409, "not_open", "This vote is not open, so no ballot can be cast.");
    case "shape":
      return apiError(422, "invalid_choices", "Send a list of option codes, or points by option code.");
    case "school":
      return apiError(422, "unknown_school", "Choose one of the district's schools.");
    case "invalid":
      return ballotRejected(r.errors);
  }
}

/** Choices the way they were sent: codes, or points by code. */
function shownChoices(type: string, choices: { code: string; points?: number }[]) {
  return type === "points"
    ? Object.fromEntries(choices.map((c) => [c.code, c.points ?? 0]))
    : choices.map((c) => c.code);
}
