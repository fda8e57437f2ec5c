import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { NextFunction, Request, Response } from "express";
import { localeFrom } from "../app/i18n/locale.server";
import { translate } from "../app/i18n/translate";
import { bodyLimitFor, type BodyLimit } from "../app/utils/body-limits";

/**
 * Refuses a body whose Content-Length is over the limit for its route and
 * type (app/utils/body-limits.ts) before a byte of it is read. Chunked bodies
 * pass on: the app's readers count them as they stream and stop at the same limit.
 */
export function refuseOversizedBodies() {
  return (req: Request, res: Response, next: NextFunction) => {
    const limit = announcedOverLimit(req);
    if (!limit) return next();
    tooLarge(req, res, limit);
  };
}

/** The route's limit when the request's Content-Length is over it, else null (chunked bodies included). */
export function announcedOverLimit(req: IncomingMessage): BodyLimit | null {
  const announced = req.headers["content-length"];
  if (announced === undefined) return null;
  // The path as express's req.path has it: the request target up to its query.
  const pathname = (req.url ?? "/").split("?")[0]!;
  const limit = bodyLimitFor(req.method ?? "GET", pathname, req.headers["content-type"] ?? null);
  return Number(announced) > limit.bytes ? limit : null;
}

/**
 * The server's "checkContinue" listener, for requests that say "Expect: 100-continue"
 * (curl does above 1 MB): the client waits for a go-ahead before sending the body.
 * Node would give it at once; an announced oversize is answered with its 413 instead,
 * and the body is never sent. That answer closes the connection, since a body was
 * announced and never read.
 */
export function continueUnlessOversized(server: Server) {
  return (req: IncomingMessage, res: ServerResponse) => {
    if (announcedOverLimit(req)) res.setHeader("Connection", "close");
    else res.writeContinue();
    server.emit("request", req, res);
  };
}

/** The 413 answer: the API's JSON error shape under /api/, a short page in the reader's language elsewhere. */
export function tooLarge(req: Request, res: Response, limit: BodyLimit) {
  const size = limit.label;
  // No "Connection: close" of our own: Node would close at once and the unread upload would reset
  // the connection before the client read this answer. drainRefusedBodies discards (never
  // buffers) what is still coming, up to a bound; when the client itself asked to close, it
  // keeps the connection open for reading until the body is in, then closes.
  res.status(413);
  if (req.path.startsWith("/api/")) {
    res.json({ error: { code: "payload_too_large", message: `The body is larger than ${size}.` } });
    return;
  }
  const locale = localeFrom(req.headers.cookie, req.headers["accept-language"]);
  const title = translate(locale, "error.tooLargeTitle");
  const body = translate(locale, "error.tooLargeBody", { size });
  res
    .type("html")
    .send(
      `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${title}</title></head>` +
        `<body><h1>${title}</h1><p>${body}</p><p><a href="/">${translate(locale, "error.backHome")}</a></p></body></html>`,
    );
}

/**
 * Lets at most `slots` large uploads (limits over 1 MB: data packages) be read
 * at once; the others wait their turn with their bodies unread, which costs
 * nothing but a socket. Twenty concurrent 20 MB uploads would otherwise hold
 * 400 MB and keep the event loop busy parsing multipart, starving /healthz.
 */
export function queueLargeUploads(slots: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  return (req: Request, res: Response, next: NextFunction) => {
    if (bodyLimitFor(req.method, req.path, req.headers["content-type"] ?? null).bytes <= 1024 * 1024) return next();
    const go = () => {
      active++;
      res.once("close", release);
      next();
    };
    if (active < slots) go();
    else waiting.push(go);
  };
}
