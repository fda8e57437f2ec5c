import type { AppLoadContext } from "@remix-run/node";
import type { Session, User } from "../../db/schema";
import { authenticateApiToken } from "../models/api-tokens.server";
import { validateSessionToken } from "../models/sessions.server";

export const SESSION_COOKIE = "rq_session";

export type Auth = { user: User; session: Session | null; via: "session" | "token" };

function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return safeDecode(part.slice(eq + 1).trim());
  }
  return null;
}

// Anyone who can set a cookie for the domain can send a malformed one; it reads as no cookie.
function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

/** Secure cookies everywhere in production except plain http on this machine (local trials). */
export function wantsSecureCookie(request: Request, context: AppLoadContext): boolean {
  if (!context.config.isProduction) return false;
  const url = new URL(context.config.publicOrigin ?? request.url);
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  return !(url.protocol === "http:" && loopback);
}

export function sessionCookie(request: Request, context: AppLoadContext, token: string, expiresAt: Date): string {
  const attrs = [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expiresAt.toUTCString()}`,
  ];
  if (wantsSecureCookie(request, context)) attrs.push("Secure");
  return attrs.join("; ");
}

export function clearedSessionCookie(request: Request, context: AppLoadContext): string {
  const attrs = [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0"];
  if (wantsSecureCookie(request, context)) attrs.push("Secure");
  return attrs.join("; ");
}

/**
 * Who is making this request: a bearer token when an Authorization header is
 * present (cookies are then ignored, which is what makes the CSRF exemption
 * safe), otherwise the session cookie. Resolved once per request.
 */
export function getAuth(request: Request, context: AppLoadContext): Promise<Auth | null> {
  context.authMemo ??= resolveAuth(request, context);
  return context.authMemo as Promise<Auth | null>;
}

async function resolveAuth(request: Request, context: AppLoadContext): Promise<Auth | null> {
  const authorization = request.headers.get("Authorization");
  if (authorization !== null) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return null;
    const user = await authenticateApiToken(context.db, match[1]!);
    return user ? { user, session: null, via: "token" } : null;
  }
  const token = readCookie(request, SESSION_COOKIE);
  if (!token) return null;
  const before = Date.now();
  const result = await validateSessionToken(context.db, token);
  if (!result) {
    context.responseCookies.push(clearedSessionCookie(request, context));
    return null;
  }
  // The session was extended: move the cookie's expiry with it.
  if (result.session.lastUsedAt.getTime() >= before) {
    context.responseCookies.push(sessionCookie(request, context, token, result.session.expiresAt));
  }
  return { user: result.user, session: result.session, via: "session" };
}
