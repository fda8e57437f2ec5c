import type { Translate } from "../i18n/translate";
import type { BallotRules } from "./polls";
import {
  parsePabulib,
  toDecimalString,
  type Choice,
  type PabulibElection,
  type PabulibError,
  type PabulibErrorCode,
} from "./voting";

export const POLL_IMPORT_LIMITS = {
  maxFileBytes: 10 * 1024 * 1024,
  maxProjects: 1000,
  /** Project ids become option codes and voter ids receipts: short labels, not text. */
  maxIdLength: 100,
  /** A file wrong on every line still gets a readable answer: the first errors, and how many there are. */
  maxErrors: 500,
} as const;

// Lengths the poll form allows.
const MAX_TITLE = 200;
const MAX_DESCRIPTION = 5000;
const MAX_OPTION_DESCRIPTION = 2000;

export type PollImportErrorCode =
  | PabulibErrorCode
  | "not_text"
  | "budget_not_positive"
  | "cost_not_positive"
  | "bad_points"
  | "too_many_projects"
  | "id_too_long"
  | "min_over_max"
  | "no_projects"
  | "no_title";
export type PollImportError = PabulibError<PollImportErrorCode>;

/** A closed poll as a Pabulib file describes it, ready to store: ballots keep the file's voter ids as receipts. */
export type ImportedPoll = {
  title: string;
  description: string;
  budget: string;
  ballot: BallotRules;
  options: { code: string; title: string; description: string; cost: string }[];
  ballots: { receipt: string; choices: Choice[] }[];
};

export type PollImport = { ok: true; poll: ImportedPoll } | { ok: false; errors: PollImportError[]; count: number };

/**
 * A poll from the bytes of a `.pb` file, or every problem with its line (the first
 * `maxErrors` of them). Beyond the format, what the app stores must hold: amounts above
 * zero, whole points, short ids, a title.
 */
export function pollFromPabulib(bytes: Uint8Array, fileName = ""): PollImport {
  const text = decodeText(bytes);
  if (typeof text !== "string") return refused([text]);
  const parsed = parsePabulib(text);
  if (!parsed.ok) return refused(parsed.errors);
  const election = parsed.election;
  const errors = storableProblems(election);
  const title = pollTitle(election.meta, fileName);
  if (!title) errors.push({ line: election.lines.meta.get("description") ?? 1, code: "no_title" });
  if (errors.length || !title) return refused(errors);

  const { meta, poll, projects } = election;
  return {
    ok: true,
    poll: {
      title,
      // With a `name` for the title, `description` describes; otherwise a `comment` may.
      description: clip((meta.name ? meta.description : meta.comment) ?? "", MAX_DESCRIPTION),
      budget: toDecimalString(poll.budget),
      ballot: ballotRules(election),
      options: poll.options.map((o) => {
        const row = projects.get(o.code)!;
        const name = row.name || o.code;
        return {
          code: o.code,
          title: clip(name, MAX_TITLE),
          // A name too long for a title is kept whole as the description.
          description: clip(row.description || (name.length > MAX_TITLE ? name : ""), MAX_OPTION_DESCRIPTION),
          cost: toDecimalString(o.cost),
        };
      }),
      ballots: election.ballots.map((b) => ({ receipt: b.voterId, choices: [...b.choices] })),
    },
  };
}

function refused(errors: PollImportError[]): PollImport {
  const sorted = [...errors].sort((a, b) => a.line - b.line);
  return { ok: false, errors: sorted.slice(0, POLL_IMPORT_LIMITS.maxErrors), count: errors.length };
}

/** UTF-8 text without NUL characters (Postgres text cannot hold one), or where it stops being that. */
function decodeText(bytes: Uint8Array): string | PollImportError {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // A line feed byte is never inside a multi-byte character, so lines decode on their own.
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 10) continue;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start, i));
      } catch {
        break;
      }
      line++;
      start = i + 1;
    }
    return { line, code: "not_text" };
  }
  const nul = text.indexOf("\0");
  if (nul >= 0) return { line: text.slice(0, nul).split("\n").length, code: "not_text" };
  return text;
}

function storableProblems({ poll, ballots, lines }: PabulibElection): PollImportError[] {
  const errors: PollImportError[] = [];
  const { maxProjects, maxIdLength } = POLL_IMPORT_LIMITS;
  const metaLine = (key: string) => lines.meta.get(key) ?? 1;
  if (poll.budget.n <= 0n) errors.push({ line: metaLine("budget"), code: "budget_not_positive" });
  if (poll.minOptions !== undefined && poll.maxOptions !== undefined && poll.minOptions > poll.maxOptions)
    errors.push({ line: metaLine("min_length"), code: "min_over_max" });
  if (poll.options.length === 0) errors.push({ line: metaLine("num_projects"), code: "no_projects" });
  if (poll.options.length > maxProjects)
    errors.push({
      line: lines.projects.get(poll.options[maxProjects]!.code)!,
      code: "too_many_projects",
      params: { max: maxProjects },
    });
  for (const o of poll.options) {
    const line = lines.projects.get(o.code)!;
    if (o.cost.n <= 0n) errors.push({ line, code: "cost_not_positive", params: { project: o.code } });
    if (o.code.length > maxIdLength) errors.push({ line, code: "id_too_long", params: { max: maxIdLength } });
  }
  ballots.forEach((b, i) => {
    const line = lines.ballots[i]!;
    if (b.voterId.length > maxIdLength) errors.push({ line, code: "id_too_long", params: { max: maxIdLength } });
    if (b.choices.some((c) => c.points !== undefined && !(Number.isInteger(c.points) && c.points >= 0)))
      errors.push({ line, code: "bad_points" });
  });
  return errors;
}

/** The poll's title: META `name`, else its `description`, else where and when, else the file's name. */
function pollTitle(meta: Readonly<Record<string, string>>, fileName: string): string | null {
  const place = [meta.unit, meta.subunit || meta.district, meta.instance].filter(Boolean).join(" ");
  const title = meta.name || meta.description || place || fileName.replace(/\.pb$/i, "").trim();
  return title ? clip(title, MAX_TITLE) : null;
}

/**
 * The file's ballot limits as the app's rules: approval keeps min/max_length (all projects
 * when no maximum is given; choose-1 is approval of one), ordinal becomes ranked with
 * max_length, cumulative and scoring become points with max_sum_points / max_points
 * (a file without a sum limit gets the most points any of its ballots gives).
 */
export function ballotRules({ poll, ballots }: Pick<PabulibElection, "poll" | "ballots">): BallotRules {
  const all = poll.options.length;
  switch (poll.ballot) {
    case "approval":
      return {
        type: "approval",
        ...(poll.minOptions !== undefined ? { minOptions: poll.minOptions } : {}),
        maxOptions: poll.maxOptions ?? all,
      };
    case "ranked":
      return { type: "ranked", maxRanked: poll.maxOptions ?? all };
    case "points": {
      const sum = (b: (typeof ballots)[number]) => b.choices.reduce((total, c) => total + (c.points ?? 0), 0);
      const most = ballots.reduce((m, b) => Math.max(m, sum(b)), 1);
      return {
        type: "points",
        points: poll.totalPoints ?? most,
        ...(poll.maxPointsPerOption !== undefined ? { maxPerOption: poll.maxPointsPerOption } : {}),
      };
    }
    case "budget":
      return { type: "budget" };
  }
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/** An import error in words, in the reader's language ("unknown project 99"). */
export function pollImportErrorMessage(e: PollImportError, t: Translate): string {
  return t(`pabulibError.${e.code}`, e.params ? { ...e.params } : undefined);
}
