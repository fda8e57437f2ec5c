/**
 * One test per rule of DATA-FORMAT.md (../../../../shared/docs/DATA-FORMAT.md), feeding the wrong
 * thing and checking the reported file, line, column and message.
 */
import { describe, expect, it } from "vitest";
import { en } from "../../i18n/messages/en";
import { es } from "../../i18n/messages/es";
import { issueMessage } from "./issue-message";
import { MAX_ERRORS_PER_FILE, MAX_WARNINGS_PER_FILE, formatIssue, parseDataPackage } from "./parse";
import type { Issue, ParseDataPackageResult } from "./types";
import { DATA_LIMITS } from "./types";

const SCHOOLS_HEADER = "school_id,school_name,level,enrollment,pct_low_income";
const MEASURES_HEADER = "school_id,measure,student_group,value";
const SCHOOLS = [SCHOOLS_HEADER, "A1,Adams Elementary,elementary,300,45", "B2,Baker High,high,1200,70"].join("\n");

const csv = (...lines: string[]) => `${lines.join("\n")}\n`;
const schoolsCsv = (...rows: string[]) => csv(SCHOOLS_HEADER, ...rows);
const measuresCsv = (...rows: string[]) => csv(MEASURES_HEADER, ...rows);

function parse(schools: string | Uint8Array, measures: string | Uint8Array = measuresCsv("A1,teachers_fte,,20")) {
  return parseDataPackage({ schools, measures });
}
function errorsOf(result: ParseDataPackageResult): Issue[] {
  if (result.ok) throw new Error(`expected errors, the package was accepted`);
  return result.errors;
}
function accepted(result: ParseDataPackageResult) {
  if (!result.ok) throw new Error(`expected no errors, got:\n${result.errors.map(formatIssue).join("\n")}`);
  return result;
}
/** The single error of a package that should have exactly one. */
function onlyError(result: ParseDataPackageResult): Issue {
  const errors = errorsOf(result);
  expect(errors, errors.map(formatIssue).join("\n")).toHaveLength(1);
  return errors[0]!;
}
const schoolsError = (line: number | null, column: string | null, message: RegExp) => ({
  file: "schools.csv",
  line,
  column,
  code: expect.stringMatching(/^dataIssue\./),
  params: expect.any(Object),
  message: expect.stringMatching(message),
});
const measuresError = (line: number | null, column: string | null, message: RegExp) => ({
  file: "measures.csv",
  line,
  column,
  code: expect.stringMatching(/^dataIssue\./),
  params: expect.any(Object),
  message: expect.stringMatching(message),
});
const value = (v: number) => ({ suppressed: false, value: v });

describe("a valid package", () => {
  it("is read into schools and measure rows, with a summary", () => {
    const result = accepted(
      parse(
        csv(
          `${SCHOOLS_HEADER},pct_english_learners,pct_students_with_disabilities,pct_students_of_color,neighborhood`,
          "A1,Adams Elementary,elementary,300,45,12.5,,80,Northside",
          "B2,Baker High,high,1200,70,,,,",
        ),
        measuresCsv("A1,teachers_fte,,20.5", "A1,chronic_absence_pct,black,*", "B2,enrollment_by_group,latinx,400"),
      ),
    );
    expect(result.data.schools).toEqual([
      {
        schoolId: "A1",
        schoolName: "Adams Elementary",
        level: "elementary",
        enrollment: 300,
        pctLowIncome: 45,
        pctEnglishLearners: 12.5,
        pctStudentsWithDisabilities: null,
        pctStudentsOfColor: 80,
        neighborhood: "Northside",
      },
      {
        schoolId: "B2",
        schoolName: "Baker High",
        level: "high",
        enrollment: 1200,
        pctLowIncome: 70,
        pctEnglishLearners: null,
        pctStudentsWithDisabilities: null,
        pctStudentsOfColor: null,
        neighborhood: null,
      },
    ]);
    expect(result.data.measures).toEqual([
      { schoolId: "A1", measure: "teachers_fte", group: "all", value: value(20.5) },
      { schoolId: "A1", measure: "chronic_absence_pct", group: "black", value: { suppressed: true } },
      { schoolId: "B2", measure: "enrollment_by_group", group: "latinx", value: value(400) },
    ]);
    expect(result.warnings).toEqual([]);
    expect(result.summary).toMatchObject({
      schools: 2,
      measureRows: 3,
      measures: ["teachers_fte", "chronic_absence_pct", "enrollment_by_group"],
      groups: ["all", "black", "latinx"],
      suppressed: 1,
      schoolNames: ["Adams Elementary", "Baker High"],
      schoolsWithoutMeasures: 0,
    });
    expect(result.summary.measuresMissing).toHaveLength(18);
  });
});

