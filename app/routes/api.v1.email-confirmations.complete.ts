import { json, type ActionFunctionArgs } from "@remix-run/node";
import { confirmationTokenSchema } from "../domain/validation";
import { recordAudit } from "../models/audit.server";
import { confirmEmail } from "../models/email-confirmations.server";
import { apiError, methodNotAllowed, readJson } from "../utils/api.server";

// The token travels in the body here, not the path: API clients' own logs keep paths.

export const loader = () => methodNotAllowed(["POST"]);

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const { token } = await readJson(request, confirmationTokenSchema);
  const result = await confirmEmail(context.db, token);
  if (!result.ok) {
    return result.reason === "taken"
      ? apiError(409, "email_taken", "Another account uses this address now, so this account stays at its old one.")
      : apiError(404, "invalid_confirmation_token", "This link was already used, has expired, or is not valid.");
  }
  await recordAudit(context.db, {
    action: result.purpose === "verify" ? "user.email_verified" : "user.email_changed",
    actorId: result.userId,
    ip: context.clientAddress,
  });
  return json({ purpose: result.purpose, email: result.email });
}
