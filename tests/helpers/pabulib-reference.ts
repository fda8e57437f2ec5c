// A second, deliberately plain reader of .pb files for the import tests: what the file says,
// read without app/domain/voting/pabulib.ts, so a mistake in the import path cannot hide in
// the expected values too. Only the rational number type is shared.
import { rat, type Rational } from "../../app/domain/voting/rational";
import type { Ballot, Poll } from "../../app/domain/voting/types";

export type ReferenceElection = {
  meta: Record<string, string>;
  poll: Poll;
  ballots: Ballot[];
  /** Project id → name, where the file has names. */
  names: Map<string, string>;
  /** Projects with selected=1, in file order. */
  selected: string[];
};

/** `;`-separated fields; a field in `"` may hold `;`, and `""` stands for `"`. */
function fields(line: string): string[] {
  const out = [""];
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"' && quoted && line[i + 1] === '"') out[out.length - 1] += line[i++]!;
    else if (c === '"') quoted = !quoted;
    else if (c === ";" && !quoted) out.push("");
    else out[out.length - 1] += c;
  }
  return out.map((f) => f.trim());
}

function decimal(text: string): Rational {
  const [whole, fraction = ""] = text.trim().replace(",", ".").split(".");
  return rat(BigInt(whole! + fraction), 10n ** BigInt(fraction.length));
}

const BALLOT = { approval: "approval", "choose-1": "approval", cumulative: "points", ordinal: "ranked" } as const;

export function readPabulib(text: string): ReferenceElection {
  const sections = new Map<string, string[][]>();
  let current: string[][] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "") continue;
    if (line === "META" || line === "PROJECTS" || line === "VOTES") sections.set(line, (current = []));
    else current.push(fields(raw));
  }
  const table = (name: string) => {
    const [header, ...rows] = sections.get(name)!;
    return rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i] ?? ""])));
  };
  // META may leave out its "key;value" header.
  const meta = Object.fromEntries(
    sections
      .get("META")!
      .filter((r) => r[0] !== "key")
      .map((r) => [r[0]!, r[1]!]),
  );
  const projects = table("PROJECTS");
  const voteType = meta.vote_type as keyof typeof BALLOT;
  const ballots = table("VOTES").map((r) => {
    const codes = r.vote!.split(",").filter(Boolean);
    const points = r.points ? r.points.split(",").map(Number) : null;
    return {
      voterId: r.voter_id!,
      choices: codes.map((code, i) => (points ? { code, points: points[i]! } : { code })),
    };
  });
  // What the reference tallies need: no ballot limits.
  const poll: Poll = {
    ballot: BALLOT[voteType],
    budget: decimal(meta.budget!),
    options: projects.map((p) => ({ code: p.project_id!, cost: decimal(p.cost!) })),
  };
  const names = new Map(projects.filter((p) => p.name !== undefined).map((p) => [p.project_id!, p.name!]));
  const selected = projects.filter((p) => p.selected === "1").map((p) => p.project_id!);
  return { meta, poll, ballots, names, selected };
}
