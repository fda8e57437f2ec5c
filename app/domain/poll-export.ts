import type { Translate } from "../i18n/translate";
import { pollResults, type Money } from "./poll-results";
import { recentTally } from "./recent-tallies";
import { votingPoll, type BallotRules } from "./polls";
import { writePabulib, type Ballot, type Choice, type Completion } from "./voting";

/** What an export counts by: a funding rule, always with cost utilities (Pabulib's equal shares). */
export type ExportQuery = { rule: "greedy" | "equal-shares"; completion: Completion };

type ExportedPoll = {
  title: string;
  description: string;
  budget: string;
  ballot: BallotRules;
  options: readonly { code: string; title: string; cost: string }[];
};
type CountedBallot = { receipt: string; choices: readonly Choice[]; paper: boolean };

/**
 * Ballots as exports list them, in receipt order: by receipt when the counted list is
 * public (published results, or a file's own voter ids), otherwise numbered 1, 2, … so
 * an export never hands out receipts before the results page would.
 */
export function exportedBallots(counted: readonly CountedBallot[], byReceipt: boolean): CountedBallot[] {
  // Code-unit order, not the database's collation: the same file from PGlite and any Postgres.
  const ordered = [...counted].sort((a, b) => (a.receipt < b.receipt ? -1 : a.receipt > b.receipt ? 1 : 0));
  return ordered.map((b, i) => (byReceipt ? b : { ...b, receipt: String(i + 1) }));
}

/**
 * The poll as a Pabulib file: META (vote type, budget, the rule counted by), PROJECTS with
 * each option's votes, whether the rule funds it, and its name; VOTES by receipt.
 */
export function pollAsPabulib(poll: ExportedPoll, ballots: readonly CountedBallot[], q: ExportQuery): string {
  const engine = votingPoll(poll.budget, poll.ballot, poll.options);
  const voting: Ballot[] = ballots.map((b) => ({ voterId: b.receipt, choices: b.choices }));
  const result = recentTally(poll, engine, voting, { rule: q.rule, utilities: "cost", completion: q.completion });
  // The title goes where Pabulib names an election, so an export imports back under it.
  const meta = { description: poll.title, ...(poll.description ? { comment: poll.description } : {}) };
  return writePabulib(engine, voting, result, { meta, names: new Map(poll.options.map((o) => [o.code, o.title])) });
}

export const RESULTS_CSV_HEADER = [
  "code",
  "title",
  "cost",
  "votes",
  "points",
  "borda",
  "funded",
  "funded_order",
  "explanation",
] as const;
export const BALLOTS_CSV_HEADER = ["receipt", "choices", "points", "paper"] as const;

/**
 * One row per option, in result order (funded first, in the order they were funded):
 * votes, points (points ballots) or Borda score (ranked), whether funded (1/0), the
 * funding order, and why, in the reader's language.
 */
export function resultsCsv(
  poll: ExportedPoll,
  ballots: readonly CountedBallot[],
  q: ExportQuery,
  t: Translate,
  m: Money,
): string {
  const counted = ballots.map((b) => ({ receipt: b.receipt, choices: b.choices, group: null }));
  const results = pollResults(poll, counted, { ...q, utility: "cost" }, t, m);
  const order = new Map(results.selected.map((o, i) => [o.code, i + 1]));
  const rows = results.options.map((o) => [
    o.code,
    o.title,
    o.cost,
    o.votes,
    "points" in o ? o.points : null,
    "borda" in o ? o.borda : null,
    o.funded ? 1 : 0,
    order.get(o.code) ?? null,
    o.explanation,
  ]);
  return toCsv([[...RESULTS_CSV_HEADER], ...rows]);
}

/** One row per counted ballot: its receipt, its choices (ranked: best first), their points, paper (1/0). */
export function ballotsCsv(ballots: readonly CountedBallot[]): string {
  const rows = ballots.map((b) => [
    b.receipt,
    b.choices.map((c) => c.code).join(","),
    b.choices.some((c) => c.points !== undefined) ? b.choices.map((c) => c.points ?? 0).join(",") : null,
    b.paper ? 1 : 0,
  ]);
  return toCsv([[...BALLOTS_CSV_HEADER], ...rows]);
}

type Cell = string | number | null | undefined;

/**
 * A CSV cell a spreadsheet shows as text: one that starts like a formula (= + - @, a tab
 * or a carriage return) gets a leading apostrophe, so opening an export runs nothing a
 * voter or a file put in an option's title or a receipt.
 */
export function csvCell(value: Cell): string {
  const text = value === null || value === undefined ? "" : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 lines (CRLF), after a byte-order mark so spreadsheets read UTF-8 names right. */
export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return "\uFEFF" + rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** A file name from a poll's title: letters, digits and dashes, at most 80 characters. */
export function exportFileName(title: string, suffix: string): string {
  const base =
    title
      .replace(/[^\p{L}\p{N} _-]+/gu, "")
      .trim()
      .replace(/\s+/g, "-")
      .slice(0, 80) || "vote";
  return `${base}-${suffix}`;
}