describe("encoding and syntax (both files)", () => {
  it("accepts UTF-8 bytes with a byte-order mark and CRLF line endings", () => {
    const bytes = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    const result = accepted(
      parse(
        bytes(`${SCHOOLS_HEADER}\r\nA1,Ñandú Elementary,elementary,300,45\r\n`),
        bytes(`${MEASURES_HEADER}\r\nA1,teachers_fte,,20\r\n`),
      ),
    );
    expect(result.data.schools[0]).toMatchObject({ schoolId: "A1", schoolName: "Ñandú Elementary", pctLowIncome: 45 });
    expect(result.data.measures).toEqual([{ schoolId: "A1", measure: "teachers_fte", group: "all", value: value(20) }]);
  });

  it("refuses bytes that are not valid UTF-8, naming the line of the first bad byte", () => {
    const good = new TextEncoder().encode(`${SCHOOLS_HEADER}\nA1,Adams,elementary,300,45\n`);
    const latin1 = new Uint8Array([
      ...good,
      ...new TextEncoder().encode("B2,Pe"),
      0xf1,
      ...new TextEncoder().encode("a,high,10,5\n"),
    ]);
    expect(onlyError(parse(latin1))).toEqual(
      schoolsError(3, null, /not valid UTF-8 text \(the first bad byte is on line 3\).*CSV UTF-8/),
    );
  });

  it("refuses a UTF-16 file with a clear message", () => {
    const utf16 = new Uint8Array([0xff, 0xfe, 0x73, 0x00, 0x63, 0x00]);
    expect(onlyError(parse(SCHOOLS, utf16))).toEqual(measuresError(null, null, /saved as UTF-16/));
  });

  it("reads RFC 4180 quoting: commas and doubled quotes inside quoted values", () => {
    const result = accepted(parse(schoolsCsv('A1,"Lincoln, ""Abe"" Elementary",elementary,"1,200",45')));
    expect(result.data.schools[0]).toMatchObject({ schoolName: 'Lincoln, "Abe" Elementary', enrollment: 1200 });
  });

  it("counts physical lines: an error after a multi-line quoted value is reported on its own line", () => {
    const result = parse(
      csv(
        `${SCHOOLS_HEADER},notes`,
        'A1,Adams,elementary,300,45,"first line',
        "second line",
        'third line"',
        "B2,Baker,high,-5,70,",
      ),
    );
    expect(onlyError(result)).toEqual(
      schoolsError(5, "enrollment", /enrollment "-5" is out of range: it must be 0 or more/),
    );
    expect(result.warnings).toEqual([
      schoolsError(1, "notes", /column "notes" is not part of the data format and was ignored/),
    ]);
  });

  it("reports a line break inside a text value at the line where the record starts", () => {
    const result = parse(schoolsCsv('A1,"Adams', 'Elementary",elementary,300,45', "B2,Baker,middle,x,70"));
    expect(errorsOf(result)).toEqual([
      schoolsError(2, "school_name", /school_name "Adams\\u000aElementary" contains a line break/),
      schoolsError(4, "enrollment", /enrollment "x" is not a valid number/),
    ]);
  });

  it("matches header names case-insensitively after trimming, in any order", () => {
    const result = accepted(
      parse(
        csv("  PCT_Low_Income , Enrollment,LEVEL,School_Name,School_ID", "45,300,Elementary,Adams,A1"),
        csv(" Value ,MEASURE,School_Id", "20,teachers_fte,A1"),
      ),
    );
    expect(result.data.schools[0]).toMatchObject({
      schoolId: "A1",
      schoolName: "Adams",
      level: "elementary",
      enrollment: 300,
      pctLowIncome: 45,
    });
    expect(result.data.measures[0]).toEqual({
      schoolId: "A1",
      measure: "teachers_fte",
      group: "all",
      value: value(20),
    });
  });

  it("rejects the file when a required column is missing: one error per missing column, rows not checked", () => {
    const result = parse(
      csv("school_id,school_name,level,pct_low_income", "A1,Adams,elementary,45", "A1,Dup,nope,200"),
    );
    expect(errorsOf(result)).toEqual([schoolsError(1, "enrollment", /required column enrollment is missing/)]);
    const both = parse(SCHOOLS, csv("school_id,student_group", "A1,all"));
    expect(errorsOf(both)).toEqual([
      measuresError(1, "measure", /required column measure is missing/),
      measuresError(1, "value", /required column value is missing/),
    ]);
  });

  it("rejects a header that names a column twice", () => {
    expect(onlyError(parse(csv(`${SCHOOLS_HEADER},Level`, "A1,Adams,elementary,300,45,high")))).toEqual(
      schoolsError(1, "level", /column level appears twice in the header \(columns 3 and 6\)/),
    );
  });

  it("warns about unknown columns, ignores them, and still imports", () => {
    const result = accepted(
      parse(csv(`${SCHOOLS_HEADER},principal,School ID,`, "A1,Adams,elementary,300,45,Ms. Lee,x,")),
    );
    expect(result.warnings).toEqual([
      schoolsError(1, "principal", /column "principal" is not part of the data format and was ignored\.$/),
      schoolsError(1, "School ID", /ignored\. Did you mean school_id\?/),
      schoolsError(1, null, /Column 8 has no name in the header/),
    ]);
    expect(result.data.schools[0]).not.toHaveProperty("principal");
  });

  it("skips blank lines (also whitespace-only lines and rows of empty cells) and keeps counting lines", () => {
    const result = parse(
      csv(SCHOOLS_HEADER, "", "A1,Adams,elementary,300,45", "   ", ",,,,", "", "B2,Baker,high,lots,70"),
    );
    expect(onlyError(result)).toEqual(schoolsError(7, "enrollment", /not a valid number/));
    expect(accepted(parse(schoolsCsv("", "A1,Adams,elementary,300,45", ""))).data.schools).toHaveLength(1);
  });

  it("trims leading and trailing spaces in fields, quoted or not", () => {
    const result = accepted(
      parse(
        schoolsCsv('  A1 , " Adams Elementary " ,  Middle\t, 300 ,45% '),
        measuresCsv(" A1 , Teachers_FTE , ALL , 20 "),
      ),
    );
    expect(result.data.schools[0]).toMatchObject({
      schoolId: "A1",
      schoolName: "Adams Elementary",
      level: "middle",
      pctLowIncome: 45,
    });
    expect(result.data.measures[0]).toEqual({
      schoolId: "A1",
      measure: "teachers_fte",
      group: "all",
      value: value(20),
    });
  });

  it("reads numbers with thousands separators, a currency sign (dollars) and a percent sign (percents)", () => {
    const result = accepted(
      parse(
        schoolsCsv('A1,Adams,elementary,"1,234",45.5%'),
        measuresCsv(
          'A1,per_pupil_spending,,"$12,345.50"',
          "A1,chronic_absence_pct,,12%",
          'A1,prek_seats,,"1,000"',
          "A1,teachers_fte,,1234.5",
        ),
      ),
    );
    expect(result.data.schools[0]).toMatchObject({ enrollment: 1234, pctLowIncome: 45.5 });
    expect(result.data.measures.map((m) => m.value)).toEqual([value(12345.5), value(12), value(1000), value(1234.5)]);
  });

  it.each([
    ["12abc", /"12abc" is not a valid number/],
    ["1e5", /scientific notation/],
    ["NaN", /"NaN" is not a valid number/],
    ['"12,34"', /thousands separators must come every three digits/],
    ["$20", /currency sign is only allowed for amounts in dollars/],
    ["20%", /percent sign is only allowed where the unit is a percent/],
  ])("refuses the number %s with a plain reason", (text, message) => {
    expect(onlyError(parse(SCHOOLS, measuresCsv(`A1,teachers_fte,,${text}`)))).toEqual(
      measuresError(2, "value", message),
    );
  });

  it("refuses a file over 10 MB and one with more than 200,000 data rows", () => {
    const big = `${SCHOOLS_HEADER}\n${"x".repeat(DATA_LIMITS.maxFileBytes)}`;
    expect(onlyError(parse(big))).toEqual(schoolsError(null, null, /larger than the limit of 10 MB/));
    expect(onlyError(parse(new TextEncoder().encode(big)))).toEqual(
      schoolsError(null, null, /larger than the limit of 10 MB/),
    );
    // Counted in UTF-8 bytes, not characters.
    const wide = `${SCHOOLS_HEADER}\n${"é".repeat(DATA_LIMITS.maxFileBytes / 2)}`;
    expect(onlyError(parse(wide))).toEqual(schoolsError(null, null, /larger than the limit/));
  });

  it("refuses more than 200,000 data rows (and accepts exactly 200,000)", { timeout: 30_000 }, () => {
    const rows = (n: number) => {
      const lines = [MEASURES_HEADER];
      for (let k = 0; k < n; k++) lines.push(`A1,x${k},,1`);
      return lines.join("\n");
    };
    const over = parse(SCHOOLS, rows(DATA_LIMITS.maxRowsPerFile + 1));
    expect(onlyError(over)).toEqual(measuresError(null, null, /more than 200,000 data rows, the limit per file/));
    // 200,000 rows are read (every one is wrong here: an unknown measure), not refused.
    const limit = errorsOf(parse(SCHOOLS, rows(DATA_LIMITS.maxRowsPerFile)));
    expect(limit.at(-1)).toEqual(measuresError(null, null, /and 199,000 more errors/));
  });

  it("reports a quote that is never closed with its line, without crashing, together with the other errors", () => {
    const result = parse(schoolsCsv("A1,Adams,elementary,-1,45", 'B2,"Baker,high,1200,70', "C3,Cole,high,10,5"));
    expect(errorsOf(result)).toEqual([
      schoolsError(2, "enrollment", /must be 0 or more/),
      schoolsError(3, "school_name", /opened with a double quote on line 3 is never closed/),
    ]);
  });

  it("reports a stray quote with its line and column and checks the other rows", () => {
    const result = parse(schoolsCsv('A1,Adams "The" School,elementary,300,45', "B2,Baker,high,1200,170"));
    expect(errorsOf(result)).toEqual([
      schoolsError(2, "school_name", /double quote appears inside a value that is not wrapped in double quotes/),
      schoolsError(3, "pct_low_income", /must be between 0 and 100/),
    ]);
  });

  it("reports a row with more values than the header has columns (an unquoted comma)", () => {
    expect(onlyError(parse(schoolsCsv("A1,Lincoln, Abe Elementary,elementary,300,45")))).toEqual(
      schoolsError(2, null, /has 6 values but the header has 5 columns.*wrapped in double quotes/),
    );
  });

  it("refuses an empty file and a schools.csv without schools; a measures.csv without rows is a warning", () => {
    expect(onlyError(parse(""))).toEqual(schoolsError(null, null, /file is empty/));
    expect(onlyError(parse(csv(SCHOOLS_HEADER, "", ""), csv(MEASURES_HEADER)))).toEqual(
      schoolsError(null, null, /header but no schools/),
    );
    const noMeasures = accepted(parse(SCHOOLS, csv(MEASURES_HEADER)));
    expect(noMeasures.warnings).toEqual([measuresError(null, null, /no rows/)]);
    expect(noMeasures.summary.schoolsWithoutMeasures).toBe(2);
  });
});

