import { describe, expect, it } from "vitest";
import {
  combine,
  divide,
  fromMeasure,
  known,
  orSuppressed,
  ratioOfSums,
  suppressed,
  tally,
  unavailable,
  valueOrNull,
  emptyCoverage,
} from "./figure";

describe("Figure", () => {
  it("a reported value, a suppression mark and a missing row stay distinct; none is 0", () => {
    expect(fromMeasure({ suppressed: false, value: 0 })).toEqual(known(0));
    expect(fromMeasure({ suppressed: true })).toEqual(suppressed());
    expect(fromMeasure(undefined)).toEqual(unavailable("no_data"));
    expect([known(3), suppressed(), unavailable("no_data")].map(valueOrNull)).toEqual([3, null, null]);
  });

  it("combine: suppressed in, suppressed out; unavailable wins over suppressed", () => {
    expect(combine([known(2), known(3)], (a, b) => a * b)).toEqual(known(6));
    expect(combine([known(2), suppressed()], (a, b) => a * b)).toEqual(suppressed());
    expect(combine([suppressed(), unavailable("no_variation")], (a, b) => a + b)).toEqual(unavailable("no_variation"));
  });

  it("divide by a known 0 is unavailable even over a hidden numerator", () => {
    expect(divide(known(1), known(4))).toEqual(known(0.25));
    expect(divide(suppressed(), known(0))).toEqual(unavailable("zero_denominator"));
    expect(divide(known(1), suppressed())).toEqual(suppressed());
  });

  it("tally and ratioOfSums: left-out schools are counted; only hidden inputs left → suppressed", () => {
    const c = emptyCoverage();
    expect(tally(c, [known(1), known(2)])).toEqual([1, 2]);
    expect(tally(c, [known(1), suppressed()])).toBeNull();
    expect(tally(c, [suppressed(), unavailable("no_data")])).toBeNull();
    expect(c).toEqual({ schoolsIncluded: 1, schoolsSuppressed: 1, schoolsMissing: 1 });
    expect(ratioOfSums(3, 4, c)).toEqual(known(0.75));
    expect(ratioOfSums(0, 0, { schoolsIncluded: 0, schoolsSuppressed: 2, schoolsMissing: 0 })).toEqual(suppressed());
    expect(ratioOfSums(0, 0, emptyCoverage())).toEqual(unavailable("no_data"));
    expect(orSuppressed(unavailable("zero_denominator"), emptyCoverage())).toEqual(unavailable("zero_denominator"));
  });
});
