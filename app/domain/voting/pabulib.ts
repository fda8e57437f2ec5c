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
}

export interface PabulibError {
  readonly line: number;
  readonly message: string;
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

const quote = (v: string) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Reads a .pb text; every problem is reported with its 1-based line number. */
export function parsePabulib(text: string): PabulibParse {
  const errors: PabulibError[] = [];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  type Row = { line: number; cells: string[] };
  const sections: Record<string, { header: string[]; headerLine: number; rows: Row[] }> = {};
  let current: string | null = null;
  lines.forEach((raw, idx) => {
    const line = idx + 1;
    const trimmed = raw.trim();
    if (trimmed === "") return;
    if (/^(META|PROJECTS|VOTES)$/i.test(trimmed)) {
      current = trimmed.toUpperCase();
      if (sections[current]) errors.push({ line, message: `section ${current} appears twice` });
      sections[current] = { header: [], headerLine: 0, rows: [] };
      return;
    }
    if (current === null) return void errors.push({ line, message: "text before the META section" });
    const sec = sections[current]!;
    const cells = splitRecord(raw).map((c) => c.trim());
    if (sec.headerLine === 0) {
      sec.header = cells;
      sec.headerLine = line;
    } else sec.rows.push({ line, cells });
  });
  for (const name of ["META", "PROJECTS", "VOTES"])
    if (!sections[name]) errors.push({ line: lines.length, message: `missing section ${name}` });
  if (errors.length) return { ok: false, errors };

  const meta: Record<string, string> = {};
  for (const { line, cells } of sections.META!.rows) {
    if (cells.length < 2 || cells[0] === "") errors.push({ line, message: "META line is not key;value" });
    else meta[cells[0]!] = cells.slice(1).join(";");
  }
  const metaLine = (key: string) =>
    sections.META!.rows.find((r) => r.cells[0] === key)?.line ?? sections.META!.headerLine;
  const voteType = meta.vote_type as PabulibElection["voteType"];
  if (!(voteType in BALLOT_OF))
    errors.push({ line: metaLine("vote_type"), message: `unknown vote_type "${meta.vote_type ?? ""}"` });
  const budget = meta.budget !== undefined ? parseDecimal(meta.budget) : null;
  if (!budget || budget.n < 0n)
    errors.push({ line: metaLine("budget"), message: `budget "${meta.budget ?? ""}" is not a non-negative number` });
  const intMeta = (key: string): number | undefined => {
    const v = meta[key];
    if (v === undefined || v === "") return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0)
      errors.push({ line: metaLine(key), message: `${key} "${v}" is not a whole number` });
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
  if (pid < 0 || pcost < 0) errors.push({ line: P.headerLine, message: "PROJECTS header needs project_id and cost" });
  const options: PollOption[] = [];
  const selected: string[] = [];
  const fileVotes = new Map<string, number>();
  const codes = new Set<string>();
  for (const { line, cells } of P.rows) {
    if (pid < 0 || pcost < 0) break;
    if (cells.length !== P.header.length)
      errors.push({ line, message: `expected ${P.header.length} fields, found ${cells.length}` });
    const code = cells[pid] ?? "";
    const cost = parseDecimal(cells[pcost] ?? "");
    if (code === "") errors.push({ line, message: "empty project_id" });
    else if (codes.has(code)) errors.push({ line, message: `project ${code} appears twice` });
    if (!cost || cost.n < 0n)
      errors.push({ line, message: `cost "${cells[pcost] ?? ""}" is not a non-negative number` });
    if (code === "" || !cost || cost.n < 0n || codes.has(code)) continue;
    codes.add(code);
    options.push({ code, cost });
    if (psel >= 0 && cells[psel] === "1") selected.push(code);
    if (pvotes >= 0 && cells[pvotes] !== "" && cells[pvotes] !== undefined) fileVotes.set(code, Number(cells[pvotes]));
  }

  const V = sections.VOTES!;
  const vcol = (name: string) => V.header.indexOf(name);
  const [vid, vvote, vpoints] = [vcol("voter_id"), vcol("vote"), vcol("points")];
  if (vid < 0 || vvote < 0) errors.push({ line: V.headerLine, message: "VOTES header needs voter_id and vote" });
  const needsPoints = voteType === "cumulative" || voteType === "scoring";
  if (needsPoints && vpoints < 0)
    errors.push({ line: V.headerLine, message: `${voteType} votes need a points column` });
  const ballots: Ballot[] = [];
  const voters = new Set<string>();
  for (const { line, cells } of V.rows) {
    if (vid < 0 || vvote < 0) break;
    const voterId = cells[vid] ?? "";
    if (voterId === "" || voters.has(voterId)) {
      errors.push({ line, message: voterId === "" ? "empty voter_id" : `voter ${voterId} appears twice` });
      continue;
    }
    voters.add(voterId);
    const vote = (cells[vvote] ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = vote.filter((c) => !codes.has(c));
    if (unknown.length) errors.push({ line, message: `unknown project ${unknown.join(", ")}` });
    let points: number[] | null = null;
    if (vpoints >= 0 && needsPoints) {
      points = (cells[vpoints] ?? "").split(",").map((s) => Number(s.trim()));
      if (points.length !== vote.length || points.some((p) => !Number.isFinite(p)))
        errors.push({ line, message: "points do not match the listed projects" });
    }
    const choices: Choice[] = vote.map((code, i) => (points ? { code, points: points[i]! } : { code }));
    ballots.push({ voterId, choices });
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
    },
  };
}

const VOTE_TYPE_OF: Record<BallotType, PabulibElection["voteType"]> = {
  approval: "approval",
  budget: "approval",
  points: "cumulative",
  ranked: "ordinal",
};

const RULE_OF = (r: TallyResult | undefined) =>
  !r ? "" : r.rule === "equal-shares" ? `equalshares/${r.explanation.key.split(".")[1] ?? "add1"}` : r.rule;

/** A .pb text for a poll, its ballots and (optionally) a result, which fills `rule` and `selected`. */
export function writePabulib(
  poll: Poll,
  ballots: readonly Ballot[],
  result?: TallyResult,
  extraMeta: Readonly<Record<string, string>> = {},
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
    rule: RULE_OF(result) || extraMeta.rule || "greedy",
  };
  if (poll.minOptions !== undefined) meta.min_length = String(poll.minOptions);
  if (poll.maxOptions !== undefined) meta.max_length = String(poll.maxOptions);
  if (poll.totalPoints !== undefined) meta.max_sum_points = String(poll.totalPoints);
  if (poll.maxPointsPerOption !== undefined) meta.max_points = String(poll.maxPointsPerOption);
  const points = poll.ballot === "points";
  const out = ["META", "key;value", ...Object.entries(meta).map(([k, v]) => `${quote(k)};${quote(v)}`)];
  out.push("PROJECTS", "project_id;cost;votes;selected");
  for (const o of poll.options)
    out.push(`${quote(o.code)};${toDecimalString(o.cost)};${votes.get(o.code) ?? 0};${funded.has(o.code) ? 1 : 0}`);
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
