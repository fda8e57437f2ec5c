import { describe, expect, it } from "vitest";
import { ballotChoices, formClientToken } from "./ballot-fields.server";

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
};
const options = [{ code: "P1" }, { code: "P2" }];

describe("the ballot form's fields", () => {
  it("takes a client token of 1 to 200 characters, and none otherwise (as the API does)", () => {
    expect(formClientToken("abc")).toBe("abc");
    expect(formClientToken("x".repeat(200))).toBe("x".repeat(200));
    expect(formClientToken("x".repeat(201))).toBeNull();
    expect(formClientToken("")).toBeNull();
    expect(formClientToken(null)).toBeNull();
    expect(formClientToken(new File(["t"], "t.txt"))).toBeNull();
  });

  it("reads ranks the form offers, best first, and refuses any other rank", () => {
    expect(
      ballotChoices(
        "ranked",
        options,
        form([
          ["rank.P2", "1"],
          ["rank.P1", "2"],
        ]),
      ),
    ).toEqual({ value: ["P2", "P1"] });
    for (const bad of ["0", "-1", "1.5", "abc", "1e2"])
      expect(ballotChoices("ranked", options, form([["rank.P1", bad]]))).toEqual({ error: "ballot.rankInvalid" });
    expect(
      ballotChoices(
        "ranked",
        options,
        form([
          ["rank.P1", "1"],
          ["rank.P2", "1"],
        ]),
      ),
    ).toEqual({
      error: "ballot.rankTwice",
    });
  });
});
