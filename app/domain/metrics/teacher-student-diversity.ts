/** Teaching Quality & Diversity: do students see teachers of color in the proportion they are students of color? */
import type { DataPackage } from "../district-data/types";
import {
  combine,
  schoolAttribute,
  divide,
  emptyCoverage,
  ratioOfSums,
  tally,
  type Coverage,
  type Figure,
} from "./figure";
import { measureLookup } from "./measure-lookup";

export type DiversityShares = {
  /** teachers_of_color_fte / teachers_fte (a fraction 0–1). */
  teachersOfColorShare: Figure;
  /** pct_students_of_color / 100. */
  studentsOfColorShare: Figure;
  /** studentsOfColorShare − teachersOfColorShare: positive means fewer teachers of color than students of color. */
  gap: Figure;
};

export type SchoolDiversity = DiversityShares & { schoolId: string };

export type TeacherStudentDiversity = {
  schools: SchoolDiversity[];
  /**
   * Teachers: Σ teachers_of_color_fte / Σ teachers_fte over schools with both known.
   * Students: Σ(pct_students_of_color·enrollment) / (100·Σ enrollment) over schools reporting the percent.
   * The two can cover different schools; each coverage says which.
   */
  district: DiversityShares & { teacherCoverage: Coverage; studentCoverage: Coverage };
};

export function teacherStudentDiversity(pkg: DataPackage): TeacherStudentDiversity {
  const measure = measureLookup(pkg);
  const teacherCoverage = emptyCoverage();
  const studentCoverage = emptyCoverage();
  let ofColor = 0;
  let teachers = 0;
  let studentsOfColor = 0;
  let students = 0;

  const schools = pkg.schools.map((s): SchoolDiversity => {
    const toc = measure(s.schoolId, "teachers_of_color_fte");
    const fte = measure(s.schoolId, "teachers_fte");
    const t = tally(teacherCoverage, [toc, fte]);
    if (t) {
      ofColor += t[0];
      teachers += t[1];
    }
    const pct: Figure = combine([schoolAttribute(s, "pctStudentsOfColor")], (v) => v / 100);
    const p = tally(studentCoverage, [pct]);
    if (p) {
      studentsOfColor += p[0] * s.enrollment;
      students += s.enrollment;
    }
    return withGap({ schoolId: s.schoolId, teachersOfColorShare: divide(toc, fte), studentsOfColorShare: pct });
  });

  return {
    schools,
    district: {
      ...withGap({
        teachersOfColorShare: ratioOfSums(ofColor, teachers, teacherCoverage),
        studentsOfColorShare: ratioOfSums(studentsOfColor, students, studentCoverage),
      }),
      teacherCoverage,
      studentCoverage,
    },
  };
}

function withGap<T extends Omit<DiversityShares, "gap">>(shares: T): T & { gap: Figure } {
  return { ...shares, gap: combine([shares.studentsOfColorShare, shares.teachersOfColorShare], (s, t) => s - t) };
}
