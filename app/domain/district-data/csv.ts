/**
 * A small RFC 4180 reader and writer, framework-free.
 *
 * Own parser, not csv-parse: its `info.lines` is the line a record ENDS on and its sync API throws
 * at the first bad quote, so we could get neither start lines of multi-line records nor all errors.
 *
 * Reading rules (DATA-FORMAT.md): comma separated; a field may be wrapped in double quotes and may
 * then contain commas, line breaks and doubled quotes; line endings LF, CRLF (a lone CR is also
 * taken as a line break); a leading byte-order mark is skipped; spaces and tabs around a field are
 * trimmed (inside quotes too); records whose fields are all empty (blank lines) are skipped.
 * `readCsv` is the streaming core (the importer validates each record as it is read, keeping
 * nothing else); `parseCsv` collects all records, as a plain CSV parser would. For benchmarks,
 * `parseCsv` is the "raw parse" floor (and `readCsv` with an empty handler the bare tokenizer).
 */
import { issueMessage } from "./issue-message";
import type { IssueParams } from "./types";

export type CsvSyntaxError = {
  /** Index into `records` of the record the problem is in; -1 when the record was lost. */
  record: number;
  /** 1-based physical line where that record starts. */
  line: number;
  /** 0-based index of the field within its record. */
  field: number;
  /** In English (the message of the issue the importer reports). */
  message: string;
};

/**
 * Called for each non-blank record (a new `fields` array each time: the handler may keep it).
 * `malformed` is true when an error was reported for this record. Return false to stop reading.
 */
export type CsvRecordHandler = (fields: string[], line: number, malformed: boolean) => boolean | void;
/** The quoting problems, as data package issue codes. */
export type CsvProblem = "dataIssue.unclosedQuote" | "dataIssue.strayQuote" | "dataIssue.textAfterQuote";
/** Called for each quoting problem, before the record it is in (`field`: 0-based index). */
export type CsvErrorHandler = (line: number, field: number, problem: CsvProblem, params: IssueParams) => void;

/**
 * How reading ended: "end" of text; "stopped" by the handler; "unclosed-quote" when a quote never
 * closes, which swallows the rest of the file (that record is not passed on).
 */
export type CsvReadStatus = "end" | "stopped" | "unclosed-quote";

export type CsvParseResult = {
  /** Non-blank records in file order; the header is records[0]. */
  records: string[][];
  /** lines[k]: 1-based physical line where records[k] starts. */
  lines: number[];
  /** Malformed quoting, in file order. */
  errors: CsvSyntaxError[];
  /**
   * Why reading stopped before the end: a quote that never closes swallows the rest of the file;
   * "record-limit" means more than `maxRecords` non-blank records exist (the extra one is not kept).
   */
  stopped: null | "unclosed-quote" | "record-limit";
};

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

/** Line breaks in text[from, to): LF, CRLF and a lone CR each count once. */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === LF) count++;
    else if (c === CR && text.charCodeAt(k + 1) !== LF) count++;
  }
  return count;
}

function trimSpaces(s: string): string {
  let start = 0;
  let end = s.length;
  let c = s.charCodeAt(start);
  while (start < end && (c === SPACE || c === TAB)) c = s.charCodeAt(++start);
  c = s.charCodeAt(end - 1);
  while (end > start && (c === SPACE || c === TAB)) c = s.charCodeAt(--end - 1);
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

/** The streaming core: one pass over the text, nothing kept. */
export function readCsv(text: string, onRecord: CsvRecordHandler, onError: CsvErrorHandler): CsvReadStatus {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;

  while (i < n) {
    const recordLine = line;
    let malformed = false;
    let blank = true;
    const fields: string[] = [];
    for (;;) {
      let c = text.charCodeAt(i);
      while (c === SPACE || c === TAB) c = text.charCodeAt(++i);
      let value: string;
      if (c === QUOTE) {
        const openLine = line;
        let start = ++i;
        let closed = false;
        value = "";
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) break;
          line += countLineBreaks(text, i, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += text.slice(start, q + 1);
            i = q + 2;
            start = i;
            continue;
          }
          value += text.slice(start, q);
          i = q + 1;
          closed = true;
          break;
        }
        if (!closed) {
          onError(recordLine, fields.length, "dataIssue.unclosedQuote", { openLine });
          return "unclosed-quote";
        }
        value = trimSpaces(value);
        c = text.charCodeAt(i);
        while (c === SPACE || c === TAB) c = text.charCodeAt(++i);
        if (i < n && c !== COMMA && c !== LF && c !== CR) {
          onError(recordLine, fields.length, "dataIssue.textAfterQuote", {});
          malformed = true;
          const rest = i;
          while (i < n && c !== COMMA && c !== LF && c !== CR) c = text.charCodeAt(++i);
          value += text.slice(rest, i);
        }
      } else {
        const start = i;
        let strayQuote = false;
        while (i < n && c !== COMMA && c !== LF && c !== CR) {
          if (c === QUOTE) strayQuote = true;
          c = text.charCodeAt(++i);
        }
        let end = i;
        let e = text.charCodeAt(end - 1);
        while (end > start && (e === SPACE || e === TAB)) e = text.charCodeAt(--end - 1);
        value = start === end ? "" : text.slice(start, end);
        if (strayQuote) {
          onError(recordLine, fields.length, "dataIssue.strayQuote", {});
          malformed = true;
        }
      }
      fields.push(value);
      if (value !== "") blank = false;
      if (c === COMMA) {
        i++;
        continue;
      }
      if (c === CR) {
        i++;
        if (text.charCodeAt(i) === LF) i++;
        line++;
      } else if (c === LF) {
        i++;
        line++;
      }
      break;
    }
    if (blank) continue; // a malformed record is never blank: it holds the stray text
    if (onRecord(fields, recordLine, malformed) === false) return "stopped";
  }
  return "end";
}

/** All records in memory (the header is records[0]); stops after `maxRecords` non-blank records. */
export function parseCsv(text: string, options: { maxRecords?: number } = {}): CsvParseResult {
  const maxRecords = options.maxRecords ?? Infinity;
  const records: string[][] = [];
  const lines: number[] = [];
  const errors: CsvSyntaxError[] = [];
  let overLimit = false;
  const status = readCsv(
    text,
    (fields, line) => {
      if (records.length >= maxRecords) {
        overLimit = true;
        return false;
      }
      records.push(fields);
      lines.push(line);
    },
    (line, field, code, params) =>
      errors.push({ record: records.length, line, field, message: issueMessage("en", { code, params }) }),
  );
  if (status === "unclosed-quote") errors[errors.length - 1]!.record = -1;
  return { records, lines, errors, stopped: overLimit ? "record-limit" : status === "unclosed-quote" ? status : null };
}

/** One field as RFC 4180 text: quoted (with quotes doubled) only when it holds `"`, `,`, CR or LF. */
export function csvField(value: string): string {
  for (let k = 0; k < value.length; k++) {
    const c = value.charCodeAt(k);
    if (c === QUOTE || c === COMMA || c === LF || c === CR) return `"${value.replaceAll('"', '""')}"`;
  }
  return value;
}
