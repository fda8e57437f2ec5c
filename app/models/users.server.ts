import { hash, verify } from "@node-rs/argon2";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { checkAdminChange } from "../domain/permissions";
import type { Database } from "../../db/client";
import { passwordCredentials, users, type User } from "../../db/schema";
import { defaultLocale, type Locale } from "../i18n/locales";

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const ARGON2 = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

// Verifying against this when the e-mail is unknown keeps response times alike,
// so timing does not reveal which e-mails have accounts.
let dummyHash: Promise<string> | null = null;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function findUserByEmail(db: Database, email: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, normalizeEmail(email)));
  return user;
}

/**
 * Creates a user with a password; returns null when the e-mail is already taken.
 * The first account of a new database becomes its instance administrator.
 */
export async function createUser(
  db: Database,
  input: { name: string; email: string; password: string; locale?: Locale; emailVerified?: boolean },
  /** Runs in the account's transaction, e.g. to queue its verification mail with it. */
  afterCreate?: (tx: Database, user: User) => Promise<void>,
): Promise<User | null> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (t) => {
    const tx = t as unknown as Database;
    let first = false;
    if (!(await anyUser(tx))) {
      // Two first sign-ups at once would both see no account: they take turns here, and the
      // second (a new snapshot per statement under READ COMMITTED) sees the first one's row.
      await lockInstanceAdmins(tx);
      first = !(await anyUser(tx));
    }
    const [user] = await tx
      .insert(users)
      .values({
        name: input.name.trim(),
        email: normalizeEmail(input.email),
        isInstanceAdmin: first,
        locale: input.locale ?? defaultLocale,
        emailVerifiedAt: input.emailVerified ? new Date() : null,
      })
      .onConflictDoNothing()
      .returning();
    if (!user) return null;
    await tx.insert(passwordCredentials).values({ userId: user.id, hash: passwordHash });
    await afterCreate?.(tx, user);
    return user;
  });
}

async function anyUser(db: Database): Promise<boolean> {
  return (await db.select({ id: users.id }).from(users).limit(1)).length > 0;
}

/**
 * Serializes the changes that decide who is an instance administrator (the first sign-up,
 * granting, revoking) until the transaction ends, so "the first" and "the last" stay true.
 */
export async function lockInstanceAdmins(tx: Database): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${INSTANCE_ADMINS_LOCK})`);
}
// An arbitrary constant of this app's own: advisory lock keys are shared by everything on the database.
const INSTANCE_ADMINS_LOCK = 7_110_001;

/** Returns the user when the password matches, null otherwise (same cost either way). */
export async function verifyCredentials(db: Database, email: string, password: string): Promise<User | null> {
  const user = await findUserByEmail(db, email);
  const [credential] = user
    ? await db.select().from(passwordCredentials).where(eq(passwordCredentials.userId, user.id))
    : [];
  if (!user || !credential) {
    dummyHash ??= hashPassword("not-a-real-password-000");
    await verify(await dummyHash, password).catch(() => false);
    return null;
  }
  const ok = await verify(credential.hash, password).catch(() => false);
  return ok ? user : null;
}

export async function setPassword(db: Database, userId: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db
    .insert(passwordCredentials)
    .values({ userId, hash: passwordHash })
    .onConflictDoUpdate({ target: passwordCredentials.userId, set: { hash: passwordHash, updatedAt: new Date() } });
}

export async function updateUserName(db: Database, userId: string, name: string): Promise<void> {
  await db.update(users).set({ name: name.trim(), updatedAt: new Date() }).where(eq(users.id, userId));
}

export type AccountSummary = Pick<User, "id" | "name" | "email">;

/** The instance's administrators, oldest account first. */
export async function listInstanceAdmins(db: Database): Promise<AccountSummary[]> {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.isInstanceAdmin, true))
    .orderBy(asc(users.createdAt), asc(users.id));
}

/** Makes the account with this e-mail an instance administrator (no change when it already is one). */
export async function grantInstanceAdmin(
  db: Database,
  email: string,
): Promise<{ ok: true; user: AccountSummary; changed: boolean } | { ok: false; reason: "no_account" }> {
  return db.transaction(async (t) => {
    const tx = t as unknown as Database;
    await lockInstanceAdmins(tx);
    const user = await findUserByEmail(tx, email);
    if (!user) return { ok: false, reason: "no_account" } as const;
    if (!user.isInstanceAdmin) {
      await tx.update(users).set({ isInstanceAdmin: true, updatedAt: new Date() }).where(eq(users.id, user.id));
    }
    return {
      ok: true,
      user: { id: user.id, name: user.name, email: user.email },
      changed: !user.isInstanceAdmin,
    } as const;
  });
}

/** Takes the right from an administrator, unless they are the last one. */
export async function revokeInstanceAdmin(
  db: Database,
  userId: string,
): Promise<{ ok: true; user: AccountSummary; changed: boolean } | { ok: false; reason: "not_found" | "last_admin" }> {
  return db.transaction(async (t) => {
    const tx = t as unknown as Database;
    // Two administrators revoking each other at once must not leave none: one waits for the other.
    await lockInstanceAdmins(tx);
    const [user] = await tx.select().from(users).where(eq(users.id, userId));
    if (!user) return { ok: false, reason: "not_found" } as const;
    const [admins] = await tx.select({ n: count() }).from(users).where(eq(users.isInstanceAdmin, true));
    const refusal = checkAdminChange({
      kind: "revoke",
      targetIsAdmin: user.isInstanceAdmin,
      adminCount: admins!.n,
    });
    if (refusal) return { ok: false, reason: refusal } as const;
    if (user.isInstanceAdmin) {
      await tx
        .update(users)
        .set({ isInstanceAdmin: false, updatedAt: new Date() })
        .where(and(eq(users.id, user.id), eq(users.isInstanceAdmin, true)));
    }
    return {
      ok: true,
      user: { id: user.id, name: user.name, email: user.email },
      changed: user.isInstanceAdmin,
    } as const;
  });
}

/** The language of the account's mail, and of its pages where no choice on the device says otherwise. */
export async function setUserLocale(db: Database, userId: string, locale: Locale): Promise<void> {
  await db.update(users).set({ locale, updatedAt: new Date() }).where(eq(users.id, userId));
}
