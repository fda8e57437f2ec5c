import type { IncomingMessage } from "node:http";
import { and, gt, inArray } from "drizzle-orm";
import type { Database } from "../../db/client";
import { apiTokens, sessions } from "../../db/schema";
import { hashToken } from "../../app/utils/tokens.server";
import { authenticateApiToken } from "../../app/models/api-tokens.server";
import { authorizeIn, loadPlanMemberships, planDecision } from "../../app/models/resource-access.server";
import { validateSessionToken } from "../../app/models/sessions.server";
import { SESSION_COOKIE } from "../../app/utils/session.server";
import { decodeComponentOrNull } from "../request-target";

/** Who opened the socket and what they may do; `name` is what their presence shows. */
export type CollabAccess = { userId: string; name: string; canEdit: boolean };
export type CollabDecision = { ok: true; access: CollabAccess } | { ok: false; status: 401 | 403 | 404 };

function credential(req: IncomingMessage): { kind: "bearer" | "cookie"; token: string } | null {
  const authorization = req.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match ? { kind: "bearer", token: match[1]! } : null;
  }
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) {
      // A cookie that does not decode is no credential (401), not an error.
      const token = decodeComponentOrNull(part.slice(eq + 1).trim());
      return token ? { kind: "cookie", token } : null;
    }
  }
  return null;
}

/**
 * Who may open a plan's socket, decided by the same `authorizeIn` and policy as
 * HTTP: a non-member and an unknown plan get the same 404. A browser (which
 * always sends Origin) must come from the app's own origin.
 */
export async function authorizeCollab(
  db: Database,
  req: IncomingMessage,
  planId: string,
  publicOrigin: string | null,
): Promise<CollabDecision> {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const expected = publicOrigin ?? `http://${req.headers.host ?? ""}`;
    const expectedTls = publicOrigin ?? `https://${req.headers.host ?? ""}`;
    if (origin !== expected && origin !== expectedTls) return { ok: false, status: 403 };
  }
  const cred = credential(req);
  if (!cred) return { ok: false, status: 401 };
  const user =
    cred.kind === "bearer"
      ? await authenticateApiToken(db, cred.token)
      : (await validateSessionToken(db, cred.token))?.user;
  if (!user) return { ok: false, status: 401 };
  const outcome = await authorizeIn(db, user.id, { kind: "plan", id: planId }, "read");
  if (!outcome.ok) return { ok: false, status: 404 };
  return { ok: true, access: { userId: user.id, name: user.name, canEdit: outcome.access.may("edit") } };
}

export type OpenConnection = { req: IncomingMessage; planId: string };

/**
 * Re-checks every open connection at once with three queries in all (sessions,
 * API tokens, memberships of the plans involved), answered by the same policy, however many sockets are
 * open: a removed member, a changed role, an archived or restored plan or a
 * revoked credential shows up here.
 * Reading only, it never extends a session or touches a token.
 */
export async function recheckConnections(
  db: Database,
  connections: OpenConnection[],
): Promise<({ ok: true; canEdit: boolean } | { ok: false })[]> {
  const creds = connections.map((c) => credential(c.req));
  const hashes = (kind: "bearer" | "cookie") => [
    ...new Set(creds.filter((c) => c?.kind === kind).map((c) => hashToken(c!.token))),
  ];
  const sessionHashes = hashes("cookie");
  const tokenHashes = hashes("bearer");
  const planIds = [...new Set(connections.map((c) => c.planId))];
  const now = new Date();
  const [sessionRows, tokenRows, memberRows] = await Promise.all([
    sessionHashes.length
      ? db
          .select({ id: sessions.id, userId: sessions.userId })
          .from(sessions)
          .where(and(inArray(sessions.id, sessionHashes), gt(sessions.expiresAt, now)))
      : [],
    tokenHashes.length
      ? db
          .select({ hash: apiTokens.tokenHash, userId: apiTokens.userId })
          .from(apiTokens)
          .where(inArray(apiTokens.tokenHash, tokenHashes))
      : [],
    loadPlanMemberships(db, planIds),
  ]);
  const sessionUser = new Map(sessionRows.map((r) => [r.id, r.userId]));
  const tokenUser = new Map(tokenRows.map((r) => [r.hash, r.userId]));
  const members = new Map(memberRows.map((r) => [`${r.planId}|${r.userId}`, r]));
  return connections.map((c, i) => {
    const cred = creds[i];
    if (!cred) return { ok: false };
    const hash = hashToken(cred.token);
    const userId = cred.kind === "bearer" ? tokenUser.get(hash) : sessionUser.get(hash);
    const member = userId ? members.get(`${c.planId}|${userId}`) : undefined;
    if (planDecision(member, "read") !== "allowed") return { ok: false };
    return { ok: true, canEdit: planDecision(member, "edit") === "allowed" };
  });
}
