/**
 * Reads and validates a district data package (schools.csv + measures.csv) exactly per
 * DATA-FORMAT.md, framework-free. Every problem is reported at once with file, line, column and a
 * plain-language message (a catalog key and its params, plus the English text: issue-message.ts);
 * the import is all or nothing (`ok: false` when there is any error).
 *
 * Decisions where DATA-FORMAT.md is silent (also listed in the tests):
 * - Lines are physical lines where the record starts; the header is line 1 (or the first
 *   non-blank line). File-level problems have line null; header problems have the header's line.
 * - A row whose fields are all empty (e.g. `,,,` left by a spreadsheet) counts as a blank line.
 * - A row with more non-empty values than the header has columns is an error (typically an
 *   unquoted comma); missing trailing values are read as empty.
 * - Text must not contain ASCII control characters other than tab (so no line breaks in names);
 *   lengths are counted in Unicode characters (code points). school_id is compared exactly
 *   (case-sensitive) between the files.
 * - Integers (enrollment, offers_grade8_algebra1) accept `12.0`. `$` only where the unit is
 *   dollars (per_pupil_spending), `%` only where it is a percent (pct_* columns,
 *   chronic_absence_pct). No scientific notation. See numbers.ts.
 * - schools.csv without any school is an error; measures.csv without rows is a warning.
 * - When schools.csv cannot be read as a whole (encoding, size, header or an unclosed quote),
 *   measures.csv is still checked, except that school_ids are not matched against it.
 * - At most MAX_ERRORS_PER_FILE errors are listed per file, then one "…and N more" error.
 */
import { readCsv } from "./csv";
import { makeIssue } from "./issue-message";
import { readNumber, type NumberSyntax } from "./numbers";
import { summarizePackage } from "./summary";
import {
  DATA_LIMITS,
  measureNames,
  measureSpecs,
  schoolLevels,
  studentGroups,
  suppressionMarks,
  type DataFile,
  type DataPackage,
  type Issue,
  type IssueCode,
  type IssueParams,
  type MeasureName,
  type MeasureRow,
  type ParseDataPackageResult,
  type School,
  type SchoolLevel,
  measureColumns,
  schoolColumns,
} from "./types";

export const MAX_ERRORS_PER_FILE = 1000;
export const MAX_WARNINGS_PER_FILE = 100;

export type DataPackageFiles = { schools: string | Uint8Array; measures: string | Uint8Array };

export function parseDataPackage(files: DataPackageFiles): ParseDataPackageResult {
  const schoolsReport = new Report("schools.csv");
  const measuresReport = new Report("measures.csv");

  const schoolsText = decode(files.schools, schoolsReport);
  const measuresText = decode(files.measures, measuresReport);
  const schools = schoolsText === null ? null : readSchools(schoolsText, schoolsReport);
  const measures = measuresText === null ? null : readMeasures(measuresText, measuresReport, schools?.ids ?? null);

  const errors = [...schoolsReport.finishErrors(), ...measuresReport.finishErrors()];
  const warnings = [...schoolsReport.finishWarnings(), ...measuresReport.finishWarnings()];
  if (errors.length > 0 || schools === null || measures === null) return { ok: false, errors, warnings };

  const data: DataPackage = { schools: schools.schools, measures };
  return { ok: true, data, warnings, summary: summarizePackage(data) };
}

/** "measures.csv, line 12, column value: …" — for logs and plain-text reports. */
export function formatIssue(issue: Pick<Issue, "file" | "line" | "column" | "message">): string {
  let where: string = issue.file;
  if (issue.line !== null) where += `, line ${issue.line}`;
  if (issue.column !== null) where += `, column ${issue.column}`;
  return `${where}: ${issue.message}`;
}

// ---------------------------------------------------------------------------------------------
// Reporting

class Report {
  private errors: Issue[] = [];
  private errorCount = 0;
  private warnings: Issue[] = [];
  private warningCount = 0;
  constructor(readonly file: DataFile) {}

