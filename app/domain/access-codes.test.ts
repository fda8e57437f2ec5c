import { describe, expect, it } from "vitest";
import { formatAccessCode, normalizeAccessCode, voteLink } from "./access-codes";

describe("access codes as people type them", () => {
  it.each([
    ["ABCD-EFGH-IJKL-MNOP", "ABCDEFGHIJKLMNOP"],
    ["abcd efgh ijkl mnop", "ABCDEFGHIJKLMNOP"],
    ["  ABCDEFGHIJKLMNOP ", "ABCDEFGHIJKLMNOP"],
    // Zero and one are not in the alphabet: they can only be an O and an I.
    ["0BCD-EFGH-1JKL-MN0P", "OBCDEFGHIJKLMNOP"],
    ["2345-6777-aaaa-zzzz", "23456777AAAAZZZZ"],
  ])("%s reads as %s", (typed, code) => {
    expect(normalizeAccessCode(typed)).toBe(code);
  });

  it.each([
    "",
    "ABCD-EFGH-IJKL",
    "ABCD-EFGH-IJKL-MNOPQ",
    "ABCD-EFGH-IJKL-MNO8",
    "ABCD_EFGH_IJKL_MNOP",
    "ÁBCDEFGHIJKLMNOP",
  ])("%j is no code", (typed) => {
    expect(normalizeAccessCode(typed)).toBeNull();
  });

  it("prints in four groups, and links with the code in the fragment only", () => {
    expect(formatAccessCode("ABCDEFGHIJKLMNOP")).toBe("ABCD-EFGH-IJKL-MNOP");
    expect(voteLink("https://equity.example.org", "ABCDEFGHIJKLMNOP")).toBe(
      "https://equity.example.org/vote#ABCD-EFGH-IJKL-MNOP",
    );
    expect(voteLink("https://equity.example.org")).toBe("https://equity.example.org/vote");
  });
});