describe("schools.csv", () => {
  it("school_id: required, 1–64 characters, unique (naming the first line)", () => {
    const result = parse(
      schoolsCsv(
        `${"x".repeat(64)},Long,high,1,1`,
        `${"y".repeat(65)},Longer,high,1,1`,
        ",No id,high,1,1",
        "A1,One,high,1,1",
        "A1,Two,high,1,1",
      ),
    );
    expect(errorsOf(result)).toEqual([
      schoolsError(3, "school_id", /school_id is 65 characters long; the limit is 64/),
      schoolsError(4, "school_id", /school_id is missing/),
      schoolsError(6, "school_id", /school_id "A1" is already used on line 5/),
    ]);
  });

  it("school_name: required, 1–200 characters (counted in characters, not bytes)", () => {
    expect(accepted(parse(schoolsCsv(`A1,${"é".repeat(200)},high,1,1`))).data.schools[0]!.schoolName).toHaveLength(200);
    expect(errorsOf(parse(schoolsCsv(`A1,${"n".repeat(201)},high,1,1`, "B2,,high,1,1")))).toEqual([
      schoolsError(2, "school_name", /201 characters long; the limit is 200/),
      schoolsError(3, "school_name", /school_name is missing/),
    ]);
  });

  it("level: one of the six levels, case-insensitive", () => {
    const ok = accepted(
      parse(
        schoolsCsv(
          "A1,a,Elementary,1,1",
          "B2,b,MIDDLE,1,1",
          "C3,c,high,1,1",
          "D4,d,K8,1,1",
          "E5,e,k12,1,1",
          "F6,f,Other,1,1",
        ),
      ),
    );
    expect(ok.data.schools.map((s) => s.level)).toEqual(["elementary", "middle", "high", "k8", "k12", "other"]);
    expect(errorsOf(parse(schoolsCsv("A1,a,K-8,1,1", "B2,b,,1,1")))).toEqual([
      schoolsError(2, "level", /level "K-8" is not one of: elementary, middle, high, k8, k12, other/),
      schoolsError(3, "level", /level is missing/),
    ]);
  });

  it("enrollment: a whole number, 0 or more", () => {
    expect(
      accepted(parse(schoolsCsv("A1,a,high,0,1", 'B2,b,high,"12,000",1', "C3,c,high,12.0,1"))).data.schools.map(
        (s) => s.enrollment,
      ),
    ).toEqual([0, 12000, 12]);
    expect(
      errorsOf(parse(schoolsCsv("A1,a,high,12.5,1", "B2,b,high,-3,1", "C3,c,high,,1", "D4,d,high,50%,1"))),
    ).toEqual([
      schoolsError(2, "enrollment", /enrollment "12.5" must be a whole number/),
      schoolsError(3, "enrollment", /enrollment "-3" is out of range: it must be 0 or more/),
      schoolsError(4, "enrollment", /enrollment is missing/),
      schoolsError(5, "enrollment", /percent sign is only allowed where the unit is a percent/),
    ]);
  });

  it("pct_low_income: required, a percent from 0 to 100", () => {
    expect(
      accepted(parse(schoolsCsv("A1,a,high,1,0", "B2,b,high,1,100%", "C3,c,high,1,33.3"))).data.schools.map(
        (s) => s.pctLowIncome,
      ),
    ).toEqual([0, 100, 33.3]);
    expect(errorsOf(parse(schoolsCsv("A1,a,high,1,100.1", "B2,b,high,1,-1%", "C3,c,high,1,")))).toEqual([
      schoolsError(2, "pct_low_income", /"100.1" is out of range: it must be between 0 and 100/),
      schoolsError(3, "pct_low_income", /"-1%" is out of range: it must be between 0 and 100/),
      schoolsError(4, "pct_low_income", /pct_low_income is missing/),
    ]);
  });

  it("the optional percents: empty or absent means unknown (null), otherwise 0–100", () => {
    const header = `${SCHOOLS_HEADER},pct_english_learners,pct_students_with_disabilities,pct_students_of_color`;
    const ok = accepted(parse(csv(header, "A1,a,high,1,1,,5%,", "B2,b,high,1,1,0,0,0")));
    expect(
      ok.data.schools.map((s) => [s.pctEnglishLearners, s.pctStudentsWithDisabilities, s.pctStudentsOfColor]),
    ).toEqual([
      [null, 5, null],
      [0, 0, 0],
    ]);
    expect(errorsOf(parse(csv(header, "A1,a,high,1,1,101,abc,-2")))).toEqual([
      schoolsError(2, "pct_english_learners", /between 0 and 100/),
      schoolsError(2, "pct_students_with_disabilities", /not a valid number/),
      schoolsError(2, "pct_students_of_color", /between 0 and 100/),
    ]);
  });

  it("neighborhood: optional text up to 200 characters", () => {
    const header = `${SCHOOLS_HEADER},neighborhood`;
    expect(
      accepted(parse(csv(header, "A1,a,high,1,1,", `B2,b,high,1,1,${"n".repeat(200)}`))).data.schools[0]!.neighborhood,
    ).toBeNull();
    expect(onlyError(parse(csv(header, `A1,a,high,1,1,${"n".repeat(201)}`)))).toEqual(
      schoolsError(2, "neighborhood", /limit is 200/),
    );
  });

  it("hostile text: control characters are refused, formula-like and very long values do not break anything", () => {
    const header = `${SCHOOLS_HEADER},neighborhood`;
    const ok = accepted(parse(csv(header, `A1,"=cmd|' /C calc'!A0",high,1,1,@SUM(1+1)`, "B2,Tab\there,high,1,1,+1")));
    expect(ok.data.schools.map((s) => [s.schoolName, s.neighborhood])).toEqual([
      ["=cmd|' /C calc'!A0", "@SUM(1+1)"],
      ["Tab\there", "+1"],
    ]);
    const result = parse(
      csv(header, "A1,Bell\u0007,high,1,1,", "B2,b,high,1,1,Null\u0000", `C3,${"z".repeat(1_000_000)},high,1,1,`),
    );
    const errors = errorsOf(result);
    expect(errors).toEqual([
      schoolsError(2, "school_name", /contains a control character \(U\+0007\)/),
      schoolsError(3, "neighborhood", /contains a control character \(U\+0000\)/),
      schoolsError(4, "school_name", /1,000,000 characters long; the limit is 200/),
    ]);
    expect(errors[0]!.message).toContain('"Bell\\u0007"'); // shown escaped, not raw
    expect(Math.max(...errors.map((e) => e.message.length))).toBeLessThan(300);
  });
});

