import type { Translate } from "../i18n/translate";
import { readCsv, type CsvProblem } from "./district-data/csv";
import { ballotErrorMessage, type Money } from "./poll-results";
import type { BallotRules } from "./polls";
import { stakeholderGroups, type StakeholderGroup } from "./roles";
import { validateBallot, type BallotError, type Choice, type Poll } from "./voting";

/**
 * Paper ballots entered by staff (issue 13): one by one, as a JSON list or as a CSV file of
 * `group,school,choices`. Every line is checked before anything is stored, and every
 * problem is reported with its line, as the district data import does.
 */

/** Ballots in one upload: a school night's box of papers, with room to spare. */
export const MAX_PAPER_BALLOTS = 1000;

const COLUMNS = ["group", "school", "choices"] as const;
const REQUIRED: readonly string[] = ["group", "choices"];

/**
 * A paper ballot as entered, before it is checked: a CSV line, or a position (from 1) in a
 * JSON list. `choices` is null when `choicesText` could not be read as choices.
 */
export type PaperEntry = {
  line: number;
  group: string;
  school: string | null;
  choices: Choice[] | null;
  choicesText: string;
};

/** What can be wrong with a line besides the ballot's own reasons (`BallotError`). */
export type PaperIssue =
  | { code: "unclosed_quote"; openLine: number }
  | { code: "stray_quote" }
  | { code: "text_after_quote" }
  | { code: "missing_column"; column: string }
  | { code: "unknown_column"; column: string }
  | { code: "row_too_wide"; values: number; columns: number }
  | { code: "no_ballots" }
  | { code: "too_many_ballots"; max: number }
  | { code: "group_required" }
  | { code: "unknown_group"; group: string }
  | { code: "group_not_invited"; group: string }
  | { code: "unknown_school"; school: string }
  | { code: "choices_unreadable"; value: string };

export type PaperProblem = { line: number; issue: PaperIssue | BallotError };

/** A checked paper ballot, ready to store. */
export type PaperBallot = {
  group: StakeholderGroup;
  school: string | null;
  choices: { code: string; points?: number }[];
};

const quoteIssues: Record<CsvProblem, "unclosed_quote" | "stray_quote" | "text_after_quote"> = {
  "dataIssue.unclosedQuote": "unclosed_quote",
  "dataIssue.strayQuote": "stray_quote",
  "dataIssue.textAfterQuote": "text_after_quote",
};

/**
 * A choices cell: option codes separated by `;` (ranked ballots best first), or
 * `code:points` pairs on points ballots. Null when it cannot be read that way.
 */
export function choicesFromCell(rules: BallotRules, cell: string): Choice[] | null {
  const parts = cell
    .split(";")
    .map((p) => p.trim())
    .filter(Boolean);
  if (rules.type !== "points") return parts.some((p) => p.includes(":")) ? null : parts.map((code) => ({ code }));
  const choices: Choice[] = [];
  for (const part of parts) {
    const match = /^([^:]+?)\s*:\s*(\d{1,6})$/.exec(part);
    if (!match) return null;
    const points = Number(match[2]);
    // Zero points is no choice, as on the online form.
    if (points > 0) choices.push({ code: match[1]!, points });
  }
  return choices;
}

/**
 * Reads a CSV of paper ballots into entries; the problems of its shape come back by line.
 * `whole` is false when the file cannot be taken line by line (a bad header, too many lines).
 */
export function readPaperCsv(
  text: string,
  rules: BallotRules,
): { entries: PaperEntry[]; problems: PaperProblem[]; whole: boolean } {
  const entries: PaperEntry[] = [];
  const problems: PaperProblem[] = [];
  let header: string[] | null = null;
  let whole = true;
  readCsv(
    text,
    (fields, line, malformed) => {
      if (!header) {
        header = fields.map((f) => f.toLowerCase());
        const problem = (issue: PaperIssue) => {
          problems.push({ line, issue });
          whole = false;
        };
        for (const column of header)
          if (!(COLUMNS as readonly string[]).includes(column)) problem({ code: "unknown_column", column });
        for (const column of REQUIRED) if (!header.includes(column)) problem({ code: "missing_column", column });
        return;
      }
      if (entries.length >= MAX_PAPER_BALLOTS) {
        problems.push({ line, issue: { code: "too_many_ballots", max: MAX_PAPER_BALLOTS } });
        whole = false;
        return false;
      }
      if (fields.length > header.length)
        problems.push({ line, issue: { code: "row_too_wide", values: fields.length, columns: header.length } });
      const cell = (name: string) => {
        const at = header!.indexOf(name);
        return at === -1 ? "" : (fields[at] ?? "");
      };
      // A line whose quoting is broken has its problem reported; its values mean nothing.
      if (malformed) return;
      const choicesText = cell("choices");
      entries.push({
        line,
        group: cell("group"),
        school: cell("school") || null,
        choices: choicesFromCell(rules, choicesText),
        choicesText,
      });
    },
    (line, _field, problem, params) => {
      const code = quoteIssues[problem];
      problems.push({
        line,
        issue: code === "unclosed_quote" ? { code, openLine: Number(params.openLine ?? line) } : { code },
      });
    },
  );
  if (!header) {
    problems.push({ line: 1, issue: { code: "missing_column", column: "choices" } });
    whole = false;
  } else if (whole && !entries.length && !problems.length) {
    problems.push({ line: 1, issue: { code: "no_ballots" } });
  }
  return { entries, problems, whole };
}

