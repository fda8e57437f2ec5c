import type { AppLoadContext } from "@remix-run/node";
import type { User } from "../../db/schema";
import { emailChangeRequest } from "../domain/email-confirmation";
import { getLocale } from "../i18n/locale.server";
import { recordAudit } from "../models/audit.server";
import {
  queueEmailVerification,
  requestEmailChange,
  resendEmailVerification,
  type AccountMailLinks,
} from "../models/email-confirmations.server";
import { createUser } from "../models/users.server";
import { recheckPassword } from "./password-recheck.server";
import { appOrigin, verifyEmailUrl } from "./urls.server";
import { mailUnavailable } from "./mail-config.server";

// The page's and the API's shared steps for an account's own address (decision 021).

export function accountMailLinks(request: Request, context: AppLoadContext): AccountMailLinks {
  const origin = appOrigin(request, context);
  return {
    verifyUrl: (token) => verifyEmailUrl(request, context, token),
    signInUrl: `${origin}/login`,
    resetUrl: `${origin}/forgot-password`,
  };
}

/** Creates the account in the language the person is using, with its verification mail in the same transaction. */
export async function signUp(
  request: Request,
  context: AppLoadContext,
  input: { name: string; email: string; password: string },
): Promise<User | null> {
  const { verifyUrl } = accountMailLinks(request, context);
  return createUser(context.db, { ...input, locale: getLocale(request) }, (tx, user) =>
    // A new account belongs to no district yet: the mail is signed with the product alone.
    queueEmailVerification(tx, user, { verifyUrl, districtName: null }),
  );
}

export type AccountMailRefusal =
  | { ok: false; reason: "mail_unavailable" | "already_verified" | "same_address" | "wrong_password" }
  | { ok: false; reason: "rate_limited"; waitMs: number };

/** Re-sends the verification link, a few times an hour per account. */
export async function askToResendVerification(
  request: Request,
  context: AppLoadContext,
  user: User,
): Promise<{ ok: true } | AccountMailRefusal> {
  if (mailUnavailable(context)) return { ok: false, reason: "mail_unavailable" };
  if (user.emailVerifiedAt) return { ok: false, reason: "already_verified" };
  const limiter = context.accountMailLimiter.verification;
  const waitMs = limiter.retryAfter(user.id);
  if (waitMs > 0) return { ok: false, reason: "rate_limited", waitMs };
  limiter.hit(user.id);
  await resendEmailVerification(context.db, user, accountMailLinks(request, context));
  await recordAudit(context.db, {
    action: "user.email_verification_sent",
    actorId: user.id,
    ip: context.clientAddress,
  });
  return { ok: true };
}

/**
 * Asks to move the account to another address, after the password again. The answer is the same
 * whether or not another account uses the address (requestEmailChange mails that account instead).
 * Every attempt counts against the account's hourly limit, and a wrong password against the sign-in
 * limit too (recheckPassword).
 */
export async function askToChangeEmail(
  request: Request,
  context: AppLoadContext,
  user: User,
  input: { email: string; password: string },
): Promise<{ ok: true; email: string } | AccountMailRefusal> {
  if (mailUnavailable(context)) return { ok: false, reason: "mail_unavailable" };
  const change = emailChangeRequest(user.email, input.email);
  if (change.kind === "same_address") return { ok: false, reason: "same_address" };
  const limiter = context.accountMailLimiter.change;
  const waitMs = limiter.retryAfter(user.id);
  if (waitMs > 0) return { ok: false, reason: "rate_limited", waitMs };
  limiter.hit(user.id);
  const checked = await recheckPassword(context, user, input.password);
  if (!checked.ok) return checked;
  await requestEmailChange(context.db, user, change.email, accountMailLinks(request, context));
  await recordAudit(context.db, { action: "user.email_change_requested", actorId: user.id, ip: context.clientAddress });
  return { ok: true, email: change.email };
}
