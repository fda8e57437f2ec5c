import http from "node:http";
import type { Socket } from "node:net";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";

/** The methods the app answers; anything else (TRACE, PROPFIND, …) never reaches Remix, which throws on some. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const allowed = new Set(ALLOWED_METHODS);

function refuse(req: Request, res: Response, status: number, message: string) {
  res.status(status);
  if (req.path.startsWith("/api/")) {
    const code = status === 405 ? "method_not_allowed" : "bad_request";
    res.json({ error: { code, message } });
  } else {
    res.type("text/plain").send(message);
  }
}

/** 405 for methods outside ALLOWED_METHODS. */
export function refuseUnknownMethods() {
  return (req: Request, res: Response, next: NextFunction) => {
    if (allowed.has(req.method)) return next();
    res.setHeader("Allow", ALLOWED_METHODS.join(", "));
    refuse(req, res, 405, `The method ${req.method} is not supported here.`);
  };
}

/** CONNECT never reaches express (Node emits it apart); answer it instead of dropping the socket silently. */
export function refuseConnect(_req: http.IncomingMessage, socket: Socket) {
  socket.on("error", () => {});
  socket.end(
    `HTTP/1.1 405 Method Not Allowed\r\nAllow: ${ALLOWED_METHODS.join(", ")}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
  );
}

/**
 * 400 for a request whose address cannot be rebuilt as a URL: the Remix adapter
 * builds one from Host (or a trusted X-Forwarded-Host) and the path, and throws on a malformed one.
 */
export function refuseMalformedUrls() {
  return (req: Request, res: Response, next: NextFunction) => {
    try {
      // The same construction as @remix-run/express's createRemixRequest.
      const portOf = (host: string | undefined) => Number.parseInt(host?.split(":")[1] ?? "", 10);
      const [forwarded, direct] = [portOf(req.get("X-Forwarded-Host")), portOf(req.get("Host"))];
      const port = Number.isSafeInteger(forwarded) ? forwarded : Number.isSafeInteger(direct) ? direct : "";
      const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
      // …then a fetch Request from it, which also refuses what a URL allows: credentials
      // ("X-Forwarded-Host: a@b" gives a user name), so a Host header could reach a 500.
      new globalThis.Request(url.href);
    } catch {
      return refuse(req, res, 400, "The request's address could not be read.");
    }
    // Postgres text cannot hold a NUL character: an address carrying one names nothing that can exist,
    // and would otherwise reach a query as a parameter the database refuses (a 500).
    if (/%00|\0/i.test(req.originalUrl)) return refuse(req, res, 400, "The request's address could not be read.");
    next();
  };
}

/**
 * The last error handler: errors that carry a 4xx status (express's own, for a
 * malformed path parameter) are the client's and answered as such; anything
 * else is logged once and answered 500. Express's default handler would print
 * every error, 4xx included, to the console.
 */
export function answerErrors(logger: Logger) {
  return (err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    const status = clientStatus(err);
    if (status) return refuse(req, res, status, http.STATUS_CODES[status] ?? "Bad Request");
    logger.error({ err, method: req.method, url: req.originalUrl }, "request failed");
    res.status(500).type("text/plain").send("Internal Server Error");
  };
}

function clientStatus(err: unknown): number | null {
  if (typeof err !== "object" || err === null) return null;
  const { status, statusCode } = err as { status?: unknown; statusCode?: unknown };
  const value = typeof status === "number" ? status : statusCode;
  return typeof value === "number" && value >= 400 && value < 500 ? value : null;
}

const FORWARDED_CHECKED = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * 403 where Remix's own CSRF check would throw (and answer 500): a state-changing
 * request whose Origin names another host than X-Forwarded-Host (first value)
 * or Host, or an Origin that is not a URL. Mirrors throwIfPotentialCSRFAttack
 * in @remix-run/server-runtime, which runs before any route code.
 */
export function refuseMismatchedOrigins() {
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.get("Origin");
    if (!FORWARDED_CHECKED.has(req.method) || origin === undefined || origin === "null" || origin === "") return next();
    const host = req.get("X-Forwarded-Host")?.split(",")[0]?.trim() || req.get("Host");
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      // Not a URL: refused below.
    }
    if (originHost !== null && originHost === host) return next();
    refuse(req, res, 403, "This request came from another site or did not say where it came from, so it was refused.");
  };
}
