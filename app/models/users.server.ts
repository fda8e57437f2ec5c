import { hash, verify } from "@node-rs/argon2";
import { eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { passwordCredentials, users, type User } from "../../db/schema";

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

export async function getUserById(db: Database, id: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}

/** Creates a user with a password; returns null when the e-mail is already taken. */
export async function createUser(
  db: Database,
  input: { name: string; email: string; password: string }
): Promise<User | null> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ name: input.name.trim(), email: normalizeEmail(input.email) })
      .onConflictDoNothing()
      .returning();
    if (!user) return null;
    await tx.insert(passwordCredentials).values({ userId: user.id, hash: passwordHash });
    return user;
  });
}

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
