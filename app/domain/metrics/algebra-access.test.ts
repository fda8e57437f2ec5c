import { describe, expect, it } from "vitest";
import type { MeasureRow, StudentGroup } from "../district-data/types";
import { algebraAccess } from "./algebra-access";
import { known, suppressed, unavailable, type Figure } from "./figure";
import { m, pkg, school } from "./test-package";

const schools = ["S1", "S2", "S3", "S4"].map((id) => school(id, 500, 50));
const g8 = (id: string, group: StudentGroup, n: number | "*", enrolled?: number | "*"): MeasureRow[] => [
  m(id, "grade8_students", n, group),
  ...(enrolled === undefined ? [] : [m(id, "grade8_algebra1_enrolled", enrolled, group)]),
];
// S1, S2 offer Algebra 1; S3, S4 do not.
const offers = [
  m("S1", "offers_grade8_algebra1", 1),
  m("S2", "offers_grade8_algebra1", 1),
  m("S3", "offers_grade8_algebra1", 0),
  m("S4", "offers_grade8_algebra1", 0),
];
const white = [
  ...g8("S1", "white", 40, 20),
  ...g8("S2", "white", 60, 40),
  ...g8("S3", "white", 20, 0),
  ...g8("S4", "white", 0),
];
const latinx = [
  ...g8("S1", "latinx", 10, 2),
  ...g8("S2", "latinx", 30, 6),
  ...g8("S3", "latinx", 60, 0),
  ...g8("S4", "latinx", 20),
];
const base = [...offers, ...white, ...latinx];

const value = (f: Figure) => (f.kind === "value" ? f.value : Number.NaN);

