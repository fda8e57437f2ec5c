import { expect } from "vitest";
import { rawRequest, type RawRequest, type RawResponse } from "./raw-http";
import type { TestServer } from "./server";

/** Counts answers by status, so a property can show it reached the accepting path as well as the refusals. */
export class Tally {
  private counts = new Map<number, number>();
  add(status: number) {
    this.counts.set(status, (this.counts.get(status) ?? 0) + 1);
  }
  of(status: number) {
    return this.counts.get(status) ?? 0;
  }
  toString() {
    return [...this.counts].map(([s, n]) => `${s}×${n}`).join(" ");
  }
}

/**
 * The checks every HTTP fuzz property makes against the in-process server: no answer is a server
 * error, no key reached Object.prototype, and afterwards the server still answers and logged no
 * error. `app` is a getter because suites start their server in `beforeAll`.
 */
export function httpFuzzChecks(app: () => TestServer) {
  let logsBefore = 0;
  return {
    /** Call in `beforeEach`: errors logged before this point belong to an earlier test. */
    mark() {
      logsBefore = app().logs.length;
    },
    /** Sends `request` with the server's own Origin (unless given) and fails on a 5xx; `label` names the caller. */
    async send(request: RawRequest, label = ""): Promise<RawResponse> {
      const headers: Record<string, string | string[]> = { Origin: app().url, ...request.headers };
      const res = await rawRequest(app().url, { ...request, headers });
      expect(
        res.status,
        `${label}${request.method ?? "GET"} ${request.path} ${String(request.body ?? "").slice(0, 300)} → ${res.status} ${res.body.slice(0, 300)}`,
      ).toBeLessThan(500);
      // The server runs in this process: a key that reached Object.prototype would show here.
      expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      return res;
    },
    async stillServing() {
      const res = await rawRequest(app().url, { path: "/healthz" });
      expect(res.status).toBe(200);
      // A caught-but-logged failure is a server error too.
      expect(
        app()
          .logs.slice(logsBefore)
          .filter((line) => Number(line.level) >= 50),
      ).toEqual([]);
    },
  };
}
