import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { apiTokens, users, type User } from "../../db/schema";
import { generateApiToken, hashToken } from "../utils/tokens.server";

export type ApiTokenSummary = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null };

/** Creates a personal API token; the plain token is returned once and never stored. */
export async function createApiToken(
  db: Database,
  userId: string,
  name: string,
): Promise<{ token: string; summary: ApiTokenSummary }> {
  const token = generateApiToken();
  const [row] = await db
    .insert(apiTokens)
    .values({ userId, name: name.trim(), tokenHash: hashToken(token), prefix: token.slice(0, 10) })
    .returning();
  return { token, summary: toSummary(row!) };
}

export async function listApiTokens(db: Database, userId: string): Promise<ApiTokenSummary[]> {
  const rows = await db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));
  return rows.map(toSummary);
}

/** Revokes one of the user's own tokens; returns false when there was no such token. */
export async function revokeApiToken(db: Database, userId: string, tokenId: string): Promise<boolean> {
  const deleted = await db
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
    .returning({ id: apiTokens.id });
  return deleted.length > 0;
}

/** Revokes all of a user's tokens: a changed password or "sign out everywhere" must not leave a way in. */
export async function revokeAllApiTokens(db: Database, userId: string): Promise<void> {
  await db.delete(apiTokens).where(eq(apiTokens.userId, userId));
}

/** Finds the user a bearer token belongs to and notes that the token was used. */
export async function authenticateApiToken(db: Database, token: string): Promise<User | null> {
  const [row] = await db
    .select({ user: users, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(apiTokens.userId, users.id))
    .where(eq(apiTokens.tokenHash, hashToken(token)));
  if (!row) return null;
  // "Last used" to the minute is enough, and spares a write on every call of a busy program.
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.tokenId));
  }
  return row.user;
}

function toSummary(row: typeof apiTokens.$inferSelect): ApiTokenSummary {
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.createdAt, lastUsedAt: row.lastUsedAt };
}
