import { describe, expect, it } from "vitest";
import { m, pkg, school } from "../metrics/test-package";
import { DEFAULT_WEIGHTS, parseNeedWeights, simulateFunding } from "./funding-simulator";

describe("parseNeedWeights", () => {
  const parse = (query: string) => parseNeedWeights(new URLSearchParams(query));

  it("takes the defaults for absent parameters", () => {
    expect(parse("")).toEqual({
      ok: true,
      weights: { lowIncome: 0.3, englishLearners: 0.2, studentsWithDisabilities: 0.9 },
      values: { low_income: "0.3", english_learner: "0.2", disability: "0.9" },
    });
    expect(DEFAULT_WEIGHTS).toEqual({ low_income: 0.3, english_learner: 0.2, disability: 0.9 });
  });

  it.each([
    ["low_income=0.5", 0.5],
    ["low_income=%2B0.5", 0.5],
    ["low_income=0,5", 0.5],
    ["low_income=.5", 0.5],
    ["low_income=+0", 0],
    ["low_income=3", 3],
    ["low_income=%201.25%20", 1.25],
  ])("%s → %s", (query, weight) => {
    const r = parse(query);
    expect(r.ok && r.weights.lowIncome).toBe(weight);
  });

  it.each([
    ["disability=", "validation.needWeightNumber"],
    ["disability=abc", "validation.needWeightNumber"],
    ["disability=1e2", "validation.needWeightNumber"],
    ["disability=0.3.1", "validation.needWeightNumber"],
    ["disability=-0.1", "validation.needWeightRange"],
    ["disability=3.01", "validation.needWeightRange"],
  ])("%s is refused with %s, and the text is kept for the form", (query, message) => {
    const r = parse(query);
    expect(r).toMatchObject({ ok: false, errors: { disability: message } });
    expect(r.values.disability).toBe(new URLSearchParams(query).get("disability"));
    expect(r.values.low_income).toBe("0.3");
  });
});

// Hand-checked: weights +0.5 low income, +0.2 English learners.
//   A 100 students, 20% low income, $10,000  → current 1,000,000; weighted 100·(1 + 0.1) = 110
//   B 100 students, 80% low income, $10,000  → current 1,000,000; weighted 100·(1 + 0.4) = 140
//   C 200 students, 50% / 50% EL,   $16,000  → current 3,200,000; weighted 200·(1 + 0.25 + 0.1) = 270
//   T   8 students, 50% low income, $19,125  → current   153,000; weighted 8·(1 + 0.25) = 10
//   D  50 students, no spending reported     → left out
// Budget 5,353,000 over 530 weighted students = $10,100 each:
//   A 1,111,000 (+111,000), B 1,414,000 (+414,000), C 2,727,000 (−473,000), T 101,000 (−52,000).
const schools = [
  school("A", 100, 20),
  school("B", 100, 80),
  school("C", 200, 50, { pctEnglishLearners: 50 }),
  school("T", 8, 50),
  school("D", 50, 10),
];
const measures = [
  m("A", "per_pupil_spending", 10000),
  m("B", "per_pupil_spending", 10000),
  m("C", "per_pupil_spending", 16000),
  m("T", "per_pupil_spending", 19125),
];
const weights = { lowIncome: 0.5, englishLearners: 0.2, studentsWithDisabilities: 0 };

describe("simulateFunding", () => {
  it("lists every school's current and need-weighted allocation, largest gain first", () => {
    const r = simulateFunding(pkg(schools, measures), weights, { suppressSmallCells: false });
    expect(r.totalBudget).toBe(5_353_000);
    expect(r.schools.map((s) => s.schoolId)).toEqual(["B", "A", "T", "C"]);
    const want = { A: [1_111_000, 111_000], B: [1_414_000, 414_000], C: [2_727_000, -473_000], T: [101_000, -52_000] };
    for (const s of r.schools) {
      const [needWeighted, difference] = want[s.schoolId as keyof typeof want];
      expect(s.needWeighted).toBeCloseTo(needWeighted!, 6);
      expect(s.difference).toBeCloseTo(difference!, 6);
      expect(s.hidden).toBe(false);
    }
    expect(r.schools.find((s) => s.schoolId === "T")).toMatchObject({
      schoolName: "School T",
      enrollment: 8,
      current: 153_000,
      currentPerPupil: 19_125,
    });
    expect(r.schools.find((s) => s.schoolId === "T")!.needWeightedPerPupil).toBeCloseTo(12_625, 6);
    expect(r.excluded).toEqual([{ schoolId: "D", schoolName: "School D", reason: "missing" }]);
    expect(r.summary).toMatchObject({ gain: 2, lose: 2, same: 0, hidden: 0, excluded: 1 });
    expect(r.summary.largestGain).toMatchObject({ schoolName: "School B" });
    expect(r.summary.largestGain!.difference).toBeCloseTo(414_000, 6);
    expect(r.summary.largestGain!.perPupil).toBeCloseTo(4_140, 6);
    expect(r.summary.largestLoss).toMatchObject({ schoolName: "School C" });
    expect(r.summary.largestLoss!.perPupil).toBeCloseTo(-2_365, 6);
  });

  it("leaves a school of fewer than 10 students out of a restricted reader's simulation, so no figure rests on it", () => {
    const r = simulateFunding(pkg(schools, measures), weights, { suppressSmallCells: true });
    // T has 8 students: its spending is hidden from this reader, so its dollars are not in the
    // budget either; the budget shared is the shown schools', and no other school need be hidden.
    expect(r.schools.map((s) => [s.schoolId, s.hidden])).toEqual([
      ["B", false],
      ["A", false],
      ["C", false],
    ]);
    expect(r.excluded).toEqual([
      { schoolId: "T", schoolName: "School T", reason: "suppressed" },
      { schoolId: "D", schoolName: "School D", reason: "missing" },
    ]);
    expect(r.totalBudget).toBe(5_353_000 - 153_000);
    expect(r.summary).toMatchObject({ hidden: 0, excluded: 2 });
  });

  it("has no budget to share when the only school is too small to show", () => {
    const r = simulateFunding(pkg([school("T", 8, 50)], [m("T", "per_pupil_spending", 19125)]), weights, {
      suppressSmallCells: true,
    });
    expect(r.totalBudget).toBeNull();
    expect(r.schools).toEqual([]);
    expect(r.excluded).toEqual([{ schoolId: "T", schoolName: "School T", reason: "suppressed" }]);
    expect(r.summary).toMatchObject({ gain: 0, lose: 0, hidden: 0, largestGain: null, largestLoss: null });
  });

  it("with no weights nobody changes by a dollar or more once spending is equal per pupil", () => {
    const even = [school("A", 100, 20), school("B", 300, 90)];
    const r = simulateFunding(
      pkg(even, [m("A", "per_pupil_spending", 12000), m("B", "per_pupil_spending", 12000)]),
      { lowIncome: 0, englishLearners: 0, studentsWithDisabilities: 0 },
      { suppressSmallCells: false },
    );
    expect(r.summary).toMatchObject({ gain: 0, lose: 0, same: 2, largestGain: null, largestLoss: null });
  });
});