  get hasErrors(): boolean {
    return this.errorCount > 0;
  }
  error(line: number | null, column: string | null, code: IssueCode, params?: IssueParams): void {
    if (this.errorCount++ < MAX_ERRORS_PER_FILE) this.errors.push(makeIssue(this.file, line, column, code, params));
  }
  warning(line: number | null, column: string | null, code: IssueCode, params?: IssueParams): void {
    if (this.warningCount++ < MAX_WARNINGS_PER_FILE) {
      this.warnings.push(makeIssue(this.file, line, column, code, params));
    }
  }
  /** Drops the errors found so far (when the whole file is refused for one reason). */
  clearErrors(): void {
    this.errors = [];
    this.errorCount = 0;
  }
  finishErrors(): Issue[] {
    const more = this.errorCount - this.errors.length;
    if (more <= 0) return this.errors;
    const code = more === 1 ? "dataIssue.moreErrorsOne" : "dataIssue.moreErrors";
    return [...this.errors, makeIssue(this.file, null, null, code, { count: more, max: MAX_ERRORS_PER_FILE })];
  }
  finishWarnings(): Issue[] {
    const more = this.warningCount - this.warnings.length;
    if (more <= 0) return this.warnings;
    const code = more === 1 ? "dataIssue.moreWarningsOne" : "dataIssue.moreWarnings";
    return [...this.warnings, makeIssue(this.file, null, null, code, { count: more })];
  }
}

/** A problem before it is placed in a file, line and column. */
type Problem = { code: IssueCode; params: IssueParams };

/** A value from the file as a message param: control characters escaped, long values shortened. */
function clip(value: string): string {
  let s = value;
  if (s.length > 60) {
    let cut = 57;
    const c = s.charCodeAt(cut - 1);
    if (c >= 0xd800 && c <= 0xdbff) cut--;
    s = `${s.slice(0, cut)}…`;
  }
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// ---------------------------------------------------------------------------------------------
// Bytes and size

function decode(input: string | Uint8Array, report: Report): string | null {
  const limit = DATA_LIMITS.maxFileBytes;
  const tooLarge = () => report.error(null, null, "dataIssue.fileTooLarge", { limitMb: limit / 1024 / 1024 });
  if (typeof input === "string") {
    if (utf8Length(input, limit) > limit) {
      tooLarge();
      return null;
    }
    return input;
  }
  if (input.byteLength > limit) {
    tooLarge();
    return null;
  }
  if (input.byteLength >= 2 && ((input[0] === 0xff && input[1] === 0xfe) || (input[0] === 0xfe && input[1] === 0xff))) {
    report.error(null, null, "dataIssue.utf16");
    return null;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(input); // drops a leading BOM
  } catch {
    const at = firstInvalidUtf8(input);
    let line = 1;
    for (let k = 0; k < at; k++) if (input[k] === 10) line++;
    report.error(line, null, "dataIssue.invalidUtf8", { line });
    return null;
  }
}

/** UTF-8 byte length of a string, stopping early once it is known to exceed `limit`. */
function utf8Length(s: string, limit: number): number {
  if (s.length * 3 <= limit) return s.length; // cannot exceed; exact value not needed
  if (s.length > limit) return s.length;
  const buffer = (globalThis as { Buffer?: { byteLength(s: string, encoding: "utf8"): number } }).Buffer;
  if (buffer !== undefined) return buffer.byteLength(s, "utf8"); // Node: native and fast
  let bytes = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      k++;
    } else bytes += 3;
    if (bytes > limit) break;
  }
  return bytes;
}

/** Offset of the first byte that makes `bytes` invalid UTF-8 (bytes.length if none). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let k = 0;
  while (k < n) {
    const b = bytes[k]!;
    if (b < 0x80) {
      k++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return k;
    if (k + need >= n) return k;
    let cp = b & (0x3f >> need);
    for (let j = 1; j <= need; j++) {
      const c = bytes[k + j];
      if (c === undefined || (c & 0xc0) !== 0x80) return k;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return k;
    k += need + 1;
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Reading a file: header, rows, syntax errors, row limit

type RowHandler = (fields: string[], line: number) => void;

type FileRead = {
  /** False when the rows could not be checked (bad header, unclosed quote, refused). */
  complete: boolean;
  /** False when the file is refused outright or its header is unusable. */
  usable: boolean;
  dataRows: number;
};

