import { describe, expect, it } from "vitest";
import { isOneClickUnsubscribe } from "./security";

describe("the one-click unsubscribe exception to the Origin rule", () => {
  it("covers exactly a POST to /unsubscribe/<token>", () => {
    expect(isOneClickUnsubscribe({ method: "POST", path: "/unsubscribe/kyy2a7ipo2hmmypq6fagjyqrio5s6weg" })).toBe(true);
    expect(isOneClickUnsubscribe({ method: "PUT", path: "/unsubscribe/abc123" })).toBe(false);
    expect(isOneClickUnsubscribe({ method: "POST", path: "/unsubscribe" })).toBe(false);
    // Paths the router would resolve elsewhere, and anything not shaped like a token, stay under the rule.
    for (const path of ["/unsubscribe/..", "/unsubscribe/%2e%2e", "/unsubscribe/.%2E", "/unsubscribe/abc123"]) {
      expect(isOneClickUnsubscribe({ method: "POST", path }), path).toBe(false);
    }
    expect(isOneClickUnsubscribe({ method: "POST", path: "/unsubscribe/" })).toBe(false);
    expect(isOneClickUnsubscribe({ method: "POST", path: "/unsubscribe/abc/more" })).toBe(false);
    expect(isOneClickUnsubscribe({ method: "POST", path: "/account/unsubscribe/abc" })).toBe(false);
    expect(isOneClickUnsubscribe({ method: "POST", path: "/api/v1/me" })).toBe(false);
  });
});