describe("algebraAccess", () => {
  it("decomposes the gap; the two parts sum to it", () => {
    // White (A): N = 40+60+20+0 = 120, O = 40+60 = 100, E = 20+40+0+0 = 60
    //   a = 100/120 = 5/6, c = 60/100 = 0.6, r = 60/120 = 0.5
    // Latinx (B): N = 10+30+60+20 = 120, O = 10+30 = 40, E = 2+6+0+0 = 8
    //   a = 40/120 = 1/3, c = 8/40 = 0.2, r = 8/120 = 1/15
    // gap = 0.5 − 1/15 = 13/30
    // access part = (5/6 − 1/3)(0.6 + 0.2)/2 = 0.5·0.8/2 = 0.2
    // assignment part = (0.6 − 0.2)(5/6 + 1/3)/2 = 0.4·(7/6)/2 = 7/30; 0.2 + 7/30 = 13/30
    // share due to access = 0.2/(13/30) = 6/13
    const r = algebraAccess(pkg(schools, base), "white", "latinx");
    expect(r.reference.grade8Students).toEqual(known(120));
    expect(r.reference.inOfferingSchools).toEqual(known(100));
    expect(r.reference.enrolled).toEqual(known(60));
    expect(value(r.reference.access)).toBeCloseTo(5 / 6, 12);
    expect(r.reference.assignment).toEqual(known(0.6));
    expect(r.reference.rate).toEqual(known(0.5));
    expect(value(r.focal.access)).toBeCloseTo(1 / 3, 12);
    expect(r.focal.assignment).toEqual(known(0.2));
    expect(value(r.focal.rate)).toBeCloseTo(1 / 15, 12);
    expect(value(r.gap)).toBeCloseTo(13 / 30, 12);
    expect(value(r.accessPart)).toBeCloseTo(0.2, 12);
    expect(value(r.assignmentPart)).toBeCloseTo(7 / 30, 12);
    expect(value(r.accessPart) + value(r.assignmentPart)).toBeCloseTo(value(r.gap), 14);
    expect(value(r.accessShare)).toBeCloseTo(6 / 13, 12);
    // S4 reported grade 8 students but no enrolled row; it does not offer the course, so E there is 0.
    expect(r.focal.coverage).toEqual({ schoolsIncluded: 4, schoolsSuppressed: 0, schoolsMissing: 0 });
  });

  it("O = 0: assignment is 0, and the parts still sum to the gap", () => {
    // Native American students only at S3 (no Algebra 1): N = 5, O = 0, E = 0 → a = 0, c = 0, r = 0
    // gap = 0.5 − 0; access = (5/6 − 0)(0.6 + 0)/2 = 0.25; assignment = (0.6 − 0)(5/6 + 0)/2 = 0.25
    const r = algebraAccess(pkg(schools, [...base, ...g8("S3", "native_american", 5, 0)]), "white", "native_american");
    expect(r.focal).toMatchObject({
      access: known(0),
      assignment: known(0),
      rate: known(0),
      inOfferingSchools: known(0),
    });
    expect(r.gap).toEqual(known(0.5));
    expect(value(r.accessPart)).toBeCloseTo(0.25, 12);
    expect(value(r.assignmentPart)).toBeCloseTo(0.25, 12);
    expect(value(r.accessShare)).toBeCloseTo(0.5, 12);
  });

  it("a zero gap has no share", () => {
    const r = algebraAccess(pkg(schools, base), "white", "white");
    expect(r.gap).toEqual(known(0));
    expect(r.accessPart).toEqual(known(0));
    expect(r.accessShare).toEqual(unavailable("zero_denominator"));
  });

  it("a suppressed count at an offering school makes the group's N and O, and everything after, suppressed", () => {
    const measures = [...offers, ...white, ...g8("S1", "latinx", "*", 2), ...latinx.filter((r) => r.schoolId !== "S1")];
    const r = algebraAccess(pkg(schools, measures), "white", "latinx");
    expect(r.focal).toMatchObject({
      grade8Students: suppressed(),
      inOfferingSchools: suppressed(),
      enrolled: known(8),
    });
    expect(r.focal).toMatchObject({ access: suppressed(), assignment: suppressed(), rate: suppressed() });
    expect([r.gap, r.accessPart, r.assignmentPart, r.accessShare]).toEqual([
      suppressed(),
      suppressed(),
      suppressed(),
      suppressed(),
    ]);
    expect(r.focal.coverage).toEqual({ schoolsIncluded: 3, schoolsSuppressed: 1, schoolsMissing: 0 });
    expect(r.reference.rate).toEqual(known(0.5)); // the other group is unaffected
  });

  it("hidden only where it matters: a suppressed count at a school without the course leaves O, E and c known", () => {
    // Latinx N suppressed at S3 (offers = 0): O = 40 and E = 8 are still exact, so c = 8/40 = 0.2.
    const measures = [...offers, ...white, ...latinx.filter((r) => r.schoolId !== "S3"), ...g8("S3", "latinx", "*", 0)];
    const r = algebraAccess(pkg(schools, measures), "white", "latinx");
    expect(r.focal).toMatchObject({ grade8Students: suppressed(), inOfferingSchools: known(40), enrolled: known(8) });
    expect(r.focal).toMatchObject({ assignment: known(0.2), access: suppressed(), rate: suppressed() });
  });

  it("a suppressed enrolled count hides c and r but not a", () => {
    const measures = [
      ...offers,
      ...white,
      ...latinx.filter((r) => !(r.schoolId === "S2" && r.measure === "grade8_algebra1_enrolled")),
      m("S2", "grade8_algebra1_enrolled", "*", "latinx"),
    ];
    const r = algebraAccess(pkg(schools, measures), "white", "latinx");
    expect(value(r.focal.access)).toBeCloseTo(1 / 3, 12);
    expect(r.focal).toMatchObject({ assignment: suppressed(), rate: suppressed(), enrolled: suppressed() });
    expect(r.accessPart).toEqual(suppressed());
  });

  it("a suppressed offer flag hides O unless the school has no students of the group", () => {
    const measures = [
      m("S1", "offers_grade8_algebra1", "*"),
      ...offers.slice(1),
      ...white,
      ...latinx,
      ...g8("S1", "asian", 0, 0),
      ...g8("S2", "asian", 10, 5),
    ];
    const r = algebraAccess(pkg(schools, measures), "asian", "latinx");
    expect(r.reference).toMatchObject({
      inOfferingSchools: known(10),
      access: known(1),
      assignment: known(0.5),
      rate: known(0.5),
    });
    expect(r.focal).toMatchObject({ inOfferingSchools: suppressed(), access: suppressed(), rate: known(8 / 120) });
    expect(r.gap.kind).toBe("value"); // r = E/N needs no flag
    expect(r.accessPart).toEqual(suppressed());
  });

  it("schools not reporting the group, or an offering school with no enrolled count, are left out and counted", () => {
    // Latinx at S2 has students but no enrolled row while S2 offers the course: S2 is left out.
    // N = 10+60+20 = 90, O = 10, E = 2 → a = 1/9, c = 0.2, r = 2/90
    const measures = [
      ...offers,
      ...white,
      ...latinx.filter((r) => !(r.schoolId === "S2" && r.measure === "grade8_algebra1_enrolled")),
    ];
    const r = algebraAccess(pkg(schools, measures), "white", "latinx");
    expect(r.focal.grade8Students).toEqual(known(90));
    expect(r.focal.inOfferingSchools).toEqual(known(10));
    expect(r.focal.assignment).toEqual(known(0.2));
    expect(r.focal.coverage).toEqual({ schoolsIncluded: 3, schoolsSuppressed: 0, schoolsMissing: 1 });
    // No rows for a group at all: nothing to compute.
    const none = algebraAccess(pkg(schools, base), "white", "pacific_islander");
    expect(none.focal.access).toEqual(unavailable("no_data"));
    expect(none.focal.coverage.schoolsMissing).toBe(4);
    expect(none.gap).toEqual(unavailable("no_data"));
  });

  it("an unreported offer flag counts as not offering (O sums schools with the flag = 1)", () => {
    const measures = [m("S1", "offers_grade8_algebra1", 1), ...white];
    // O = 40 (S1 only); S2's 40 enrolled still count in E: c = 60/40 = 1.5, a = 40/120
    const r = algebraAccess(pkg(schools, measures), "white", "white");
    expect(r.reference.inOfferingSchools).toEqual(known(40));
    expect(r.reference.assignment).toEqual(known(1.5));
  });
});
