import { json, type AppLoadContext } from "@remix-run/node";
import type { User } from "../../db/schema";
import { emailChangeSchema, fieldErrors } from "../domain/validation";
import type { EmailSectionResult, EmailSectionState } from "../features/account/email-section";
import { pendingEmailChange } from "../models/email-confirmations.server";
import { askToChangeEmail, askToResendVerification, type AccountMailRefusal } from "./account-email.server";
import { mailUnavailable } from "./mail-config.server";

/** The Account page's e-mail section, as its loader hands it over. */
export async function emailSectionState(context: AppLoadContext, user: User): Promise<EmailSectionState> {
  return {
    email: user.email,
    verified: user.emailVerifiedAt !== null,
    pendingEmail: await pendingEmailChange(context.db, user.id),
    mailUnavailable: mailUnavailable(context),
  };
}

/** The e-mail section's forms, for the Account page's action: a Response for its intents, null for others. */
export async function handleEmailIntent(
  request: Request,
  context: AppLoadContext,
  user: User,
  values: Record<string, string | undefined>,
): Promise<Response | null> {
  const intent = values.intent ?? "";
  if (intent === "resend-verification") {
    const result = await askToResendVerification(request, context, user);
    if (!result.ok) return refusal(intent, result);
    return json<EmailSectionResult>({ intent, success: "account.emailResent", params: { email: user.email } });
  }
  if (intent === "change-email") {
    const parsed = emailChangeSchema.safeParse(values);
    if (!parsed.success)
      return json<EmailSectionResult>({ intent, fields: fieldErrors(parsed.error) }, { status: 400 });
    const result = await askToChangeEmail(request, context, user, parsed.data);
    if (!result.ok) return refusal(intent, result);
    // The same answer whether or not another account uses the address.
    return json<EmailSectionResult>({ intent, success: "account.emailChangeSent", params: { email: result.email } });
  }
  return null;
}

function refusal(intent: string, refusal: AccountMailRefusal): Response {
  switch (refusal.reason) {
    case "rate_limited":
      return json<EmailSectionResult>(
        { intent, formError: "auth.tooManyAttempts", params: { minutes: Math.ceil(refusal.waitMs / 60000) } },
        { status: 429 },
      );
    case "mail_unavailable":
      return json<EmailSectionResult>({ intent, formError: "account.emailMailUnavailable" }, { status: 503 });
    case "already_verified":
      return json<EmailSectionResult>({ intent, formError: "account.emailAlreadyVerified" }, { status: 409 });
    case "wrong_password":
      return json<EmailSectionResult>(
        { intent, fields: { password: "account.currentPasswordWrong" } },
        { status: 400 },
      );
    case "same_address":
      return json<EmailSectionResult>({ intent, fields: { email: "account.emailSame" } }, { status: 400 });
  }
}
