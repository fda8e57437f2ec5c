import { describe, expect, it } from "vitest";
import { generateDataPackage } from "./fixtures";
import { formatIssue, parseDataPackage } from "./parse";
import { serializeDataPackage } from "./serialize";
import type { DataPackage } from "./types";

function roundTrip(data: DataPackage): DataPackage {
  const result = parseDataPackage(serializeDataPackage(data));
  if (!result.ok) throw new Error(result.errors.map(formatIssue).join("\n"));
  return result.data;
}

const tricky: DataPackage = {
  schools: [
    {
      schoolId: "A-1,x",
      schoolName: 'Lincoln, "Abe" Elementary',
      level: "k8",
      enrollment: 0,
      pctLowIncome: 0.1 + 0.2,
      pctEnglishLearners: null,
      pctStudentsWithDisabilities: 1e-7,
      pctStudentsOfColor: 100,
      neighborhood: "=cmd|' /C calc'!A0",
    },
    {
      schoolId: '"quoted"',
      schoolName: "Tab\tinside · Ñandú 学校 🏫",
      level: "other",
      enrollment: 9_007_199_254_740_991,
      pctLowIncome: 33.333333333333336,
      pctEnglishLearners: 0,
      pctStudentsWithDisabilities: null,
      pctStudentsOfColor: null,
      neighborhood: null,
    },
  ],
  measures: [
    { schoolId: "A-1,x", measure: "per_pupil_spending", group: "all", value: { suppressed: false, value: 1e21 } },
    { schoolId: "A-1,x", measure: "enrollment_by_group", group: "pacific_islander", value: { suppressed: true } },
    { schoolId: '"quoted"', measure: "offers_grade8_algebra1", group: "all", value: { suppressed: false, value: 0 } },
    {
      schoolId: '"quoted"',
      measure: "suspensions_per_100",
      group: "black",
      value: { suppressed: false, value: 1.5e-9 },
    },
  ],
};

describe("serializeDataPackage", () => {
  it("writes every column, CRLF lines, RFC 4180 quoting only where needed, * for suppressed, plain numbers", () => {
    const { schools, measures } = serializeDataPackage(tricky);
    expect(schools.split("\r\n")).toEqual([
      "school_id,school_name,level,enrollment,pct_low_income,pct_english_learners,pct_students_with_disabilities,pct_students_of_color,neighborhood",
      `"A-1,x","Lincoln, ""Abe"" Elementary",k8,0,0.30000000000000004,,0.0000001,100,=cmd|' /C calc'!A0`,
      `"""quoted""",Tab\tinside · Ñandú 学校 🏫,other,9007199254740991,33.333333333333336,0,,,`,
      "",
    ]);
    expect(measures.split("\r\n")).toEqual([
      "school_id,measure,student_group,value",
      '"A-1,x",per_pupil_spending,all,1000000000000000000000',
      '"A-1,x",enrollment_by_group,pacific_islander,*',
      '"""quoted""",offers_grade8_algebra1,all,0',
      '"""quoted""",suspensions_per_100,black,0.0000000015',
      "",
    ]);
  });

  it("round-trips losslessly: parse(serialize(x)) equals x, for tricky values", () => {
    expect(roundTrip(tricky)).toEqual(tricky);
  });

  it("round-trips losslessly a generated package of 300 schools × the full vocabulary", () => {
    const data = generateDataPackage({ schools: 300, seed: 42, suppressedShare: 0.05 });
    expect(data.measures).toHaveLength(300 * 86);
    const again = roundTrip(data);
    expect(again).toEqual(data);
    // And a second pass writes the very same text.
    expect(serializeDataPackage(again)).toEqual(serializeDataPackage(data));
  });

  it("round-trips what the importer read from a messy file (separators, signs, case, spaces, BOM)", () => {
    const first = parseDataPackage({
      schools: '\uFEFFSchool_ID , School_Name,Level,Enrollment,PCT_LOW_INCOME\r\n A1 ,"Adams, J.",HIGH,"1,200",45%\r\n',
      measures: 'school_id,measure,value\r\nA1,Per_Pupil_Spending,"$12,345.67"\r\nA1,nurses_fte,N<10\r\n',
    });
    if (!first.ok) throw new Error(first.errors.map(formatIssue).join("\n"));
    expect(roundTrip(first.data)).toEqual(first.data);
  });
});
