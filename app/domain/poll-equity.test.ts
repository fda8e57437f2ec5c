import { describe, expect, it } from "vitest";
import { m, pkg, school } from "./metrics/test-package";
import { optionContexts, representativeness } from "./poll-equity";
import type { StakeholderGroup } from "./roles";

// Four schools, one per poverty quartile: A lowest poverty … D highest.
const data = pkg(
  [school("A", 400, 10), school("B", 300, 40), school("C", 200, 60), school("D", 100, 90)],
  [
    m("A", "per_pupil_spending", 10_000),
    m("B", "per_pupil_spending", 11_000),
    m("C", "per_pupil_spending", 12_000),
    m("D", "per_pupil_spending", 14_000),
  ],
);

describe("an option's equity context", () => {
  it("gives its schools' quartiles, enrollment and enrollment-weighted spending against the district's", () => {
    const ctx = optionContexts(data, [{ code: "P1", schools: ["C", "D"] }]).get("P1")!;
    expect(ctx.schools.map((s) => [s.id, s.quartile])).toEqual([
      ["C", 3],
      ["D", 4],
    ]);
    expect(ctx.enrollment).toBe(300);
    // (12,000·200 + 14,000·100) / 300
    expect(ctx.perPupilSpending).toBeCloseTo(12_666.67, 2);
    // (10,000·400 + 11,000·300 + 12,000·200 + 14,000·100) / 1,000
    expect(ctx.districtPerPupilSpending).toBe(11_100);
  });

  it("keeps a school's hidden enrollment hidden, in the school and in the option's total", () => {
    const restricted = pkg(
      [school("A", 400, 10), school("B", 300, 40), school("C", 8, 60, { concealed: ["enrollment"] })],
      [m("C", "per_pupil_spending", 12_000)],
    );
    const ctx = optionContexts(restricted, [{ code: "P1", schools: ["B", "C"] }]).get("P1")!;
    expect(ctx.schools.find((s) => s.id === "C")!.enrollment).toBeNull();
    expect(ctx.schools.find((s) => s.id === "B")!.enrollment).toBe(300);
    expect(ctx.enrollment).toBeNull();
  });

  it("leaves out options with no schools, and schools the data no longer holds", () => {
    const contexts = optionContexts(data, [
      { code: "P1", schools: [] },
      { code: "P2", schools: ["gone", "A"] },
    ]);
    expect(contexts.has("P1")).toBe(false);
    expect(contexts.get("P2")!.schools.map((s) => s.id)).toEqual(["A"]);
  });
});

const ballots = (n: number, group: StakeholderGroup | null, schoolId: string | null) =>
  Array.from({ length: n }, () => ({ group, schoolId }));

describe("representativeness", () => {
  it("sets ballots by the voter's school quartile against each quartile's share of students", () => {
    const r = representativeness(
      [...ballots(30, "family", "A"), ...ballots(10, "family", "D"), ...ballots(5, "family", null)],
      new Map([["family", 200]]),
      data,
    );
    expect(r.namedSchool).toBe(40);
    expect(r.byQuartile).toEqual([
      { quartile: 1, ballots: 30, ballotShare: 75, enrollmentShare: 40 },
      { quartile: 2, ballots: 0, ballotShare: 0, enrollmentShare: 30 },
      { quartile: 3, ballots: 0, ballotShare: 0, enrollmentShare: 20 },
      { quartile: 4, ballots: 10, ballotShare: 25, enrollmentShare: 10 },
    ]);
    expect(r.byGroup).toEqual([{ group: "family", ballots: 45, eligible: 200 }]);
  });

  it("hides a quartile under ten ballots, and another with it when one alone could be subtracted", () => {
    const r = representativeness(
      [...ballots(30, "family", "A"), ...ballots(12, "family", "B"), ...ballots(4, "family", "D")],
      new Map([["family", 100]]),
      data,
    );
    const shown = r.byQuartile!.map((q) => q.ballots);
    // 4 alone would be 46 − 30 − 12: the smallest shown count (12) is hidden with it.
    expect(shown).toEqual([30, null, 0, null]);
  });

  it("hides a group's ballots under ten, and never a group's choices", () => {
    const r = representativeness(
      [...ballots(25, "family", null), ...ballots(12, "student", null), ...ballots(3, "educator", null)],
      new Map<StakeholderGroup, number>([
        ["family", 60],
        ["student", 40],
        ["educator", 10],
      ]),
      null,
    );
    expect(r.byGroup).toEqual([
      { group: "family", ballots: 25, eligible: 60 },
      { group: "student", ballots: null, eligible: 40 },
      { group: "educator", ballots: null, eligible: 10 },
    ]);
    expect(r.byQuartile).toBeNull();
  });

  it("shows no quartile's share of students when one of them is hidden from the reader", () => {
    const restricted = pkg([
      school("A", 400, 10),
      school("B", 300, 40),
      school("C", 200, 60),
      school("D", 8, 90, { concealed: ["enrollment"] }),
    ]);
    const r = representativeness(ballots(20, "family", "A"), new Map([["family", 20]]), restricted);
    expect(r.byQuartile!.map((q) => q.enrollmentShare)).toEqual([null, null, null, null]);
  });
});
