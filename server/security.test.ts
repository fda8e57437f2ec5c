import { describe, expect, it } from "vitest";
import { isOneClickUnsubscribe } from "./security";

describe("the one-click unsubscribe exception to the Origin rule", () => {
  it("covers exactly a POST to /unsubscribe/<token>", () => {
    expect(isOneClickUnsubscribe({ method: "POST", path: "/unsubscribe/abc123" })).toBe(true);
    expect(isOneClickUnsubscribe({ method: "PUT", path: "/unsubscribe/abc123" })).toBe(false);
    expect(isOneClickUnsubscribe({ method: "POST", path: "/unsubscribe" })).toBe(false);
    expect(isOneClickUnsubscribe({ method: "POST", path: "/unsubscribe/" })).toBe(false);
    expect(isOneClickUnsubscribe({ method: "POST", path: "/unsubscribe/abc/more" })).toBe(false);
    expect(isOneClickUnsubscribe({ method: "POST", path: "/account/unsubscribe/abc" })).toBe(false);
    expect(isOneClickUnsubscribe({ method: "POST", path: "/api/v1/me" })).toBe(false);
  });
});
