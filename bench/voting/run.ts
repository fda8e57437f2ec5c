// npm run bench:voting — tally time of equal shares (cost utilities, add1) on Wieliczka 2023 and on
// generated elections of 10k / 100k / 1M ballots × 40 options, printed as a series with ms per ballot.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parsePabulib, rat, tally, type Ballot, type Poll } from "../../app/domain/voting";

const LIMIT_MS = 60_000;

function time(label: string, poll: Poll, ballots: Ballot[]): number {
  const t = performance.now();
  const r = tally(poll, ballots, { rule: "equal-shares" });
  const ms = performance.now() - t;
  console.log(
    `${label.padEnd(34)} ${String(ballots.length).padStart(9)} ballots  ${ms.toFixed(0).padStart(7)} ms  ` +
      `${(ms / ballots.length).toFixed(4)} ms/ballot  funded ${r.funded.length}  add1 steps ${r.explanation.add1Steps}`,
  );
  return ms;
}

/** Deterministic generator (mulberry32): skewed popularity, 1–5 approvals per ballot, budget a third of all costs. */
function generate(n: number, m = 40, seed = 12): { poll: Poll; ballots: Ballot[] } {
  let a = seed;
  const rand = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const options = Array.from({ length: m }, (_, i) => ({
    code: `P${i + 1}`,
    cost: rat(10_000 + Math.floor(rand() * 190) * 1000),
  }));
  const total = options.reduce((t, o) => t + Number(o.cost.n), 0);
  const weight = options.map((_, i) => 1 / (i + 1) ** 0.8);
  const sum = weight.reduce((x, y) => x + y, 0);
  const pick = () => {
    let r = rand() * sum;
    for (let i = 0; i < m; i++) if ((r -= weight[i]!) <= 0) return i;
    return m - 1;
  };
  const ballots: Ballot[] = [];
  for (let v = 0; v < n; v++) {
    const k = 1 + Math.floor(rand() * 5);
    const chosen = new Set<number>();
    while (chosen.size < k) chosen.add(pick());
    ballots.push({ voterId: String(v), choices: [...chosen].map((i) => ({ code: options[i]!.code })) });
  }
  return { poll: { ballot: "approval", budget: rat(Math.floor(total / 3)), options }, ballots };
}

const file = join(import.meta.dirname, "../../tests/fixtures/pabulib/poland_wieliczka_2023.pb");
const parsed = parsePabulib(readFileSync(file, "utf8"));
if (!parsed.ok) throw new Error("Wieliczka file does not parse");
time("Wieliczka 2023 (64 options)", parsed.election.poll, parsed.election.ballots);

let last: { n: number; ms: number } | null = null;
for (const n of [10_000, 100_000, 1_000_000]) {
  const projected = last ? (last.ms * n) / last.n : 0;
  if (projected > LIMIT_MS) {
    console.log(
      `generated ${n} × 40: not run — linear projection from ${last!.n} is ${(projected / 1000).toFixed(0)} s > ${LIMIT_MS / 1000} s`,
    );
    continue;
  }
  const { poll, ballots } = generate(n);
  const ms = time(`generated ${n} × 40`, poll, ballots);
  if (last) console.log(`  growth ×${(ms / last.ms).toFixed(2)} for ×${n / last.n} ballots`);
  last = { n, ms };
}
