import { describe, expect, it } from "vitest";
import { known, suppressed, unavailable } from "./figure";
import { teacherStudentDiversity } from "./teacher-student-diversity";
import { m, pkg, school } from "./test-package";

const schools = [
  school("S1", 400, 50, { pctStudentsOfColor: 50 }),
  school("S2", 100, 50, { pctStudentsOfColor: 90 }),
  school("S3", 500, 50),
  school("S4", 100, 50, { pctStudentsOfColor: 30 }),
];
const measures = [
  m("S1", "teachers_fte", 20),
  m("S1", "teachers_of_color_fte", 5),
  m("S2", "teachers_fte", 10),
  m("S2", "teachers_of_color_fte", "*"),
  m("S3", "teachers_fte", 30),
  m("S3", "teachers_of_color_fte", 15),
  // S4: no teacher rows
];

describe("teacherStudentDiversity", () => {
  it("per school: teachers of color share vs students of color share", () => {
    const r = teacherStudentDiversity(pkg(schools, measures));
    expect(r.schools[0]).toEqual({
      schoolId: "S1",
      teachersOfColorShare: known(0.25), // 5/20
      studentsOfColorShare: known(0.5), // 50/100
      gap: known(0.25),
    });
    expect(r.schools[1]).toMatchObject({
      teachersOfColorShare: suppressed(),
      studentsOfColorShare: known(0.9),
      gap: suppressed(),
    });
    expect(r.schools[2]).toMatchObject({
      teachersOfColorShare: known(0.5),
      studentsOfColorShare: unavailable("no_data"),
    });
    expect(r.schools[3]).toMatchObject({ teachersOfColorShare: unavailable("no_data"), gap: unavailable("no_data") });
  });

  it("district-wide: Σ/Σ for teachers, enrollment-weighted for students, each over the schools it can use", () => {
    // Teachers: (5 + 15)/(20 + 30) = 0.4 (S2 suppressed, S4 missing: left out)
    // Students: (0.5·400 + 0.9·100 + 0.3·100)/(400 + 100 + 100) = 320/600 (S3 missing)
    const { district } = teacherStudentDiversity(pkg(schools, measures));
    expect(district.teachersOfColorShare).toEqual(known(0.4));
    expect(district.studentsOfColorShare.kind === "value" && district.studentsOfColorShare.value).toBeCloseTo(
      320 / 600,
      12,
    );
    expect(district.gap.kind === "value" && district.gap.value).toBeCloseTo(320 / 600 - 0.4, 12);
    expect(district.teacherCoverage).toEqual({ schoolsIncluded: 2, schoolsSuppressed: 1, schoolsMissing: 1 });
    expect(district.studentCoverage).toEqual({ schoolsIncluded: 3, schoolsSuppressed: 0, schoolsMissing: 1 });
  });

  it("all teacher counts hidden: the district share is suppressed, not 0", () => {
    const { district } = teacherStudentDiversity(
      pkg(schools.slice(0, 2), [m("S1", "teachers_fte", 20), m("S1", "teachers_of_color_fte", "*")]),
    );
    expect(district.teachersOfColorShare).toEqual(suppressed());
  });
});
