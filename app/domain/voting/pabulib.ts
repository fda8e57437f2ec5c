import { parseDecimal, toDecimalString, type Rational } from "./rational";
import type { TallyResult } from "./tally";
import type { Ballot, BallotType, Choice, Poll, PollOption } from "./types";

/** A Pabulib (.pb) election: META, PROJECTS and VOTES sections (https://pabulib.org/format). */
export interface PabulibElection {
  readonly meta: Readonly<Record<string, string>>;
  readonly voteType: "approval" | "cumulative" | "ordinal" | "choose-1" | "scoring";
  readonly poll: Poll;
  readonly ballots: Ballot[];
  /** Option codes with selected=1, when the file has a `selected` column. */
  readonly selected: string[] | null;
  /** Each project's `votes` column, when present. */
  readonly fileVotes: ReadonlyMap<string, number> | null;
  /** Each project's row by column name (`name`, `description`, `category`, …), in file order. */
  readonly projects: ReadonlyMap<string, Readonly<Record<string, string>>>;
  /** Where each META key, project and ballot (in `ballots` order) is, for checks made after parsing. */
  readonly lines: {
    readonly meta: ReadonlyMap<string, number>;
    readonly projects: ReadonlyMap<string, number>;
    readonly ballots: readonly number[];
  };
}

/** What can be wrong in a .pb file; pages word each code through `pabulibError.<code>`. */
export type PabulibErrorCode =
  | "before_meta"
  | "section_twice"
  | "missing_section"
  | "meta_not_key_value"
  | "unknown_vote_type"
  | "bad_budget"
  | "not_whole_number"
  | "projects_header"
  | "field_count"
  | "empty_project_id"
  | "project_twice"
  | "bad_cost"
  | "votes_header"
  | "points_column"
  | "empty_voter_id"
  | "voter_twice"
  | "unknown_project"
  | "vote_repeats"
  | "points_mismatch";

/** A problem on a 1-based line, as data: a code and the values its message names. */
export interface PabulibError<Code extends string = PabulibErrorCode> {
  readonly line: number;
  readonly code: Code;
  readonly params?: Readonly<Record<string, string | number>>;
}

export type PabulibParse = { ok: true; election: PabulibElection } | { ok: false; errors: PabulibError[] };

const BALLOT_OF: Record<PabulibElection["voteType"], BallotType> = {
  approval: "approval",
  "choose-1": "approval",
  cumulative: "points",
  scoring: "points",
  ordinal: "ranked",
};

