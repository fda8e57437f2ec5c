import { and, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { emailConfirmations, passwordResetTokens, users, type User } from "../../db/schema";
import { confirmationExpiry } from "../domain/email-confirmation";
import type { EmailConfirmationPurpose } from "../domain/mail";
import {
  emailChangeConfirmMail,
  emailChangeNoticeMail,
  emailTakenMail,
  emailVerificationMail,
} from "../mail/account-email.server";
import { generateToken, hashToken } from "../utils/tokens.server";
import { enqueueMail } from "./mail-outbox.server";
import { firstDistrictName } from "./districts.server";
import { findUserByEmail } from "./users.server";

/** Where links in account mail point; each builds a URL from the app's public origin. */
export type AccountMailLinks = {
  verifyUrl: (token: string) => string;
  signInUrl: string;
  resetUrl: string;
};

type Recipient = Pick<User, "id" | "name" | "email" | "locale">;

/**
 * Stores a link that confirms `user.email` and queues its mail, in the caller's transaction
 * (sign-up passes its own: the account and its mail exist together).
 */
export async function queueEmailVerification(
  tx: Database,
  user: Recipient,
  input: { verifyUrl: (token: string) => string; districtName: string | null },
): Promise<void> {
  const token = generateToken();
  await tx.insert(emailConfirmations).values({
    id: hashToken(token),
    userId: user.id,
    email: user.email,
    purpose: "verify",
    expiresAt: confirmationExpiry("verify", new Date()),
  });
  const mail = emailVerificationMail(user.locale, {
    name: user.name,
    url: input.verifyUrl(token),
    districtName: input.districtName,
  });
  await enqueueMail(tx, { to: user.email, locale: user.locale, kind: "email_verification", ...mail });
}

/** Sends a fresh verification link, unless the address is verified already. */
export async function resendEmailVerification(
  db: Database,
  user: Recipient & Pick<User, "emailVerifiedAt">,
  links: Pick<AccountMailLinks, "verifyUrl">,
): Promise<"sent" | "already_verified"> {
  if (user.emailVerifiedAt) return "already_verified";
  const districtName = await firstDistrictName(db, user.id);
  await db.transaction((tx) => queueEmailVerification(tx, user, { verifyUrl: links.verifyUrl, districtName }));
  return "sent";
}

/**
 * Asks to move the account to `newEmail` (already checked: valid, not the current address, and
 * the password re-entered). The new address gets a link, or — when another account uses it — a
 * note that someone tried; the old address gets a notice either way, so nothing the asker can see
 * depends on whether the address is taken. Only the newest change link of an account works.
 */
export async function requestEmailChange(
  db: Database,
  user: Recipient,
  newEmail: string,
  links: AccountMailLinks,
): Promise<void> {
  const holder = await findUserByEmail(db, newEmail);
  const districtName = await firstDistrictName(db, user.id);
  const holderDistrict = holder ? await firstDistrictName(db, holder.id) : null;
  await db.transaction(async (tx) => {
    await tx
      .delete(emailConfirmations)
      .where(
        and(
          eq(emailConfirmations.userId, user.id),
          eq(emailConfirmations.purpose, "change"),
          isNull(emailConfirmations.usedAt),
        ),
      );
    // A change row either way: the Account page shows the change as waiting, so it must look the
    // same for a taken address. For one, the token is thrown away — no link to it exists anywhere.
    const token = generateToken();
    await tx.insert(emailConfirmations).values({
      id: hashToken(token),
      userId: user.id,
      email: newEmail,
      purpose: "change",
      expiresAt: confirmationExpiry("change", new Date()),
    });
    if (holder) {
      const mail = emailTakenMail(holder.locale, {
        name: holder.name,
        districtName: holderDistrict,
        signInUrl: links.signInUrl,
        resetUrl: links.resetUrl,
      });
      await enqueueMail(tx, { to: holder.email, locale: holder.locale, kind: "email_change", ...mail });
    } else {
      const mail = emailChangeConfirmMail(user.locale, {
        name: user.name,
        districtName,
        newEmail,
        url: links.verifyUrl(token),
      });
      await enqueueMail(tx, { to: newEmail, locale: user.locale, kind: "email_change", ...mail });
    }
    const notice = emailChangeNoticeMail(user.locale, {
      name: user.name,
      districtName,
      newEmail,
      resetUrl: links.resetUrl,
    });
    await enqueueMail(tx, { to: user.email, locale: user.locale, kind: "email_change", ...notice });
  });
}

export type PendingConfirmation = { purpose: EmailConfirmationPurpose; email: string };

/** What a still-usable link would confirm (the page says it before the person confirms); null otherwise. */
export async function findPendingConfirmation(db: Database, token: string): Promise<PendingConfirmation | null> {
  const [row] = await db
    .select({ purpose: emailConfirmations.purpose, email: emailConfirmations.email })
    .from(emailConfirmations)
    .where(usable(token));
  return row ?? null;
}

/** The address an account asked to move to and has not confirmed yet, if any. */
export async function pendingEmailChange(db: Database, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ email: emailConfirmations.email })
    .from(emailConfirmations)
    .where(
      and(
        eq(emailConfirmations.userId, userId),
        eq(emailConfirmations.purpose, "change"),
        isNull(emailConfirmations.usedAt),
        gt(emailConfirmations.expiresAt, new Date()),
      ),
    )
    .limit(1);
  return row?.email ?? null;
}

