import type { AppLoadContext } from "@remix-run/node";
import { recordAudit } from "../models/audit.server";
import { requestPasswordReset } from "../models/password-resets.server";
import { normalizeEmail } from "../models/users.server";
import { passwordResetUrl } from "./urls.server";

/**
 * The page's and the API's way to ask for a reset link: limited per address and per client,
 * counted whether or not the address has an account, so neither the answer nor the limit
 * tells who has one. Resolves to the wait in milliseconds when limited, else 0.
 */
export async function askForResetLink(request: Request, context: AppLoadContext, rawEmail: string): Promise<number> {
  const email = normalizeEmail(rawEmail);
  const { byEmail, byAddress } = context.resetLimiter;
  const wait = Math.max(byEmail.retryAfter(email), byAddress.retryAfter(context.clientAddress));
  if (wait > 0) return wait;
  byEmail.hit(email);
  byAddress.hit(context.clientAddress);
  await requestPasswordReset(context.db, {
    email,
    resetUrl: (token) => passwordResetUrl(request, context, token),
  });
  await recordAudit(context.db, { action: "password.reset_requested", ip: context.clientAddress, data: { email } });
  return 0;
}
