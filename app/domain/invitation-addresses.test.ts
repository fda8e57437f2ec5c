import { describe, expect, it } from "vitest";
import {
  MAX_INVITATION_ADDRESSES,
  checkAddress,
  checkAddresses,
  maskAddress,
  parseAddressList,
} from "./invitation-addresses";

describe("parseAddressList", () => {
  it.each([
    ["a@example.org, b@example.org", ["a@example.org", "b@example.org"]],
    ["a@example.org;b@example.org", ["a@example.org", "b@example.org"]],
    ["a@example.org\nb@example.org\r\n\tc@example.org", ["a@example.org", "b@example.org", "c@example.org"]],
    ["  A@Example.ORG  b@example.org ", ["a@example.org", "b@example.org"]],
    ["a@example.org, A@EXAMPLE.org; a@example.org", ["a@example.org"]],
    ["María López <maria@example.org>, juan@example.org", ["maria@example.org", "juan@example.org"]],
    ['"López, María" <maria@example.org>; "Juan" <juan@example.org>', ["maria@example.org", "juan@example.org"]],
    [",,; \n", []],
  ])("reads %j", (text, expected) => {
    const parsed = parseAddressList(text);
    expect(parsed.addresses).toEqual(expected);
    expect(parsed.invalid).toEqual([]);
  });

  it("names each invalid address with its reason and keeps the valid ones", () => {
    const long = `${"x".repeat(65)}@example.org`;
    const parsed = parseAddressList(`ok@example.org, nope, two@@example.org, a@b, ${long}, x@-bad.org`);
    expect(parsed.addresses).toEqual(["ok@example.org"]);
    expect(parsed.invalid).toEqual([
      { address: "nope", reason: "not_an_address" },
      { address: "two@@example.org", reason: "not_an_address" },
      { address: "a@b", reason: "not_an_address" },
      { address: long, reason: "too_long" },
      { address: "x@-bad.org", reason: "not_an_address" },
    ]);
  });

  it("allows exactly the limit and refuses one more, counting distinct entries", () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => `p${i}@example.org`);
    expect(parseAddressList(list(MAX_INVITATION_ADDRESSES).join(",")).tooMany).toBe(false);
    const over = parseAddressList(list(MAX_INVITATION_ADDRESSES + 1).join("\n"));
    expect(over.tooMany).toBe(true);
    expect(over.count).toBe(MAX_INVITATION_ADDRESSES + 1);
    // Repeats of one address do not count against the limit.
    const repeated = [...list(MAX_INVITATION_ADDRESSES), ...list(MAX_INVITATION_ADDRESSES)].join(";");
    expect(parseAddressList(repeated).tooMany).toBe(false);
  });
  it("refuses what sign-up refuses, so every invited address can make its account", () => {
    const odd = ["a!b@example.org", "a..b@example.org", ".a@example.org", "a@1.2", "a\u0001@example.org"];
    const parsed = parseAddressList(odd.join(", "));
    expect(parsed.addresses).toEqual([]);
    expect(parsed.invalid.map((p) => p.reason)).toEqual(odd.map(() => "not_an_address"));
  });

  it("reads a huge paste without separators in one pass (a quadratic scan took seconds at 64 KB)", () => {
    // Without separators the whole text is one entry; the limit is what a quadratic pattern would blow.
    for (const filler of ["a".repeat(512 * 1024), "<".repeat(512 * 1024), "x <".repeat(170_000)]) {
      const parsed = parseAddressList(filler);
      expect(parsed.addresses).toEqual([]);
    }
  });
});

describe("checkAddresses", () => {
  it("applies the same rules to an already split list", () => {
    expect(checkAddresses([" B@Example.org", "b@example.org", "", "bad"])).toEqual({
      addresses: ["b@example.org"],
      invalid: [{ address: "bad", reason: "not_an_address" }],
      count: 2,
      tooMany: false,
    });
  });

  it("refuses an entry holding two addresses", () => {
    expect(checkAddress("a@example.org b@example.org").ok).toBe(false);
  });
});

describe("maskAddress", () => {
  it.each([
    ["maria@example.org", "m•••@example.org"],
    ["m@example.org", "m•••@example.org"],
    ["broken", "•••"],
  ])("masks %s", (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });
});