describe("measures.csv", () => {
  it("school_id must exist in schools.csv (exact match, with a hint for a different case)", () => {
    expect(
      errorsOf(parse(SCHOOLS, measuresCsv("Z9,teachers_fte,,1", "a1,teachers_fte,,1", ",teachers_fte,,1"))),
    ).toEqual([
      measuresError(2, "school_id", /school_id "Z9" is not in schools.csv\. Every school/),
      measuresError(3, "school_id", /"a1" is not in schools.csv \(school_id is case-sensitive: schools.csv has "A1"\)/),
      measuresError(4, "school_id", /school_id is missing/),
    ]);
  });

  it("does not flood measures.csv with unknown-school errors when schools.csv itself cannot be read", () => {
    const result = parse(csv("school_id,school_name"), measuresCsv("Z9,teachers_fte,,1", "Z9,nurses_fte,,-1"));
    expect(errorsOf(result)).toEqual([
      schoolsError(1, "level", /missing/),
      schoolsError(1, "enrollment", /missing/),
      schoolsError(1, "pct_low_income", /missing/),
      measuresError(3, "value", /out of range for nurses_fte: it must be 0 or more/),
    ]);
  });

  it("measure: a name from the vocabulary, case-insensitive", () => {
    expect(
      accepted(parse(SCHOOLS, measuresCsv("A1,Teachers_FTE,,1", "A1,NURSES_FTE,,1"))).data.measures.map(
        (m) => m.measure,
      ),
    ).toEqual(["teachers_fte", "nurses_fte"]);
    expect(errorsOf(parse(SCHOOLS, measuresCsv("A1,teacher_fte,,1", "A1,,,1")))).toEqual([
      measuresError(2, "measure", /measure "teacher_fte" is not in the measure vocabulary/),
      measuresError(3, "measure", /measure is missing/),
    ]);
  });

  it("student_group: a known group, case-insensitive; empty (or no column) means all", () => {
    const ok = accepted(
      parse(SCHOOLS, measuresCsv("A1,grade8_students,,10", "A1,grade8_students,LatinX,3", "B2,grade8_students,All,10")),
    );
    expect(ok.data.measures.map((m) => m.group)).toEqual(["all", "latinx", "all"]);
    expect(accepted(parse(SCHOOLS, csv("school_id,measure,value", "A1,teachers_fte,3"))).data.measures[0]!.group).toBe(
      "all",
    );
    expect(onlyError(parse(SCHOOLS, measuresCsv("A1,grade8_students,hispanic,3")))).toEqual(
      measuresError(2, "student_group", /student_group "hispanic" is not one of: all, low_income, .*multiracial/),
    );
  });

  it('an "all only" measure given for another group is an error', () => {
    expect(onlyError(parse(SCHOOLS, measuresCsv("A1,per_pupil_spending,low_income,12000")))).toEqual(
      measuresError(
        2,
        "student_group",
        /per_pupil_spending is reported for all students only, not for student_group "low_income"/,
      ),
    );
  });

  it("enrollment_by_group must name a group other than all (empty means all)", () => {
    expect(
      errorsOf(parse(SCHOOLS, measuresCsv("A1,enrollment_by_group,all,300", "B2,enrollment_by_group,,300"))),
    ).toEqual([
      measuresError(
        2,
        "student_group",
        /enrollment_by_group must be given for a specific student group, not for all students\.$/,
      ),
      measuresError(3, "student_group", /not for all students \(an empty student_group means all\)/),
    ]);
  });

  it("suppression marks (*, n<10, <10, suppressed, any case) are stored as suppressed, not as 0", () => {
    const marks = ["*", "n<10", "N<10", "<10", "suppressed", "SUPPRESSED"];
    const result = accepted(
      parse(
        SCHOOLS,
        measuresCsv(
          ...marks.map(
            (m, k) => `A1,grade8_students,${["all", "black", "white", "asian", "latinx", "multiracial"][k]},${m}`,
          ),
          "B2,grade8_students,,0",
        ),
      ),
    );
    expect(result.data.measures.map((m) => m.value)).toEqual([...marks.map(() => ({ suppressed: true })), value(0)]);
    expect(result.summary.suppressed).toBe(6);
    expect(onlyError(parse(SCHOOLS, measuresCsv("A1,grade8_students,,n < 10")))).toEqual(
      measuresError(2, "value", /"n < 10" is not a valid number/),
    );
  });

  it('an empty value is an error ("missing value"), never 0', () => {
    expect(onlyError(parse(SCHOOLS, measuresCsv("A1,teachers_fte,,", "B2,teachers_fte,all,4")))).toEqual(
      measuresError(2, "value", /^Missing value\. Write a number, or a suppression mark \(\*, n<10, <10, suppressed\)/),
    );
  });

  it("a value outside its measure's range is an error naming the range", () => {
    const result = parse(
      SCHOOLS,
      measuresCsv(
        "A1,chronic_absence_pct,,120",
        "A1,teachers_fte,,-1",
        "A1,offers_grade8_algebra1,,2",
        "B2,offers_grade8_algebra1,,0.5",
        "B2,facility_condition_index,,100.5",
        "B2,chronic_absence_pct,black,100%",
      ),
    );
    expect(errorsOf(result)).toEqual([
      measuresError(2, "value", /value "120" is out of range for chronic_absence_pct: it must be between 0 and 100/),
      measuresError(3, "value", /value "-1" is out of range for teachers_fte: it must be 0 or more/),
      measuresError(4, "value", /out of range for offers_grade8_algebra1: it must be 0 or 1/),
      measuresError(5, "value", /"0.5" is out of range for offers_grade8_algebra1: it must be 0 or 1/),
      measuresError(6, "value", /out of range for facility_condition_index: it must be between 0 and 100/),
    ]);
  });

  it("the same (school_id, measure, student_group) twice is an error naming both lines", () => {
    const result = parse(
      SCHOOLS,
      csv(
        MEASURES_HEADER,
        "A1,teachers_fte,,20",
        "A1,grade8_students,black,5",
        '"B2",notes_are_fine_elsewhere_no,,1',
        "A1,Teachers_FTE,all,21",
      ),
    );
    expect(errorsOf(result)).toEqual([
      measuresError(4, "measure", /not in the measure vocabulary/),
      measuresError(
        5,
        null,
        /Duplicate row: school_id "A1", measure teachers_fte, student_group all is also on line 2\. Keep only one of the two lines \(2 and 5\)/,
      ),
    ]);
  });
});