/**
 * Reads a CSV file record by record: the header first (see readHeader), then each data row is
 * passed to `row` (well-formed rows) or `broken` (rows with a syntax error or too many values,
 * already reported). Nothing but what the handlers keep is retained.
 */
function readFile<C extends string>(
  text: string,
  report: Report,
  columns: readonly C[],
  required: readonly C[],
  setup: (index: Partial<Record<C, number>>) => { row: RowHandler; broken: RowHandler },
): FileRead {
  const maxRows = DATA_LIMITS.maxRowsPerFile;
  let names: (string | null)[] = [];
  let width = 0;
  let headerSeen = false;
  let usable = true;
  let dataRows = 0;
  let overLimit = false;
  let row: RowHandler | null = null;
  let broken: RowHandler | null = null;

  const status = readCsv(
    text,
    (fields, line, malformed) => {
      if (!headerSeen) {
        headerSeen = true;
        const header = readHeader(fields, line, columns, required, report);
        names = header.names;
        width = names.length;
        if (header.index === null) usable = false;
        else ({ row, broken } = setup(header.index));
        return;
      }
      if (++dataRows > maxRows) {
        overLimit = true;
        return false;
      }
      if (row === null) return;
      if (malformed) {
        broken!(fields, line);
        return;
      }
      if (fields.length > width) {
        let extra = 0;
        for (let j = width; j < fields.length; j++) if (fields[j] !== "") extra++;
        if (extra > 0) {
          report.error(line, null, "dataIssue.rowTooWide", { values: fields.length, columns: width });
          broken!(fields, line);
          return;
        }
      }
      row(fields, line);
    },
    (line, field, code, params) => report.error(line, headerSeen ? (names[field] ?? null) : null, code, params),
  );

  if (overLimit) {
    report.clearErrors();
    report.error(null, null, "dataIssue.tooManyRows", { max: maxRows });
    return { complete: false, usable: false, dataRows: maxRows };
  }
  if (!headerSeen && status === "end") {
    report.error(null, null, "dataIssue.emptyFile");
    return { complete: false, usable: false, dataRows: 0 };
  }
  return { complete: status === "end" && usable, usable, dataRows };
}

/**
 * Reads the header record. `index` is null when the rows cannot be read (missing or duplicate
 * columns); those are reported as errors, unknown columns as warnings.
 */
function readHeader<C extends string>(
  fields: string[],
  line: number,
  columns: readonly C[],
  required: readonly C[],
  report: Report,
): { index: Partial<Record<C, number>> | null; names: (string | null)[] } {
  const known = new Set<string>(columns);
  const index: Partial<Record<C, number>> = {};
  const names: (string | null)[] = [];
  let usable = true;
  fields.forEach((raw, j) => {
    const name = raw.toLowerCase();
    if (known.has(name)) {
      const column = name as C;
      const first = index[column];
      if (first !== undefined) {
        report.error(line, column, "dataIssue.duplicateColumn", { column, first: first + 1, second: j + 1 });
        usable = false;
      } else index[column] = j;
      names.push(column);
    } else if (raw === "") {
      names.push(null);
      report.warning(line, null, "dataIssue.unnamedColumn", { position: j + 1 });
    } else {
      names.push(raw);
      const guess = name.replace(/[\s-]+/g, "_");
      if (known.has(guess)) {
        report.warning(line, raw, "dataIssue.unknownColumnDidYouMean", { column: clip(raw), suggestion: guess });
      } else report.warning(line, raw, "dataIssue.unknownColumn", { column: clip(raw) });
    }
  });
  for (const column of required) {
    if (index[column] === undefined) {
      report.error(line, column, "dataIssue.missingColumn", { column });
      usable = false;
    }
  }
  return { index: usable ? index : null, names };
}