export type ConfirmationResult =
  | { ok: true; userId: string; purpose: EmailConfirmationPurpose; email: string }
  | { ok: false; reason: "invalid" | "taken" };

/**
 * Spends a link, once (the statement that checks it spends it). `verify` marks the account's
 * address verified — only if it is still the address the link was sent to. `change` moves the
 * account to the new address, which the link has just proved, so it is verified too; other change
 * links and unused password reset links (sent to the old address) stop working.
 */
export async function confirmEmail(db: Database, token: string): Promise<ConfirmationResult> {
  try {
    return await db.transaction(async (tx): Promise<ConfirmationResult> => {
      const [spent] = await tx.update(emailConfirmations).set({ usedAt: new Date() }).where(usable(token)).returning({
        userId: emailConfirmations.userId,
        email: emailConfirmations.email,
        purpose: emailConfirmations.purpose,
      });
      if (!spent) return { ok: false, reason: "invalid" };
      const now = new Date();
      if (spent.purpose === "verify") {
        const [verified] = await tx
          .update(users)
          .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())`, updatedAt: now })
          .where(and(eq(users.id, spent.userId), eq(sql`lower(${users.email})`, spent.email)))
          .returning({ id: users.id });
        return verified ? { ok: true, ...spent } : { ok: false, reason: "invalid" };
      }
      const [holder] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(sql`lower(${users.email})`, spent.email), ne(users.id, spent.userId)));
      if (holder) return { ok: false, reason: "taken" };
      await tx
        .update(users)
        .set({ email: spent.email, emailVerifiedAt: now, updatedAt: now })
        .where(eq(users.id, spent.userId));
      await tx
        .delete(emailConfirmations)
        .where(and(eq(emailConfirmations.userId, spent.userId), isNull(emailConfirmations.usedAt)));
      await tx
        .delete(passwordResetTokens)
        .where(and(eq(passwordResetTokens.userId, spent.userId), isNull(passwordResetTokens.usedAt)));
      return { ok: true, ...spent };
    });
  } catch (error) {
    // Another account took the address between the check above and the update (users_email_key).
    if (isUniqueViolation(error)) return { ok: false, reason: "taken" };
    throw error;
  }
}

const usable = (token: string) =>
  and(
    eq(emailConfirmations.id, hashToken(token)),
    isNull(emailConfirmations.usedAt),
    gt(emailConfirmations.expiresAt, new Date()),
  );

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
