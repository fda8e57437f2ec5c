/** Session lifetime rules, after Lucia's guide: 30 days, extended when used in its second half. */
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
const RENEW_WHEN_REMAINING_MS = SESSION_LIFETIME_MS / 2;

export type SessionCheck = { kind: "expired" } | { kind: "valid"; renewTo: Date | null };

/** Decides whether a stored session is still valid and whether to push its expiry out. */
export function checkSession(expiresAt: Date, now: Date): SessionCheck {
  const remaining = expiresAt.getTime() - now.getTime();
  if (remaining <= 0) return { kind: "expired" };
  if (remaining < RENEW_WHEN_REMAINING_MS) {
    return { kind: "valid", renewTo: new Date(now.getTime() + SESSION_LIFETIME_MS) };
  }
  return { kind: "valid", renewTo: null };
}

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;
