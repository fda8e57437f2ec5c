import type { IncomingMessage } from "node:http";
import type { Database } from "../../db/client";
import { can } from "../../app/domain/permissions";
import { authenticateApiToken } from "../../app/models/api-tokens.server";
import { getPlanAccess } from "../../app/models/plans.server";
import { validateSessionToken } from "../../app/models/sessions.server";
import { SESSION_COOKIE } from "../../app/utils/session.server";

export type CollabAccess = { userId: string; canEdit: boolean };
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
      return { kind: "cookie", token: decodeURIComponent(part.slice(eq + 1).trim()) };
    }
  }
  return null;
}

/**
 * Who may open a plan's socket, decided through the same permission table as
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
  const userId =
    cred.kind === "bearer"
      ? (await authenticateApiToken(db, cred.token))?.id
      : (await validateSessionToken(db, cred.token))?.user.id;
  if (!userId) return { ok: false, status: 401 };
  const access = await getPlanAccess(db, planId, userId);
  if (!access || !can(access.role, "read")) return { ok: false, status: 404 };
  return { ok: true, access: { userId, canEdit: can(access.role, "edit_plan_text") } };
}
