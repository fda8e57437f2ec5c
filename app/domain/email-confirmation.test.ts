import { describe, expect, it } from "vitest";
import { confirmationExpiry, emailChangeRequest } from "./email-confirmation";

describe("confirmationExpiry", () => {
  const at = new Date("2026-12-01T10:00:00Z");
  it("gives a sign-up verification link seven days", () => {
    expect(confirmationExpiry("verify", at).toISOString()).toBe("2026-12-08T10:00:00.000Z");
  });
  it("gives a change-of-address link one day", () => {
    expect(confirmationExpiry("change", at).toISOString()).toBe("2026-12-02T10:00:00.000Z");
  });
});

describe("emailChangeRequest", () => {
  it.each([
    ["rosa@example.org", "rosa@example.org"],
    ["rosa@example.org", "  Rosa@Example.ORG "],
  ])("treats %s → %s as the same address", (current, requested) => {
    expect(emailChangeRequest(current, requested)).toEqual({ kind: "same_address" });
  });
  it("lower-cases and trims a new address", () => {
    expect(emailChangeRequest("rosa@example.org", " Rosa.Garcia@Example.org")).toEqual({
      kind: "send",
      email: "rosa.garcia@example.org",
    });
  });
});
