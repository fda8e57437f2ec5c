import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";

/** Paths that carry a secret in the URL, with the secret replaced before logging. */
export function redactPath(path: string): string {
  return path
    .replace(/^\/invite\/[^/?#]+/, "/invite/[redacted]")
    .replace(/^\/reset-password\/[^/?#]+/, "/reset-password/[redacted]")
    .replace(/^\/verify-email\/[^/?#]+/, "/verify-email/[redacted]")
    .replace(/^\/unsubscribe\/[^/?#]+/, "/unsubscribe/[redacted]")
    .replace(/^\/api\/v1\/invitations\/[^/?#]+/, "/api/v1/invitations/[redacted]");
}

/** One structured line per request: no query string, cookies or headers, which may hold secrets. */
export function requestLogger(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const start = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const level = res.statusCode >= 500 ? "error" : "info";
      logger[level]({
        msg: "request",
        method: req.method,
        path: redactPath(req.path),
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
      });
    });
    next();
  };
}
