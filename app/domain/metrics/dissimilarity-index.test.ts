import { describe, expect, it } from "vitest";
import type { MeasureRow } from "../district-data/types";
import { dissimilarityIndex } from "./dissimilarity-index";
import { known, suppressed, unavailable } from "./figure";
import { m, pkg, school } from "./test-package";

const schools = ["S1", "S2", "S3"].map((id) => school(id, 100, 50));
const counts = (rows: [string, number | "*" | null, number | "*" | null][]): MeasureRow[] =>
  rows.flatMap(([id, a, b]) => [
    ...(a === null ? [] : [m(id, "enrollment_by_group", a, "black")]),
    ...(b === null ? [] : [m(id, "enrollment_by_group", b, "white")]),
  ]);
const D = (rows: [string, number | "*" | null, number | "*" | null][]) =>
  dissimilarityIndex(pkg(schools, counts(rows)), "black", "white");

describe("dissimilarityIndex", () => {
  it("0 for identical distributions", () => {
    // shares: black 10/40, 30/40 = .25, .75; white 20/80, 60/80 = .25, .75 → ½(0 + 0) = 0
    expect(
      D([
        ["S1", 10, 20],
        ["S2", 30, 60],
      ]).index,
    ).toEqual(known(0));
  });

  it("1 for complete separation", () => {
    // ½(|50/50 − 0/40| + |0/50 − 40/40|) = ½(1 + 1) = 1
    expect(
      D([
        ["S1", 50, 0],
        ["S2", 0, 40],
      ]).index,
    ).toEqual(known(1));
  });

  it("in between", () => {
    // A = 40, B = 80: ½(|30/40 − 20/80| + |10/40 − 20/80| + |0 − 40/80|) = ½(0.5 + 0 + 0.5) = 0.5
    const r = D([
      ["S1", 30, 20],
      ["S2", 10, 20],
      ["S3", 0, 40],
    ]);
    expect(r.index).toEqual(known(0.5));
    expect(r).toMatchObject({ totalA: known(40), totalB: known(80) });
  });

  it("a suppressed count makes D suppressed (A and B cannot be known)", () => {
    const r = D([
      ["S1", 30, 20],
      ["S2", "*", 20],
      ["S3", 0, 40],
    ]);
    expect(r).toMatchObject({ index: suppressed(), totalA: suppressed(), totalB: known(80) });
    expect(r.coverage).toEqual({ schoolsIncluded: 2, schoolsSuppressed: 1, schoolsMissing: 0 });
  });

  it("a school lacking either count is left out and counted", () => {
    // S3 has no black count: D over S1, S2 = ½(|30/40 − 20/40| + |10/40 − 20/40|) = ½(0.25 + 0.25) = 0.25
    const r = D([
      ["S1", 30, 20],
      ["S2", 10, 20],
      ["S3", null, 40],
    ]);
    expect(r.index).toEqual(known(0.25));
    expect(r.coverage).toEqual({ schoolsIncluded: 2, schoolsSuppressed: 0, schoolsMissing: 1 });
  });

  it("unavailable with no data or a group with no students", () => {
    expect(D([]).index).toEqual(unavailable("no_data"));
    expect(
      D([
        ["S1", 0, 10],
        ["S2", 0, 5],
      ]).index,
    ).toEqual(unavailable("zero_denominator"));
  });
});