// ---------------------------------------------------------------------------------------------
// Field checks

/** The problem with text that breaks the rules, or null. */
function textProblem(column: string, value: string, min: number, max: number): Problem | null {
  if (value === "") return min > 0 ? { code: "dataIssue.missingValue", params: { column } } : null;
  for (let k = 0; k < value.length; k++) {
    const c = value.charCodeAt(k);
    if ((c < 32 && c !== 9) || c === 127) {
      if (c === 10 || c === 13) return { code: "dataIssue.lineBreak", params: { column, value: clip(value) } };
      const character = `U+${c.toString(16).toUpperCase().padStart(4, "0")}`;
      return { code: "dataIssue.controlCharacter", params: { column, value: clip(value), character } };
    }
  }
  if (value.length > max) {
    let chars = 0;
    for (const _ of value) chars++;
    if (chars > max) return { code: "dataIssue.tooLong", params: { column, length: chars, max } };
  }
  return null;
}

/** The number for a numeric field, or its problem. `measure` names what `value` is for. */
function numberProblem(
  label: string,
  raw: string,
  syntax: NumberSyntax,
  min: number,
  max: number | null,
  integer: boolean,
  measure?: string,
): number | Problem {
  const v = readNumber(raw, syntax);
  const params: IssueParams = { column: label, value: clip(raw) };
  if (typeof v === "string") return { code: `dataIssue.number.${v}`, params };
  const flag = integer && min === 0 && max === 1;
  if (v < min || (max !== null && v > max) || (flag && v !== 0 && v !== 1)) {
    params.min = min;
    if (max !== null) params.max = max;
    if (measure === undefined) return { code: max === null ? "dataIssue.belowMin" : "dataIssue.outOfRange", params };
    params.measure = measure;
    const code = flag
      ? "dataIssue.measureNotFlag"
      : max === null
        ? "dataIssue.measureBelowMin"
        : "dataIssue.measureOutOfRange";
    return { code, params };
  }
  if (integer && !Number.isSafeInteger(v)) return { code: "dataIssue.notWholeNumber", params };
  return v;
}

// ---------------------------------------------------------------------------------------------
// schools.csv

type SchoolColumn = (typeof schoolColumns)[number];
const requiredSchoolColumns = ["school_id", "school_name", "level", "enrollment", "pct_low_income"] as const;

const levelByName = new Map<string, SchoolLevel>(schoolLevels.map((l) => [l, l]));
const PERCENT: NumberSyntax = { percent: true, currency: false };
const PLAIN: NumberSyntax = { percent: false, currency: false };

type SchoolsRead = {
  schools: School[];
  /**
   * A number per school_id seen (0, 1, 2… in file order), also from rows with other errors so
   * that measures.csv does not repeat them; null when the file could not be read to its end.
   */
  ids: Map<string, number> | null;
};

