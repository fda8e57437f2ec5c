import { apiError } from "./api.server";
import { translateMessages } from "./api-messages.server";
import type { AccountMailRefusal } from "./account-email.server";

/** The API's answer to a refused verification re-send or address change (field messages in English, as everywhere in the API). */
export function accountMailRefusal(refusal: AccountMailRefusal): Response {
  switch (refusal.reason) {
    case "mail_unavailable":
      return apiError(503, "mail_not_configured", "This district has not configured e-mail, so links cannot be sent.");
    case "rate_limited":
      return apiError(
        429,
        "rate_limited",
        `Too many requests; try again in ${Math.ceil(refusal.waitMs / 60000)} minutes.`,
      );
    case "wrong_password":
      return apiError(422, "validation_failed", "Some fields are not valid.", {
        fields: translateMessages({ password: "account.currentPasswordWrong" }),
      });
    case "same_address":
      return apiError(422, "validation_failed", "Some fields are not valid.", {
        fields: translateMessages({ email: "account.emailSame" }),
      });
    case "already_verified":
      return apiError(409, "already_verified", "This account's address is verified already.");
  }
}