/** `;`-separated record with `"` quoting (names may hold quoted `;` or `""`). */
function splitRecord(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ";") {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

// Records are lines: a line break inside a value could not be read back, so it becomes a space.
const quote = (v: string) => {
  const flat = v.replace(/[\r\n]+/g, " ");
  return /[;"]/.test(flat) ? `"${flat.replace(/"/g, '""')}"` : flat;
};

/** Reads a .pb text; every problem is reported with its 1-based line number. */
export function parsePabulib(text: string): PabulibParse {
  const errors: PabulibError[] = [];
  const fail = (line: number, code: PabulibErrorCode, params?: PabulibError["params"]) =>
    void errors.push(params ? { line, code, params } : { line, code });
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  type Row = { line: number; cells: string[] };
  const sections: Record<string, { start: number; header: string[]; headerLine: number; rows: Row[] }> = {};
  let current: string | null = null;
  let stray = false;
  lines.forEach((raw, idx) => {
    const line = idx + 1;
    const trimmed = raw.trim();
    if (trimmed === "") return;
    if (/^(META|PROJECTS|VOTES)$/i.test(trimmed)) {
      current = trimmed.toUpperCase();
      if (sections[current]) fail(line, "section_twice", { section: current });
      sections[current] = { start: line, header: [], headerLine: 0, rows: [] };
      return;
    }
    if (current === null) {
      // Once is enough: a file that is not Pabulib at all would otherwise get an error per line.
      if (!stray) fail(line, "before_meta");
      stray = true;
      return;
    }
    const sec = sections[current]!;
    const cells = splitRecord(raw).map((c) => c.trim());
    // META's "key;value" header is optional: some published files start with their first key.
    const header = current !== "META" || cells[0]?.toLowerCase() === "key";
    if (sec.headerLine === 0 && sec.rows.length === 0 && header) {
      sec.header = cells;
      sec.headerLine = line;
    } else sec.rows.push({ line, cells });
  });
  // A missing section is missed at the end: the last line (a final line break ends it, opens none).
  const last = Math.max(1, lines.at(-1) === "" ? lines.length - 1 : lines.length);
  for (const section of ["META", "PROJECTS", "VOTES"])
    if (!sections[section]) fail(last, "missing_section", { section });
  if (errors.length) return { ok: false, errors };

  // Keys come from the file: a prototype-free object, so "__proto__" or "constructor" are plain keys.
  const meta: Record<string, string> = Object.create(null) as Record<string, string>;
  const metaLines = new Map<string, number>();
  for (const { line, cells } of sections.META!.rows) {
    if (cells.length < 2 || cells[0] === "") fail(line, "meta_not_key_value");
    else {
      meta[cells[0]!] = cells.slice(1).join(";");
      metaLines.set(cells[0]!, line);
    }
  }
  const metaLine = (key: string) => metaLines.get(key) ?? sections.META!.start;
  const voteType = meta.vote_type as PabulibElection["voteType"];
  if (!Object.hasOwn(BALLOT_OF, voteType))
    fail(metaLine("vote_type"), "unknown_vote_type", { value: meta.vote_type ?? "" });
  const budget = meta.budget !== undefined ? parseDecimal(meta.budget) : null;
  if (!budget || budget.n < 0n) fail(metaLine("budget"), "bad_budget", { value: meta.budget ?? "" });
  const intMeta = (key: string): number | undefined => {
    const v = meta[key];
    if (v === undefined || v === "") return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) fail(metaLine(key), "not_whole_number", { key, value: v });
    return n;
  };
  let minOptions = intMeta("min_length");
  let maxOptions = intMeta("max_length");
  const totalPoints = intMeta("max_sum_points");
  const maxPointsPerOption = intMeta("max_points");
  if (voteType === "choose-1") minOptions = maxOptions = 1;

  const P = sections.PROJECTS!;
  const col = (name: string) => P.header.indexOf(name);
  const [pid, pcost, pvotes, psel] = [col("project_id"), col("cost"), col("votes"), col("selected")];
  if (pid < 0 || pcost < 0) fail(P.headerLine, "projects_header");
  const options: PollOption[] = [];
  const selected: string[] = [];
  const fileVotes = new Map<string, number>();
  const projects = new Map<string, Record<string, string>>();
  const projectLines = new Map<string, number>();
  // Listed, but with an error of their own: a vote for one is not also reported as unknown.
  const broken = new Set<string>();
  for (const { line, cells } of P.rows) {
    if (pid < 0 || pcost < 0) break;
    if (cells.length !== P.header.length) fail(line, "field_count", { expected: P.header.length, found: cells.length });
    const code = cells[pid] ?? "";
    const cost = parseDecimal(cells[pcost] ?? "");
    if (code === "") fail(line, "empty_project_id");
    else if (projects.has(code)) fail(line, "project_twice", { project: code });
    if (!cost || cost.n < 0n) fail(line, "bad_cost", { value: cells[pcost] ?? "" });
    if (code === "" || !cost || cost.n < 0n || projects.has(code)) {
      broken.add(code);
      continue;
    }
    projects.set(code, Object.fromEntries(P.header.map((name, i) => [name, cells[i] ?? ""])));
    projectLines.set(code, line);
    options.push({ code, cost });
    if (psel >= 0 && cells[psel] === "1") selected.push(code);
    if (pvotes >= 0 && cells[pvotes] !== "" && cells[pvotes] !== undefined) fileVotes.set(code, Number(cells[pvotes]));
  }

  const V = sections.VOTES!;
  const vcol = (name: string) => V.header.indexOf(name);
  const [vid, vvote, vpoints] = [vcol("voter_id"), vcol("vote"), vcol("points")];
  if (vid < 0 || vvote < 0) fail(V.headerLine, "votes_header");
  const needsPoints = voteType === "cumulative" || voteType === "scoring";
  if (needsPoints && vpoints < 0) fail(V.headerLine, "points_column", { voteType });
  const ballots: Ballot[] = [];
  const ballotLines: number[] = [];
  const voters = new Set<string>();
  for (const { line, cells } of V.rows) {
    if (vid < 0 || vvote < 0) break;
    const voterId = cells[vid] ?? "";
    if (voterId === "" || voters.has(voterId)) {
      fail(line, voterId === "" ? "empty_voter_id" : "voter_twice", voterId === "" ? undefined : { voter: voterId });
      continue;
    }
    voters.add(voterId);
    const vote = (cells[vvote] ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = vote.filter((c) => !projects.has(c) && !broken.has(c));
    if (unknown.length) fail(line, "unknown_project", { projects: unknown.join(", ") });
    const repeated = vote.find((c, i) => vote.indexOf(c) !== i);
    if (repeated !== undefined) fail(line, "vote_repeats", { project: repeated });
    let points: number[] | null = null;
    if (vpoints >= 0 && needsPoints) {
      points = (cells[vpoints] ?? "").split(",").map((s) => Number(s.trim()));
      if (points.length !== vote.length || points.some((p) => !Number.isFinite(p))) fail(line, "points_mismatch");
    }
    const choices: Choice[] = vote.map((code, i) => (points ? { code, points: points[i]! } : { code }));
    ballots.push({ voterId, choices });
    ballotLines.push(line);
  }
  if (errors.length) return { ok: false, errors };
  const poll: Poll = {
    ballot: BALLOT_OF[voteType],
    budget: budget as Rational,
    options,
    ...(minOptions !== undefined ? { minOptions } : {}),
    ...(maxOptions !== undefined ? { maxOptions } : {}),
    ...(totalPoints !== undefined ? { totalPoints } : {}),
    ...(maxPointsPerOption !== undefined ? { maxPointsPerOption } : {}),
  };
  return {
    ok: true,
    election: {
      meta,
      voteType,
      poll,
      ballots,
      selected: psel >= 0 ? selected : null,
      fileVotes: pvotes >= 0 ? fileVotes : null,
      projects,
      lines: { meta: metaLines, projects: projectLines, ballots: ballotLines },
    },
  };
}

const VOTE_TYPE_OF: Record<BallotType, PabulibElection["voteType"]> = {
  approval: "approval",
  budget: "approval",
  points: "cumulative",
  ranked: "ordinal",
};

// Pabulib's names: "equalshares" alone is the method without completion.
function ruleOf(r: TallyResult | undefined): string {
  if (!r) return "";
  if (r.rule !== "equal-shares") return r.rule;
  const completion = r.explanation.key.split(".")[1] ?? "add1";
  return completion === "none" ? "equalshares" : `equalshares/${completion}`;
}

/**
 * A .pb text for a poll, its ballots and (optionally) a result, which fills `rule` and `selected`;
 * `meta` adds META keys (description, unit, …) and `names` a PROJECTS `name` column.
 */
export function writePabulib(
  poll: Poll,
  ballots: readonly Ballot[],
  result?: TallyResult,
  {
    meta: extraMeta = {},
    names,
  }: { meta?: Readonly<Record<string, string>>; names?: ReadonlyMap<string, string> } = {},
): string {
  const funded = new Set(result?.funded ?? []);
  const votes = new Map<string, number>();
  for (const b of ballots) for (const c of b.choices) votes.set(c.code, (votes.get(c.code) ?? 0) + 1);
  const meta: Record<string, string> = {
    description: "",
    country: "",
    unit: "",
    instance: "",
    ...extraMeta,
    num_projects: String(poll.options.length),
    num_votes: String(ballots.length),
    budget: toDecimalString(poll.budget),
    vote_type: VOTE_TYPE_OF[poll.ballot],
    rule: ruleOf(result) || extraMeta.rule || "greedy",
  };
  if (poll.minOptions !== undefined) meta.min_length = String(poll.minOptions);
  if (poll.maxOptions !== undefined) meta.max_length = String(poll.maxOptions);
  if (poll.totalPoints !== undefined) meta.max_sum_points = String(poll.totalPoints);
  if (poll.maxPointsPerOption !== undefined) meta.max_points = String(poll.maxPointsPerOption);
  const points = poll.ballot === "points";
  const out = ["META", "key;value", ...Object.entries(meta).map(([k, v]) => `${quote(k)};${quote(v)}`)];
  out.push("PROJECTS", names ? "project_id;cost;votes;selected;name" : "project_id;cost;votes;selected");
  for (const o of poll.options) {
    const row = `${quote(o.code)};${toDecimalString(o.cost)};${votes.get(o.code) ?? 0};${funded.has(o.code) ? 1 : 0}`;
    out.push(names ? `${row};${quote(names.get(o.code) ?? "")}` : row);
  }
  out.push("VOTES", points ? "voter_id;vote;points" : "voter_id;vote");
  for (const b of ballots) {
    const vote = quote(b.choices.map((c) => c.code).join(","));
    out.push(
      points
        ? `${quote(b.voterId)};${vote};${b.choices.map((c) => c.points ?? 0).join(",")}`
        : `${quote(b.voterId)};${vote}`,
    );
  }
  return out.join("\n") + "\n";
}
