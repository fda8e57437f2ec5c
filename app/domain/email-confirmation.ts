import type { EmailConfirmationPurpose } from "./mail";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long a confirmation link works. Verifying the sign-up address is harmless if late, so a
 * week lets people find the mail; moving an account to a new address is a takeover path, so a day.
 */
const EMAIL_CONFIRMATION_LIFETIME_MS: Record<EmailConfirmationPurpose, number> = {
  verify: 7 * DAY_MS,
  change: DAY_MS,
};

/** Verification mails one account may ask to be re-sent per hour (each goes to its own address). */
export const VERIFICATION_RESENDS_PER_HOUR = 3;
/** Address-change attempts per account per hour, wrong passwords included: each sends mail to a typed address, and the password must not be guessable here. */
export const EMAIL_CHANGES_PER_HOUR = 5;

/** When a link made at `createdAt` for `purpose` stops working. */
export function confirmationExpiry(purpose: EmailConfirmationPurpose, createdAt: Date): Date {
  return new Date(createdAt.getTime() + EMAIL_CONFIRMATION_LIFETIME_MS[purpose]);
}

type EmailChangeRequest = { kind: "same_address" } | { kind: "send"; email: string };

/**
 * What asking to move to `requested` means for an account at `current` (both already valid
 * addresses): the same address changes nothing, anything else gets a confirmation link.
 * Whether the new address is taken is deliberately not decided here: the answer must not depend on it.
 */
export function emailChangeRequest(current: string, requested: string): EmailChangeRequest {
  const email = requested.trim().toLowerCase();
  return email === current.trim().toLowerCase() ? { kind: "same_address" } : { kind: "send", email };
}
