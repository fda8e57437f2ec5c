import { and, desc, eq, ne } from "drizzle-orm";
import type { Database } from "../../db/client";
import { sessions, users, type Session, type User } from "../../db/schema";
import { parseUserAgent } from "../domain/device";
import { checkSession, SESSION_LIFETIME_MS } from "../domain/session-policy";
import { generateToken, hashToken } from "../utils/tokens.server";

export type SessionWithUser = { session: Session; user: User };

/**
 * Starts a session; the returned token goes to the cookie and nowhere else. Of the
 * User-Agent only the browser and system it names are kept, to name the device.
 */
export async function createSession(
  db: Database,
  userId: string,
  userAgent: string | null,
): Promise<{ token: string; session: Session }> {
  const token = generateToken();
  const device = parseUserAgent(userAgent);
  const [session] = await db
    .insert(sessions)
    .values({
      id: hashToken(token),
      userId,
      expiresAt: new Date(Date.now() + SESSION_LIFETIME_MS),
      browser: device.browser,
      os: device.os,
    })
    .returning();
  return { token, session: session! };
}

/** Looks a token up by its hash; deletes it if expired and extends it if it is in its second half. */
export async function validateSessionToken(db: Database, token: string): Promise<SessionWithUser | null> {
  const id = hashToken(token);
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .where(eq(sessions.id, id));
  if (!row) return null;
  const now = new Date();
  const check = checkSession(row.session.expiresAt, now);
  if (check.kind === "expired") {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  if (check.renewTo) {
    await db.update(sessions).set({ expiresAt: check.renewTo, lastUsedAt: now }).where(eq(sessions.id, id));
    row.session.expiresAt = check.renewTo;
    row.session.lastUsedAt = now;
  }
  return row;
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Signs a user out everywhere, optionally keeping the session making the request. */
export async function invalidateUserSessions(db: Database, userId: string, keepSessionId?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(
      keepSessionId ? and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)) : eq(sessions.userId, userId),
    );
}

export async function listUserSessions(db: Database, userId: string): Promise<Session[]> {
  return db.select().from(sessions).where(eq(sessions.userId, userId)).orderBy(desc(sessions.createdAt));
}
