import { describe, expect, it } from "vitest";
import { redactPath } from "./logging";

describe("redactPath", () => {
  it("hides invitation tokens in page and API paths", () => {
    expect(redactPath("/invite/abc123")).toBe("/invite/[redacted]");
    expect(redactPath("/api/v1/invitations/abc123/accept")).toBe("/api/v1/invitations/[redacted]/accept");
    expect(redactPath("/workspaces/x")).toBe("/workspaces/x");
  });

  it("hides password reset and unsubscribe tokens", () => {
    expect(redactPath("/reset-password/abc123")).toBe("/reset-password/[redacted]");
    expect(redactPath("/unsubscribe/abc123")).toBe("/unsubscribe/[redacted]");
  });

  it("hides e-mail confirmation tokens", () => {
    expect(redactPath("/verify-email/abc123")).toBe("/verify-email/[redacted]");
  });
});
