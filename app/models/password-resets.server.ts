import { and, eq, gt, isNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { passwordResetTokens } from "../../db/schema";
import { passwordResetMail } from "../mail/password-reset.server";
import { generateToken, hashToken } from "../utils/tokens.server";
import { revokeAllApiTokens } from "./api-tokens.server";
import { firstDistrictName } from "./districts.server";
import { enqueueMail } from "./mail-outbox.server";
import { invalidateUserSessions } from "./sessions.server";
import { findUserByEmail, setPassword } from "./users.server";

/** A reset link works for an hour: long enough to find the mail, short if the mailbox is read by someone else. */
export const RESET_TOKEN_LIFETIME_MS = 60 * 60 * 1000;

/**
 * Queues a reset link for the account using `email`, if there is one; the caller answers the
 * same either way. Token and mail are stored together: an answered request's mail is not lost.
 */
export async function requestPasswordReset(
  db: Database,
  input: { email: string; resetUrl: (token: string) => string },
): Promise<void> {
  const user = await findUserByEmail(db, input.email);
  if (!user) return;
  const token = generateToken();
  const districtName = await firstDistrictName(db, user.id);
  await db.transaction(async (tx) => {
    await tx.insert(passwordResetTokens).values({
      id: hashToken(token),
      userId: user.id,
      expiresAt: new Date(Date.now() + RESET_TOKEN_LIFETIME_MS),
    });
    // In the account's language, not the asker's browser's: the mail is for the account's owner.
    const mail = passwordResetMail(user.locale, { name: user.name, url: input.resetUrl(token), districtName });
    await enqueueMail(tx, { to: user.email, locale: user.locale, kind: "password_reset", ...mail });
  });
}

/** Whether a reset token can still be used (the form is shown only then). */
export async function isResetTokenValid(db: Database, token: string): Promise<boolean> {
  const [row] = await db.select({ id: passwordResetTokens.id }).from(passwordResetTokens).where(usable(token));
  return Boolean(row);
}

/**
 * Sets a new password with a token, once: the token is spent by the same statement that
 * checks it, so two submissions cannot both pass. Every session, API token and other reset
 * link of the account ends with it — whoever had the old password is out.
 */
export async function resetPassword(db: Database, token: string, password: string): Promise<string | null> {
  return db.transaction(async (tx) => {
    const [spent] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: new Date() })
      .where(usable(token))
      .returning({ userId: passwordResetTokens.userId });
    if (!spent) return null;
    await setPassword(tx, spent.userId, password);
    await invalidateUserSessions(tx, spent.userId);
    await revokeAllApiTokens(tx, spent.userId);
    await tx
      .delete(passwordResetTokens)
      .where(and(eq(passwordResetTokens.userId, spent.userId), isNull(passwordResetTokens.usedAt)));
    return spent.userId;
  });
}

const usable = (token: string) =>
  and(
    eq(passwordResetTokens.id, hashToken(token)),
    isNull(passwordResetTokens.usedAt),
    gt(passwordResetTokens.expiresAt, new Date()),
  );
