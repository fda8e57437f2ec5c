import { randomBytes } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { TOKEN_SHAPE } from "../app/utils/tokens.server";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Security headers with a fresh CSP nonce per request (left in res.locals.cspNonce for the app). */
export function securityHeaders(options: { isProduction: boolean }) {
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    const connect = ["'self'"];
    // remix dev's live reload talks to its own port.
    if (!options.isProduction) connect.push("ws://localhost:*", "ws://127.0.0.1:*");
    const csp = [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      // Editors and charts position things with style attributes.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self'",
      `connect-src ${connect.join(" ")}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join("; ");
    res.setHeader("Content-Security-Policy", csp);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("X-Frame-Options", "DENY");
    // Invitation links carry their token in the path: never leak it to other sites.
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    if (options.isProduction && req.secure) {
      res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    next();
  };
}

/**
 * RFC 8058: a mail client unsubscribes by POSTing to the link in `List-Unsubscribe`, with no
 * cookies and no Origin. The token in the path is the whole authority (it acts for nobody
 * who is signed in, and only turns notification mail off), so this one path is exempt from
 * the Origin rule (decision 022). A foreign Origin is still refused by refuseMismatchedOrigins.
 */
export function isOneClickUnsubscribe(req: Pick<Request, "method" | "path">): boolean {
  // Exactly a token's shape: `..`, encoded dots and the like, which the router would resolve to
  // another path, stay under the Origin rule.
  const prefix = "/unsubscribe/";
  return req.method === "POST" && req.path.startsWith(prefix) && TOKEN_SHAPE.test(req.path.slice(prefix.length));
}

/** The origin this app is served from: PUBLIC_URL when set, otherwise the request's own host. */
export function expectedOrigin(req: Request, publicOrigin: string | null): string {
  return publicOrigin ?? `${req.protocol}://${req.headers.host ?? ""}`;
}

/**
 * Refuses state-changing requests from other origins (CSRF). Requests that
 * authenticate with an Authorization header are exempt: browsers cannot attach
 * one cross-site, and the app then ignores cookies for that request.
 */
export function originCheck(publicOrigin: string | null) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method) || req.headers.authorization) return next();
    if (isOneClickUnsubscribe(req)) return next();
    const origin = req.headers.origin;
    if (origin && origin === expectedOrigin(req, publicOrigin)) return next();
    const message = "This request came from another site or did not say where it came from, so it was refused.";
    res.status(403);
    if (req.path.startsWith("/api/")) res.json({ error: { code: "forbidden_origin", message } });
    else res.type("text/plain").send(message);
  };
}
