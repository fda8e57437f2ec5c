/** An outbox row's life: queued until sent, or given up on (failed) or refused by the server (bounced). */
export const mailStates = ["queued", "sent", "failed", "bounced"] as const;
export type MailState = (typeof mailStates)[number];

/** What a message is for. */
export const mailKinds = [
  "password_reset",
  "email_verification",
  "email_change",
  "invitation",
  "notification",
  "digest",
] as const;
export type MailKind = (typeof mailKinds)[number];

/** Attempts before a message counts as failed: with the back-off below, about a day and a half. */
export const MAX_MAIL_ATTEMPTS = 16;

/**
 * How long to wait before attempt `attempts + 1`: doubling from `baseMs`, capped at six hours,
 * so a mail server that is down for an afternoon is not hammered and still gets the mail that evening.
 */
export function retryDelayMs(attempts: number, baseMs = 30_000): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60 * 1000);
}

/** How often a person wants notification mail (mentions, replies, votes opening). */
export const mailNotificationModes = ["immediate", "daily", "never"] as const;
export type MailNotificationMode = (typeof mailNotificationModes)[number];

/** What an e-mail confirmation link confirms: the address given at sign-up, or a new one. */
export const emailConfirmationPurposes = ["verify", "change"] as const;
export type EmailConfirmationPurpose = (typeof emailConfirmationPurposes)[number];