function readSchools(text: string, report: Report): SchoolsRead {
  const ids = new Map<string, number>();
  const idLines: number[] = [];
  const schools: School[] = [];

  const read = readFile(text, report, schoolColumns, requiredSchoolColumns, (ix) => {
    const at = (fields: string[], column: SchoolColumn): string => {
      const j = ix[column];
      return j === undefined ? "" : (fields[j] ?? "");
    };
    /** The percent, null when empty and optional, undefined after reporting an error. */
    const pct = (
      fields: string[],
      column: SchoolColumn,
      line: number,
      required: boolean,
    ): number | null | undefined => {
      const raw = at(fields, column);
      if (raw === "") {
        if (!required) return null;
        report.error(line, column, "dataIssue.missingValue", { column });
        return undefined;
      }
      const v = numberProblem(column, raw, PERCENT, 0, 100, false);
      if (typeof v === "number") return v;
      report.error(line, column, v.code, v.params);
      return undefined;
    };

    const row = (fields: string[], line: number): void => {
      let ok = true;

      const schoolId = at(fields, "school_id");
      const idProblem = textProblem("school_id", schoolId, 1, 64);
      if (idProblem !== null) {
        report.error(line, "school_id", idProblem.code, idProblem.params);
        ok = false;
      } else {
        const first = ids.get(schoolId);
        if (first !== undefined) {
          const firstLine = idLines[first];
          if (firstLine)
            report.error(line, "school_id", "dataIssue.duplicateSchoolId", { value: clip(schoolId), firstLine });
          else report.error(line, "school_id", "dataIssue.duplicateSchoolIdEarlier", { value: clip(schoolId) });
          ok = false;
        } else {
          idLines.push(line);
          ids.set(schoolId, ids.size);
        }
      }

      const schoolName = at(fields, "school_name");
      const nameProblem = textProblem("school_name", schoolName, 1, 200);
      if (nameProblem !== null) {
        report.error(line, "school_name", nameProblem.code, nameProblem.params);
        ok = false;
      }

      const levelRaw = at(fields, "level");
      const level = levelByName.get(levelRaw) ?? levelByName.get(levelRaw.toLowerCase());
      if (level === undefined) {
        const allowed = schoolLevels.join(", ");
        if (levelRaw === "") report.error(line, "level", "dataIssue.levelMissing", { allowed });
        else report.error(line, "level", "dataIssue.levelInvalid", { value: clip(levelRaw), allowed });
        ok = false;
      }

      const enrollmentRaw = at(fields, "enrollment");
      const enrollment: number | Problem =
        enrollmentRaw === ""
          ? { code: "dataIssue.missingValue", params: { column: "enrollment" } }
          : numberProblem("enrollment", enrollmentRaw, PLAIN, 0, null, true);
      if (typeof enrollment !== "number") {
        report.error(line, "enrollment", enrollment.code, enrollment.params);
        ok = false;
      }

      const pctLowIncome = pct(fields, "pct_low_income", line, true);
      const pctEnglishLearners = pct(fields, "pct_english_learners", line, false);
      const pctStudentsWithDisabilities = pct(fields, "pct_students_with_disabilities", line, false);
      const pctStudentsOfColor = pct(fields, "pct_students_of_color", line, false);

      const neighborhood = at(fields, "neighborhood");
      const hoodProblem = textProblem("neighborhood", neighborhood, 0, 200);
      if (hoodProblem !== null) {
        report.error(line, "neighborhood", hoodProblem.code, hoodProblem.params);
        ok = false;
      }

      if (
        !ok ||
        report.hasErrors || // nothing is kept once the file has an error
        level === undefined ||
        typeof enrollment !== "number" ||
        pctLowIncome == null ||
        pctEnglishLearners === undefined ||
        pctStudentsWithDisabilities === undefined ||
        pctStudentsOfColor === undefined
      ) {
        return;
      }
      schools.push({
        schoolId,
        schoolName,
        level,
        enrollment,
        pctLowIncome,
        pctEnglishLearners,
        pctStudentsWithDisabilities,
        pctStudentsOfColor,
        neighborhood: neighborhood === "" ? null : neighborhood,
      });
    };

    // A row with broken quoting still names its school: avoid a cascade of errors in measures.csv.
    const broken = (fields: string[]): void => {
      const j = ix.school_id;
      const id = j === undefined ? undefined : fields[j];
      if (id !== undefined && id !== "" && !ids.has(id)) {
        idLines.push(0);
        ids.set(id, ids.size);
      }
    };
    return { row, broken };
  });

  if (read.complete && read.dataRows === 0) report.error(null, null, "dataIssue.noSchools");
  return { schools, ids: read.complete ? ids : null };
}

// ---------------------------------------------------------------------------------------------
// measures.csv

const requiredMeasureColumns = ["school_id", "measure", "value"] as const;

const measureIndex = new Map<string, number>(measureNames.map((m, k) => [m, k]));
const groupIndex = new Map<string, number>(studentGroups.map((g, k) => [g, k]));
const GROUP_ALL = groupIndex.get("all")!;
const GROUPS = studentGroups.length;
const MEASURES = measureNames.length;
/** Up to this many (school, measure, group) slots, duplicates are found with a typed array. */
const MAX_DENSE_KEYS = 1 << 22;

