import { describe, expect, it } from "vitest";
import { povertyQuartiles } from "./poverty-quartiles";
import { school } from "./test-package";

const quartilesOf = (pcts: number[]) =>
  povertyQuartiles(pcts.map((p, i) => school(`S${i}`, 100, p))).map((a) => [a.school.schoolId, a.quartile]);

describe("povertyQuartiles", () => {
  it("n = 4 and n = 8: equal quartiles, lowest poverty first", () => {
    expect(quartilesOf([40, 10, 30, 20])).toEqual([
      ["S1", 1],
      ["S3", 2],
      ["S2", 3],
      ["S0", 4],
    ]);
    expect(quartilesOf([1, 2, 3, 4, 5, 6, 7, 8]).map(([, q]) => q)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it("n = 5: floor(4i/5)+1 for i = 0..4 is 1, 1, 2, 3, 4", () => {
    // 4·1/5 = 0.8 → 1; 4·2/5 = 1.6 → 2; 4·3/5 = 2.4 → 3; 4·4/5 = 3.2 → 4
    expect(quartilesOf([10, 20, 30, 40, 50]).map(([, q]) => q)).toEqual([1, 1, 2, 3, 4]);
  });

  it("n = 6: floor(4i/6)+1 for i = 0..5 is 1, 1, 2, 3, 3, 4", () => {
    // 4/6 = 0.67 → 1; 8/6 = 1.33 → 2; 12/6 = 2 → 3; 16/6 = 2.67 → 3; 20/6 = 3.33 → 4
    expect(quartilesOf([10, 20, 30, 40, 50, 60]).map(([, q]) => q)).toEqual([1, 1, 2, 3, 3, 4]);
  });

  it("n < 4 leaves quartiles empty; n = 0 is empty", () => {
    // n = 2: i = 0 → 1; 4·1/2 = 2 → 3.  n = 3: 0 → 1; 1.33 → 2; 2.67 → 3.
    expect(quartilesOf([5, 6]).map(([, q]) => q)).toEqual([1, 3]);
    expect(quartilesOf([5, 6, 7]).map(([, q]) => q)).toEqual([1, 2, 3]);
    expect(povertyQuartiles([])).toEqual([]);
  });

  it("breaks ties by school_id as a plain string compare, whatever the input order", () => {
    const schools = [
      school("S2", 1, 50),
      school("b", 1, 50),
      school("S10", 1, 50),
      school("B", 1, 50),
      school("Z", 1, 10),
    ];
    // Code units: "B" (66) < "S10" < "S2" ("1" < "2") < "b" (98); no locale or numeric ordering.
    expect(povertyQuartiles(schools).map((a) => [a.school.schoolId, a.position, a.quartile])).toEqual([
      ["Z", 0, 1],
      ["B", 1, 1],
      ["S10", 2, 2],
      ["S2", 3, 3],
      ["b", 4, 4],
    ]);
    expect(povertyQuartiles([...schools].reverse()).map((a) => a.school.schoolId)).toEqual([
      "Z",
      "B",
      "S10",
      "S2",
      "b",
    ]);
    expect(schools[0]!.schoolId).toBe("S2"); // input not reordered
  });

  it("a tie that straddles a quartile boundary is split by id, not shared", () => {
    // n = 4, all at 50%: each id gets its own quartile.
    expect(quartilesOf([50, 50, 50, 50])).toEqual([
      ["S0", 1],
      ["S1", 2],
      ["S2", 3],
      ["S3", 4],
    ]);
  });
});
