import { describe, expect, it } from "vitest";
import { known, suppressed, unavailable } from "./figure";
import { groupOutcomes } from "./group-outcomes";
import { m, pkg, school } from "./test-package";

const schools = [school("S1", 400, 30), school("S2", 100, 60), school("S3", 500, 45)];
const ca = "chronic_absence_pct";
const measures = [
  m("S1", ca, 10),
  m("S2", ca, 30),
  m("S3", ca, 12),
  m("S1", ca, 20, "black"),
  m("S1", "enrollment_by_group", 100, "black"),
  m("S2", ca, 40, "black"),
  m("S2", "enrollment_by_group", 50, "black"),
  m("S3", ca, 16, "black"),
  m("S3", "enrollment_by_group", 50, "black"),
  m("S1", ca, 5, "white"),
  m("S1", "enrollment_by_group", 200, "white"),
  m("S2", ca, "*", "white"),
  m("S2", "enrollment_by_group", 30, "white"),
  m("S3", ca, 8, "white"), // no enrollment_by_group for white at S3
  m("S2", ca, "*", "latinx"),
  m("S1", "suspensions_per_100", 3),
  m("S2", "suspensions_per_100", 9),
];

describe("groupOutcomes", () => {
  it("all students: weighted by school enrollment", () => {
    // (10·400 + 30·100 + 12·500)/1000 = 13,000/1000 = 13
    const all = groupOutcomes(pkg(schools, measures), ca).find((r) => r.group === "all")!;
    expect(all).toEqual({
      group: "all",
      value: known(13),
      weighting: "students_in_group",
      students: known(1000),
      coverage: { schoolsIncluded: 3, schoolsSuppressed: 0, schoolsMissing: 0 },
    });
  });

  it("a group: weighted by the group's enrollment at each school", () => {
    // (20·100 + 40·50 + 16·50)/200 = 4800/200 = 24 (by school enrollment it would be 15.6)
    const black = groupOutcomes(pkg(schools, measures), ca).find((r) => r.group === "black")!;
    expect(black).toMatchObject({ value: known(24), weighting: "students_in_group", students: known(200) });
  });

  it("suppressed value left out; a missing group count switches the whole average to school enrollment", () => {
    // S2 suppressed → left out. S3 has no white count, so every school weighs by total enrollment:
    // (5·400 + 8·500)/(400 + 500) = 6000/900 = 6.67; the group's n is unknown.
    const white = groupOutcomes(pkg(schools, measures), ca).find((r) => r.group === "white")!;
    expect(white.value.kind === "value" && white.value.value).toBeCloseTo(6000 / 900, 12);
    expect(white).toMatchObject({ weighting: "school_enrollment", students: unavailable("no_data") });
    expect(white.coverage).toEqual({ schoolsIncluded: 2, schoolsSuppressed: 1, schoolsMissing: 0 });
    const latinx = groupOutcomes(pkg(schools, measures), ca).find((r) => r.group === "latinx")!;
    expect(latinx.coverage).toEqual({ schoolsIncluded: 0, schoolsSuppressed: 1, schoolsMissing: 2 });
  });

  it("only suppressed values: the group's figure is suppressed; unreported groups are not listed", () => {
    const rows = groupOutcomes(pkg(schools, measures), ca);
    expect(rows.map((r) => r.group)).toEqual(["all", "black", "latinx", "white"]);
    expect(rows.find((r) => r.group === "latinx")!.value).toEqual(suppressed());
  });

  it("works the same for suspensions; a school without the measure is counted as missing", () => {
    // (3·400 + 9·100)/500 = 2100/500 = 4.2
    const [all] = groupOutcomes(pkg(schools, measures), "suspensions_per_100");
    expect(all).toMatchObject({
      group: "all",
      value: known(4.2),
      coverage: { schoolsIncluded: 2, schoolsSuppressed: 0, schoolsMissing: 1 },
    });
  });

  it("a hidden group count makes n suppressed and falls back to school enrollment", () => {
    const two = [
      m("S1", ca, 20, "asian"),
      m("S1", "enrollment_by_group", "*", "asian"),
      m("S2", ca, 40, "asian"),
      m("S2", "enrollment_by_group", 5, "asian"),
    ];
    // (20·400 + 40·100)/500 = 24
    const [asian] = groupOutcomes(pkg(schools, two), ca);
    expect(asian).toMatchObject({
      group: "asian",
      value: known(24),
      weighting: "school_enrollment",
      students: suppressed(),
    });
  });
});
