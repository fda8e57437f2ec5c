import type { NextFunction, Request, Response } from "express";

/** What every app response gets unless its route chose otherwise. */
export const PRIVATE_CACHE_CONTROL = "private, no-store";

/**
 * Pages, exports, metrics and API answers depend on who reads them, so no
 * shared cache (proxy, CDN) and no browser history may keep a copy by default.
 * Set when the headers go out rather than up front, so a route that sets its
 * own Cache-Control replaces this one instead of Remix appending a second.
 * Static files are served before this runs and keep their own caching.
 */
export function privateByDefault(_req: Request, res: Response, next: NextFunction) {
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: Parameters<Response["writeHead"]>) {
    if (!this.hasHeader("Cache-Control")) this.setHeader("Cache-Control", PRIVATE_CACHE_CONTROL);
    return writeHead.apply(this, args);
  } as Response["writeHead"];
  next();
}