describe("what an import reports", () => {
  it("reports every error at once: three different errors in one file, and errors in both files", () => {
    const result = parse(
      schoolsCsv("A1,Adams,primary,300,45", "B2,Baker,high,-1,70", "C3,,high,10,5"),
      measuresCsv("A1,teachers_fte,,", "Z9,teachers_fte,,1"),
    );
    expect(errorsOf(result)).toEqual([
      schoolsError(2, "level", /not one of/),
      schoolsError(3, "enrollment", /must be 0 or more/),
      schoolsError(4, "school_name", /missing/),
      measuresError(2, "value", /Missing value/),
      measuresError(3, "school_id", /not in schools.csv/),
    ]);
    expect(result.warnings).toEqual([]);
  });

  it(`lists at most ${MAX_ERRORS_PER_FILE} errors per file, then says how many more there are`, () => {
    const rows = Array.from({ length: 1500 }, (_, k) => `Z${k},teachers_fte,,1`);
    const errors = errorsOf(parse(SCHOOLS, measuresCsv(...rows)));
    expect(errors).toHaveLength(MAX_ERRORS_PER_FILE + 1);
    expect(errors[999]).toEqual(measuresError(1001, "school_id", /"Z999" is not in schools.csv/));
    expect(errors[1000]).toEqual(
      measuresError(null, null, /^…and 500 more errors in this file \(only the first 1,000 are listed\)\.$/),
    );
  });

  it("formats an issue for plain-text reports", () => {
    expect(formatIssue({ file: "measures.csv", line: 12, column: "value", message: "Missing value." })).toBe(
      "measures.csv, line 12, column value: Missing value.",
    );
    expect(formatIssue({ file: "schools.csv", line: null, column: null, message: "The file is empty." })).toBe(
      "schools.csv: The file is empty.",
    );
  });
});

