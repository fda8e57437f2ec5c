import { describe, expect, it } from "vitest";
import { isPermanentRefusal } from "./worker";

describe("isPermanentRefusal", () => {
  it("treats a 5xx to the recipient or the message as final", () => {
    expect(isPermanentRefusal({ code: "EENVELOPE", responseCode: 550 })).toBe(true);
    expect(isPermanentRefusal({ code: "EMESSAGE", responseCode: 554 })).toBe(true);
  });

  it("retries everything else: 4xx, refused connections, timeouts, and a 5xx to the login", () => {
    expect(isPermanentRefusal({ code: "EENVELOPE", responseCode: 451 })).toBe(false);
    expect(isPermanentRefusal({ code: "ECONNECTION" })).toBe(false);
    expect(isPermanentRefusal({ code: "ETIMEDOUT" })).toBe(false);
    expect(isPermanentRefusal({ code: "EAUTH", responseCode: 535 })).toBe(false);
    expect(isPermanentRefusal(new Error("boom"))).toBe(false);
  });
});
