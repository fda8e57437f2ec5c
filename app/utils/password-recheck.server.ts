import type { AppLoadContext } from "@remix-run/node";
import type { User } from "../../db/schema";
import { verifyCredentials } from "../models/users.server";

export type PasswordRecheck =
  { ok: true } | { ok: false; reason: "wrong_password" } | { ok: false; reason: "rate_limited"; waitMs: number };

/**
 * The password asked again before an account-wide change (a new password, a new address,
 * deletion): a session left open on a shared computer must not be enough. Wrong passwords count
 * against the sign-in limit for the address, so no such form is a second way to guess it.
 */
export async function recheckPassword(context: AppLoadContext, user: User, password: string): Promise<PasswordRecheck> {
  const email = user.email.toLowerCase();
  const { byEmail } = context.loginLimiter;
  const waitMs = byEmail.retryAfter(email);
  if (waitMs > 0) return { ok: false, reason: "rate_limited", waitMs };
  if (await verifyCredentials(context.db, email, password)) {
    // As a sign-in does: the right password clears the earlier misses.
    byEmail.reset(email);
    return { ok: true };
  }
  byEmail.hit(email);
  return { ok: false, reason: "wrong_password" };
}