type MeasureInfo = {
  name: MeasureName;
  syntax: NumberSyntax;
  min: number;
  max: number | null;
  integer: boolean;
  groups: "all" | "any" | "not_all";
};
const measureInfo: MeasureInfo[] = measureNames.map((name) => {
  const spec = measureSpecs[name];
  return {
    name,
    syntax: { percent: spec.unit === "percent", currency: spec.unit === "usd" },
    min: spec.min,
    max: spec.max,
    integer: "integer" in spec && spec.integer === true,
    groups: spec.groups,
  };
});
const markList = suppressionMarks.join(", ");
const suppressionSet = new Set<string>(suppressionMarks);

function isSuppressionMark(value: string): boolean {
  const c = value.charCodeAt(0);
  // `*`, `<`, `n`/`N`, `s`/`S`: avoid lower-casing every numeric value.
  if (c !== 42 && c !== 60 && (c | 32) !== 110 && (c | 32) !== 115) return false;
  return suppressionSet.has(value) || suppressionSet.has(value.toLowerCase());
}

/** (school, measure, group) → line of its first row; dense when the schools are known. */
class SeenKeys {
  private dense: Int32Array | null;
  private sparse = new Map<number, number>();
  constructor(schools: number | null) {
    this.dense =
      schools !== null && schools * MEASURES * GROUPS <= MAX_DENSE_KEYS
        ? new Int32Array(schools * MEASURES * GROUPS)
        : null;
  }
  /** The line already holding `key`, or 0 after recording `line` for it. */
  claim(key: number, line: number): number {
    if (this.dense !== null) {
      const first = this.dense[key]!;
      if (first === 0) this.dense[key] = line;
      return first;
    }
    const first = this.sparse.get(key);
    if (first !== undefined) return first;
    this.sparse.set(key, line);
    return 0;
  }
}

function unknownSchoolProblem(
  schoolId: string,
  ids: Map<string, number>,
  lowerIds: () => Map<string, string>,
): Problem {
  const problem = textProblem("school_id", schoolId, 1, 64);
  if (problem !== null) return problem;
  const near = lowerIds().get(schoolId.toLowerCase());
  if (near === undefined) return { code: "dataIssue.unknownSchool", params: { value: clip(schoolId) } };
  return { code: "dataIssue.unknownSchoolCase", params: { value: clip(schoolId), near: clip(near) } };
}

