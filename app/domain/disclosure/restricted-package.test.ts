import { describe, expect, it } from "vitest";
import { m, pkg, school } from "../metrics/test-package";
import { determinedUnknowns } from "./linear-system";
import { hiddenCellsOfSchool, restrictedPackage } from "./restricted-package";

describe("determinedUnknowns", () => {
  it("finds the unknowns a system pins down, and only those", () => {
    // x0 + x1 = c, x1 = d: both pinned. x2 + x3 = e: neither.
    expect(
      [
        ...determinedUnknowns(
          [
            [1, 1, 0, 0],
            [0, 1, 0, 0],
            [0, 0, 1, 1],
          ],
          4,
        ),
      ].sort(),
    ).toEqual([0, 1]);
    expect(determinedUnknowns([[2, -2]], 2).size).toBe(0);
    expect([...determinedUnknowns([[3, 0]], 2)]).toEqual([0]);
  });
});

describe("restrictedPackage", () => {
  // 200 students: Black 5, Latinx 60, White 135. Low income 8 (4%), others 192.
  const s = school("S", 200, 4, { pctStudentsOfColor: 32.5 });
  const rows = [
    m("S", "enrollment_by_group", 5, "black"),
    m("S", "enrollment_by_group", 60, "latinx"),
    m("S", "enrollment_by_group", 135, "white"),
    m("S", "enrollment_by_group", 8, "low_income"),
    m("S", "enrollment_by_group", 192, "not_low_income"),
    m("S", "per_pupil_spending", 12000),
  ];

  it("hides a small count, a second part of its partition, and the schools.csv share that equals it", () => {
    const hidden = hiddenCellsOfSchool(s, rows);
    expect(hidden.has("enrollment_by_group:black")).toBe(true);
    // 200 − 60 − 135 would give 5 back: Latinx (the smallest other part) goes too.
    expect(hidden.has("enrollment_by_group:latinx")).toBe(true);
    expect(hidden.has("enrollment_by_group:white")).toBe(false);
    // 8 low-income students: the count, its complement and the 4% share are one figure three ways.
    for (const key of ["enrollment_by_group:low_income", "enrollment_by_group:not_low_income", "pctLowIncome"]) {
      expect(hidden.has(key), key).toBe(true);
    }
    expect(hidden.has("per_pupil_spending:all")).toBe(false);
  });

  it("hides every figure of a school of fewer than 10 students, its enrollment too", () => {
    const tiny = restrictedPackage(
      pkg(
        [school("T", 8, 50), school("U", 300, 50)],
        [m("T", "per_pupil_spending", 9000), m("U", "per_pupil_spending", 9500)],
      ),
    );
    expect(tiny.schools[0]!.concealed).toEqual(["enrollment", "pctLowIncome"]);
    expect(tiny.measures.map((r) => r.value.suppressed)).toEqual([true, false]);
    expect(tiny.schools[1]!.concealed).toBeUndefined();
  });

  it("is decided once per package, so every reader of a version gets the same table", () => {
    const p = pkg([s], rows);
    expect(restrictedPackage(p)).toBe(restrictedPackage(p));
  });

  it("hides no count that follows from something shown: nobody is enrolled where the course is not offered", () => {
    const noCourse = [
      m("S", "offers_grade8_algebra1", 0),
      m("S", "grade8_students", 30, "all"),
      m("S", "grade8_algebra1_enrolled", 0, "all"),
      m("S", "grade8_algebra1_enrolled", 0, "black"),
      m("S", "grade8_algebra1_enrolled", 0, "white"),
    ];
    const hidden = hiddenCellsOfSchool(s, noCourse);
    expect([...hidden].filter((k) => k.startsWith("grade8_algebra1_enrolled"))).toEqual([]);
  });
});