describe("issue messages in English and Spanish", () => {
  /** Bad packages that together produce every kind of issue. */
  function everyKindOfIssue(): Issue[] {
    const bytes = (text: string) => new TextEncoder().encode(text);
    const unknownColumns = (n: number) =>
      csv(`${SCHOOLS_HEADER},${Array.from({ length: n }, (_, k) => `extra${k}`).join(",")}`, "A1,a,high,1,1");
    const unknownSchools = (n: number) => measuresCsv(...Array.from({ length: n }, (_, k) => `Z${k},teachers_fte,,1`));
    const manyRows = [MEASURES_HEADER, ...Array.from({ length: DATA_LIMITS.maxRowsPerFile + 1 }, () => "A1,x,,1")];
    const values = ["9".repeat(400), "$20", "20%", '"0,500"', "1e5", '"12,34"', ".5", "5.", "+5", "1 234", "abc"];
    const results = [
      parse(`${SCHOOLS_HEADER}\n${"x".repeat(DATA_LIMITS.maxFileBytes)}`, new Uint8Array([0xff, 0xfe, 0x73, 0x00])),
      parse(new Uint8Array([...bytes(`${SCHOOLS_HEADER}\nA1,Pe`), 0xf1, ...bytes("a,high,1,1\n")]), ""),
      parse(csv(SCHOOLS_HEADER), manyRows.join("\n")),
      parse(SCHOOLS, csv(MEASURES_HEADER)),
      parse(SCHOOLS, unknownSchools(MAX_ERRORS_PER_FILE + 1)),
      parse(SCHOOLS, unknownSchools(MAX_ERRORS_PER_FILE + 2)),
      parse(unknownColumns(MAX_WARNINGS_PER_FILE + 1)),
      parse(unknownColumns(MAX_WARNINGS_PER_FILE + 2)),
      parse(csv(`${SCHOOLS_HEADER},level,School ID,`, "A1,a,high,1,1,high,x,")),
      parse(csv("school_id,school_name"), csv("school_id,measure,value", "A1,teachers_fte,1")),
      parse(schoolsCsv('A1,"Bad "quote,high,1,1', "B2,Open,high,1,1,extra", 'C3,"never closed,high,1,1')),
      parse(
        schoolsCsv(
          'A1,Adams "The" School,high,1,1',
          "A1,Again,high,1,1",
          "B2,,,12.5,101",
          "B2,Twice,K-8,-3,1",
          'C3,"Two\nlines",high,1,1',
          `D4,Bell\u0007,high,1,1`,
          `E5,${"n".repeat(201)},high,1,1`,
        ),
        measuresCsv(
          ...values.map((v) => `A1,teachers_fte,,${v}`),
          "A1,chronic_absence_pct,,45 %",
          "A1,chronic_absence_pct,,120",
          "A1,teachers_fte,,-1",
          "A1,offers_grade8_algebra1,,2",
          "Z9,teachers_fte,,1",
          "b2,teachers_fte,,1",
          ",teachers_fte,,1",
          "A1,nope,,abc",
          "A1,,,1",
          "A1,grade8_students,hispanic,1",
          "A1,per_pupil_spending,black,1",
          "A1,enrollment_by_group,all,1",
          "A1,enrollment_by_group,,1",
          "A1,nurses_fte,,",
          "A1,nurses_fte,,1",
          "A1,nurses_fte,all,2",
        ),
      ),
    ];
    return results.flatMap((r) => (r.ok ? r.warnings : [...r.errors, ...r.warnings]));
  }

  it("every kind of issue the parser reports has its message in both languages, filled in", { timeout: 30_000 }, () => {
    const issues = everyKindOfIssue();
    const catalog = Object.keys(en).filter((key) => key.startsWith("dataIssue."));
    // Every catalog entry is reachable and reached here, so every kind below is checked.
    expect([...new Set(issues.map((i) => i.code))].sort()).toEqual(catalog.sort());
    for (const issue of issues) {
      const spanish = issueMessage("es", issue);
      expect(es[issue.code], issue.code).toBeTruthy();
      expect(issue.message, issue.code).toBe(issueMessage("en", issue));
      expect(spanish, issue.code).not.toBe(issue.message);
      expect(issue.message, issue.code).not.toMatch(/\{\w+\}/);
      expect(spanish, issue.code).not.toMatch(/\{\w+\}/);
    }
  });

  it("renders an issue in Spanish, with the format's words and the file's values as they are", () => {
    const error = onlyError(parse(SCHOOLS, measuresCsv("A1,chronic_absence_pct,black,120")));
    expect(error).toMatchObject({
      code: "dataIssue.measureOutOfRange",
      params: { column: "value", value: "120", measure: "chronic_absence_pct", min: 0, max: 100 },
    });
    expect(issueMessage("es", error)).toBe(
      'El valor "120" de la columna value está fuera de rango para chronic_absence_pct: debe estar entre 0 y 100.',
    );
  });

  it("writes counts the reader's way but line numbers plain", () => {
    const more = { code: "dataIssue.moreErrors", params: { count: 12000, max: 1000 } } as const;
    expect(issueMessage("en", more)).toBe("…and 12,000 more errors in this file (only the first 1,000 are listed).");
    expect(issueMessage("es", more)).toBe(
      "…y 12,000 errores más en este archivo (solo se muestran los primeros 1,000).",
    );
    const duplicate = {
      code: "dataIssue.duplicateRow",
      params: { schoolId: "A1", measure: "teachers_fte", group: "all", firstLine: 12345, line: 23456 },
    } as const;
    expect(issueMessage("en", duplicate)).toContain(
      "also on line 12345. Keep only one of the two lines (12345 and 23456)",
    );
  });
});