function readMeasures(text: string, report: Report, knownIds: Map<string, number> | null): MeasureRow[] | null {
  const rows: MeasureRow[] = [];
  // Without a complete schools.csv, school_ids are numbered as they come and not matched.
  const ids = knownIds ?? new Map<string, number>();
  const seen = new SeenKeys(knownIds === null ? null : knownIds.size);
  let lower: Map<string, string> | null = null;
  const lowerIds = (): Map<string, string> => {
    if (lower === null) {
      lower = new Map();
      for (const id of ids.keys()) if (!lower.has(id.toLowerCase())) lower.set(id.toLowerCase(), id);
    }
    return lower;
  };

  const read = readFile(text, report, measureColumns, requiredMeasureColumns, (ix) => {
    const ixId = ix.school_id!;
    const ixMeasure = ix.measure!;
    const ixGroup = ix.student_group ?? -1;
    const ixValue = ix.value!;

    let lastSchoolId: string | null = null;
    let lastSchool = 0;
    let lastMeasureRaw: string | null = null;
    let lastMeasure = 0;

    const row = (fields: string[], line: number): void => {
      let ok = true;

      // Rows come grouped by school and measure: remembering the last lookups saves most hashing.
      const schoolId = fields[ixId] ?? "";
      let school: number | undefined;
      if (schoolId === lastSchoolId) school = lastSchool;
      else {
        school = ids.get(schoolId);
        if (school !== undefined) {
          lastSchoolId = schoolId;
          lastSchool = school;
        }
      }
      if (school === undefined) {
        if (schoolId === "") report.error(line, "school_id", "dataIssue.missingValue", { column: "school_id" });
        else if (knownIds !== null) {
          const problem = unknownSchoolProblem(schoolId, knownIds, lowerIds);
          report.error(line, "school_id", problem.code, problem.params);
        } else {
          const problem = textProblem("school_id", schoolId, 1, 64);
          if (problem === null) ids.set(schoolId, (school = ids.size));
          else report.error(line, "school_id", problem.code, problem.params);
        }
        if (school === undefined) ok = false;
      }

      const measureRaw = fields[ixMeasure] ?? "";
      let m: number | undefined;
      if (measureRaw === lastMeasureRaw) m = lastMeasure;
      else {
        m = measureIndex.get(measureRaw) ?? measureIndex.get(measureRaw.toLowerCase());
        if (m !== undefined) {
          lastMeasureRaw = measureRaw;
          lastMeasure = m;
        }
      }
      const info = m === undefined ? undefined : measureInfo[m]!;
      if (info === undefined) {
        if (measureRaw === "") report.error(line, "measure", "dataIssue.missingValue", { column: "measure" });
        else report.error(line, "measure", "dataIssue.unknownMeasure", { value: clip(measureRaw) });
        ok = false;
      }

      const groupRaw = ixGroup === -1 ? "" : (fields[ixGroup] ?? "");
      const g =
        groupRaw === "" || groupRaw === "all"
          ? GROUP_ALL
          : (groupIndex.get(groupRaw) ?? groupIndex.get(groupRaw.toLowerCase()));
      if (g === undefined) {
        report.error(line, "student_group", "dataIssue.groupInvalid", {
          value: clip(groupRaw),
          allowed: studentGroups.join(", "),
        });
        ok = false;
      } else if (info !== undefined) {
        if (info.groups === "all" && g !== GROUP_ALL) {
          report.error(line, "student_group", "dataIssue.allStudentsOnly", {
            measure: info.name,
            group: studentGroups[g]!,
          });
          ok = false;
        } else if (info.groups === "not_all" && g === GROUP_ALL) {
          const code = groupRaw === "" ? "dataIssue.specificGroupEmpty" : "dataIssue.specificGroup";
          report.error(line, "student_group", code, { measure: info.name });
          ok = false;
        }
      }

      const valueRaw = fields[ixValue] ?? "";
      let value = 0;
      let suppressed = false;
      if (valueRaw === "") {
        report.error(line, "value", "dataIssue.missingMeasureValue", { marks: markList });
        ok = false;
      } else if (isSuppressionMark(valueRaw)) {
        suppressed = true;
      } else if (info !== undefined) {
        const v = numberProblem("value", valueRaw, info.syntax, info.min, info.max, info.integer, info.name);
        if (typeof v === "number") value = v;
        else {
          report.error(line, "value", v.code, v.params);
          ok = false;
        }
      } else if (typeof readNumber(valueRaw, { percent: true, currency: true }) === "string") {
        report.error(line, "value", "dataIssue.notNumberOrMark", { value: clip(valueRaw), marks: markList });
        ok = false;
      }

      if (school !== undefined && m !== undefined && g !== undefined) {
        const first = seen.claim((school * MEASURES + m) * GROUPS + g, line);
        if (first !== 0) {
          report.error(line, null, "dataIssue.duplicateRow", {
            schoolId: clip(schoolId),
            measure: measureNames[m]!,
            group: studentGroups[g]!,
            firstLine: first,
            line,
          });
          ok = false;
        }
      }

      if (!ok || report.hasErrors) return; // nothing is kept once the file has an error
      rows.push({
        schoolId,
        measure: info!.name,
        group: studentGroups[g!]!,
        value: suppressed ? { suppressed: true } : { suppressed: false, value },
      });
    };
    return { row, broken: () => {} };
  });

  if (!read.usable) return null;
  if (read.complete && read.dataRows === 0) {
    report.warning(null, null, "dataIssue.noMeasures");
  }
  return rows;
}
