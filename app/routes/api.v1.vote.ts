import { json, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { apiError, methodNotAllowed, readJson } from "../utils/api.server";
import { submitCodeBallot, type CodeRefusal } from "../utils/code-ballots.server";
import { ballotRejected } from "../utils/polls-api.server";

export const loader = () => methodNotAllowed(["POST"]);

const bodySchema = z.object({
  code: z.string().min(1).max(100),
  choices: z.unknown(),
  group: z.string().min(1).max(50).optional(),
  school: z.string().min(1).max(200).optional(),
  clientToken: z.string().min(1).max(200).optional(),
});

/** A ballot cast with a one-time access code, without an account (docs/api.md, "Voting with a code"). */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const body = await readJson(request, bodySchema);
  const outcome = await submitCodeBallot(context, body.code, {
    choices: body.choices,
    group: body.group ?? null,
    school: body.school ?? null,
    clientToken: body.clientToken ?? null,
  });
  if (!outcome.ok) return refusal(outcome);
  return json({ receipt: outcome.receipt });
}

function refusal(r: CodeRefusal): Response {
  switch (r.reason) {
    case "rate_limited": {
      const seconds = Math.ceil(r.retryAfterMs / 1000);
      const res = apiError(429, "rate_limited", "Too many codes that do not work came from this address; try later.");
      res.headers.set("Retry-After", String(seconds));
      return res;
    }
    case "invalid_code":
      // One answer for a code that never existed and one mistyped: nothing to tell them apart.
      return apiError(404, "invalid_code", "This code is not valid.");
    case "used":
      return apiError(410, "code_used", "This code has already been used to vote; each code opens one ballot.");
    case "not_open":
      return apiError(409, "not_open", "This vote is not open, so no ballot can be cast.");
    case "not_eligible":
      return apiError(403, "not_eligible", "This vote is not open to that stakeholder group.");
    case "group_required":
      return apiError(422, "group_required", "Say the voter's stakeholder group (`group`).");
    case "shape":
      return apiError(422, "invalid_choices", "Send a list of option codes, or points by option code.");
    case "school":
      return apiError(422, "unknown_school", "Choose one of the district's schools.");
    case "invalid":
      return ballotRejected(r.errors);
  }
}
