import { json, type ActionFunctionArgs } from "@remix-run/node";
import { forgotPasswordSchema } from "../domain/validation";
import { apiError, methodNotAllowed, readJson } from "../utils/api.server";
import { askForResetLink } from "../utils/password-reset.server";
import { mailUnavailable } from "../utils/mail-config.server";

export const loader = () => methodNotAllowed(["POST"]);

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  if (mailUnavailable(context)) {
    return apiError(
      503,
      "mail_not_configured",
      "This district has not configured e-mail, so reset links cannot be sent.",
    );
  }
  const { email } = await readJson(request, forgotPasswordSchema);
  const wait = await askForResetLink(request, context, email);
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60000);
    return apiError(429, "rate_limited", `Too many reset requests; try again in ${minutes} minutes.`);
  }
  // The same answer whether or not an account uses the address.
  return json(
    { message: "If an account uses this address, a message with a reset link is on its way." },
    { status: 202 },
  );
}
