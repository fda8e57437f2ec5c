import { describe, expect, it } from "vitest";
import { checkSession, SESSION_LIFETIME_MS } from "./session-policy";

const day = 24 * 60 * 60 * 1000;
const now = new Date("2026-01-10T12:00:00Z");

describe("checkSession", () => {
  it("rejects a session at or past its expiry", () => {
    expect(checkSession(new Date(now.getTime() - 1), now)).toEqual({ kind: "expired" });
    expect(checkSession(now, now)).toEqual({ kind: "expired" });
  });

  it("keeps a session in its first half unchanged", () => {
    expect(checkSession(new Date(now.getTime() + 20 * day), now)).toEqual({ kind: "valid", renewTo: null });
  });

  it("extends a session in its second half to a full 30 days from now", () => {
    const result = checkSession(new Date(now.getTime() + 10 * day), now);
    expect(result).toEqual({ kind: "valid", renewTo: new Date(now.getTime() + SESSION_LIFETIME_MS) });
    expect(SESSION_LIFETIME_MS).toBe(30 * day);
  });
});
