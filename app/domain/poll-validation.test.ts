import { describe, expect, it } from "vitest";
import { pollPatchSchema } from "./poll-validation";

describe("poll dates", () => {
  it.each([
    ["2027-03-01T08:00:00-08:00", "2027-03-01T16:00:00.000Z"],
    ["0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000Z"],
    ["9999-12-31T23:59:59Z", "9999-12-31T23:59:59.000Z"],
  ])("takes %s", (sent, stored) => {
    const parsed = pollPatchSchema.safeParse({ opensAt: sent });
    expect(parsed.success && parsed.data.opensAt?.toISOString()).toBe(stored);
  });

  // Year 0 (or 10000) in UTC reads as a date in JavaScript but is no timestamp Postgres takes as sent.
  it.each(["0000-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-14:00", "2027-02-29T00:00:00Z"])(
    "refuses %s as a date",
    (sent) => {
      const parsed = pollPatchSchema.safeParse({ closesAt: sent });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
        ["closesAt", "validation.dateInvalid"],
      ]);
    },
  );
});