export type PaperContext = {
  poll: Poll;
  optionCodes: readonly string[];
  schools: ReadonlySet<string>;
  eligibleGroups: readonly StakeholderGroup[] | null;
};

/**
 * Checks every entry as an online ballot is checked (`validateBallot`), plus its group and
 * school; the ballots come back only when no line has a problem.
 */
export function checkPaperBallots(
  entries: readonly PaperEntry[],
  ctx: PaperContext,
): { ok: true; ballots: PaperBallot[] } | { ok: false; problems: PaperProblem[] } {
  const problems: PaperProblem[] = [];
  const ballots: PaperBallot[] = [];
  // Staff type "p1" for P1: codes are unique regardless of case (poll-validation).
  const canonical = new Map(ctx.optionCodes.map((c) => [c.toLowerCase(), c]));
  for (const entry of entries) {
    const at = (issue: PaperIssue | BallotError) => problems.push({ line: entry.line, issue });
    const group = entry.group.trim().toLowerCase();
    if (!group) at({ code: "group_required" });
    else if (!isGroup(group)) at({ code: "unknown_group", group: entry.group });
    else if (ctx.eligibleGroups && !ctx.eligibleGroups.includes(group)) at({ code: "group_not_invited", group });
    if (entry.school !== null && !ctx.schools.has(entry.school)) at({ code: "unknown_school", school: entry.school });
    if (entry.choices === null) {
      at({ code: "choices_unreadable", value: entry.choicesText });
      continue;
    }
    const choices = entry.choices.map((c) => ({ ...c, code: canonical.get(c.code.toLowerCase()) ?? c.code }));
    const check = validateBallot(ctx.poll, choices);
    if (!check.ok) check.errors.forEach(at);
    if (isGroup(group))
      ballots.push({
        group,
        school: entry.school,
        choices: choices.map((c) => (c.points === undefined ? { code: c.code } : { code: c.code, points: c.points })),
      });
  }
  return problems.length ? { ok: false, problems } : { ok: true, ballots };
}

const isGroup = (value: string): value is StakeholderGroup => (stakeholderGroups as readonly string[]).includes(value);

/**
 * A whole CSV upload: its shape, then every ballot in it. Problems come in line order (a
 * line's shape before its ballot), as a reader fixes them; a bad header stops there, since
 * every line would repeat it.
 */
export function paperBallotsFromCsv(
  text: string,
  rules: BallotRules,
  ctx: PaperContext,
): { ok: true; ballots: PaperBallot[] } | { ok: false; problems: PaperProblem[] } {
  const read = readPaperCsv(text, rules);
  if (!read.whole) return { ok: false, problems: read.problems };
  const checked = checkPaperBallots(read.entries, ctx);
  const problems = [...read.problems, ...(checked.ok ? [] : checked.problems)].sort((a, b) => a.line - b.line);
  return problems.length ? { ok: false, problems } : checked;
}

/** One problem in a language: the ballot's own reasons as online, the rest from `paperError.*`. */
export function paperProblemMessage(p: PaperProblem, t: Translate, m: Money): string {
  const issue = p.issue;
  switch (issue.code) {
    case "unclosed_quote":
      return t("dataIssue.unclosedQuote", { openLine: issue.openLine });
    case "stray_quote":
      return t("dataIssue.strayQuote");
    case "text_after_quote":
      return t("dataIssue.textAfterQuote");
    case "row_too_wide":
      return t("dataIssue.rowTooWide", { values: issue.values, columns: issue.columns });
    case "missing_column":
    case "unknown_column":
    case "no_ballots":
    case "too_many_ballots":
    case "group_required":
    case "unknown_group":
    case "unknown_school":
    case "choices_unreadable": {
      const { code, ...vars } = issue;
      return t(`paperError.${code}`, vars);
    }
    case "group_not_invited":
      return t("paperError.group_not_invited", { group: t(`group.${issue.group as StakeholderGroup}`) });
    default:
      return ballotErrorMessage(issue, t, m);
  }
}
