import { compareCodes } from "./natural-order";
import { add, cmp, div, divInt, floor, mulInt, rat, sub, toNumber, ZERO, type Rational } from "./rational";
import type { ApprovalProfile } from "./profile";

export type Utilities = "cost" | "cardinality";

/** Voters who have paid for exactly the same funded options have the same money left: one class. */
interface VoterClass {
  budget: Rational;
  budgetF: number;
  paid: readonly { option: number; amount: Rational }[];
}

export interface MesRound {
  readonly option: number;
  /** The equal payment ρ each supporter pays (those with less pay all they have left). */
  readonly rho: Rational;
  readonly supporters: number;
  /** Supporters who paid all they had left (less than ρ). */
  readonly paidAllLeft: number;
}

export interface MesRun {
  readonly share: Rational;
  readonly rounds: MesRound[];
  readonly spent: Rational;
  /** Per distinct approval set: what it paid for. */
  readonly paidBySet: (set: number) => readonly { option: number; amount: Rational }[];
  /** Per option: the money its supporters had left at the end. */
  readonly supportersLeft: (option: number) => Rational;
}

// Floats only shortlist; anything within this relative distance of a decision is settled exactly.
const NEAR = 1e-9;

/** One run of the Method of Equal Shares with a fixed per-voter share (Peters & Skowron). */
export function equalSharesFixed(profile: ApprovalProfile, share: Rational, utilities: Utilities): MesRun {
  const m = profile.options.length;
  const nSets = profile.sets.length;
  const classes: VoterClass[] = [{ budget: share, budgetF: toNumber(share), paid: [] }];
  const classOf = new Int32Array(nSets); // every set starts in class 0
  const funded = new Uint8Array(m);
  const rounds: MesRound[] = [];
  let spent: Rational = ZERO;
  const { weights, supporters, options, costF, sets } = profile;

  // Per option: weight of its supporters in each class, kept up to date as classes split, so a round
  // costs the funded option's supporters, not every ballot.
  const weightIn: Map<number, number>[] = supporters.map((list) => {
    let w = 0;
    for (const s of list) w += weights[s]!;
    return w > 0 ? new Map([[0, w]]) : new Map();
  });
  const groups = (option: number): Map<number, number> => weightIn[option]!;

  const exactRho = (entries: [number, number][], cost: Rational): Rational | null => {
    const sorted = [...entries].sort((a, b) => cmp(classes[a[0]]!.budget, classes[b[0]]!.budget));
    let remaining = cost;
    let r = sorted.reduce((t, [, w]) => t + w, 0);
    for (const [c, w] of sorted) {
      const b = classes[c]!.budget;
      if (cmp(mulInt(b, r), remaining) >= 0) return divInt(remaining, r);
      remaining = sub(remaining, mulInt(b, w));
      r -= w;
    }
    return cmp(remaining, ZERO) <= 0 ? (sorted.length ? classes[sorted.at(-1)![0]]!.budget : ZERO) : null;
  };

  for (;;) {
    type Candidate = { option: number; value: number; entries: [number, number][] };
    const shortlist: Candidate[] = [];
    let best = Infinity;
    for (let o = 0; o < m; o++) {
      if (funded[o]) continue;
      const cost = costF[o]!;
      const entries = [...groups(o)];
      if (entries.length === 0) continue;
      let total = 0;
      for (const [c, w] of entries) total += classes[c]!.budgetF * w;
      if (total < cost * (1 - NEAR)) continue; // clearly unaffordable
      entries.sort((a, b) => classes[a[0]]!.budgetF - classes[b[0]]!.budgetF);
      let remaining = cost;
      let r = entries.reduce((t, [, w]) => t + w, 0);
      let rho = Infinity;
      for (const [c, w] of entries) {
        const b = classes[c]!.budgetF;
        if (b * r >= remaining) {
          rho = remaining / r;
          break;
        }
        remaining -= b * w;
        r -= w;
      }
      if (!Number.isFinite(rho)) rho = entries.length ? classes[entries.at(-1)![0]]!.budgetF : Infinity;
      const value = utilities === "cost" ? (cost > 0 ? rho / cost : 0) : rho;
      shortlist.push({ option: o, value, entries });
      if (value < best) best = value;
    }
    // Settle the near-best exactly: exact affordability, exact price per unit of utility, then the tie rules.
    let winner: { option: number; rho: Rational; value: Rational; entries: [number, number][] } | null = null;
    for (const cand of shortlist) {
      if (!(cand.value <= best * (1 + NEAR) + 1e-300)) continue;
      const cost = options[cand.option]!.cost;
      const rho = exactRho(cand.entries, cost);
      if (rho === null) continue;
      const value = utilities === "cost" ? (cost.n === 0n ? ZERO : div(rho, cost)) : rho;
      if (winner === null || beats(profile, cand.option, value, winner.option, winner.value))
        winner = { ...cand, rho, value };
    }
    if (winner === null) {
      // The float shortlist can only miss when every near-affordable option fails exactly; check the rest exactly.
      for (const cand of shortlist) {
        const cost = options[cand.option]!.cost;
        const rho = exactRho(cand.entries, cost);
        if (rho === null) continue;
        const value = utilities === "cost" ? (cost.n === 0n ? ZERO : div(rho, cost)) : rho;
        if (winner === null || beats(profile, cand.option, value, winner.option, winner.value))
          winner = { ...cand, rho, value };
      }
      if (winner === null) break;
    }
    const { option, rho, entries } = winner;
    funded[option] = 1;
    spent = add(spent, options[option]!.cost);
    // Each supporter class pays min(budget, ρ) and becomes a new class.
    const moved = new Map<number, number>();
    let paidAllLeft = 0;
    let count = 0;
    for (const [c, w] of entries) {
      const cls = classes[c]!;
      const pays = cmp(cls.budget, rho) < 0 ? cls.budget : rho;
      if (pays !== rho) paidAllLeft += w;
      count += w;
      const budget = sub(cls.budget, pays);
      moved.set(c, classes.length);
      classes.push({ budget, budgetF: toNumber(budget), paid: [...cls.paid, { option, amount: pays }] });
    }
    for (const s of supporters[option]!) {
      const from = classOf[s]!;
      const to = moved.get(from)!;
      const w = weights[s]!;
      for (const o of sets[s]!) {
        const m = weightIn[o]!;
        const left = m.get(from)! - w;
        if (left === 0) m.delete(from);
        else m.set(from, left);
        m.set(to, (m.get(to) ?? 0) + w);
      }
      classOf[s] = to;
    }
    rounds.push({ option, rho, supporters: count, paidAllLeft });
  }
  return {
    share,
    rounds,
    spent,
    paidBySet: (s) => classes[classOf[s]!]!.paid,
    supportersLeft: (o) => {
      let t: Rational = ZERO;
      for (const [c, w] of groups(o)) t = add(t, mulInt(classes[c]!.budget, w));
      return t;
    },
  };
}

/** Equal-shares ties: lower price per unit of utility, then lower cost, then more votes, then code. */
function beats(p: ApprovalProfile, a: number, va: Rational, b: number, vb: Rational): boolean {
  return (
    (cmp(va, vb) ||
      cmp(p.options[a]!.cost, p.options[b]!.cost) ||
      p.votes[b]! - p.votes[a]! ||
      compareCodes(p.options[a]!.code, p.options[b]!.code)) < 0
  );
}

/** No unfunded option that someone supports still fits what is left of the real budget. */
export function isExhaustive(
  profile: ApprovalProfile,
  fundedSet: ReadonlySet<number>,
  spent: Rational,
  budget: Rational,
): boolean {
  const left = sub(budget, spent);
  return profile.options.every((o, i) => fundedSet.has(i) || profile.votes[i] === 0 || cmp(o.cost, left) > 0);
}

/**
 * add1 completion (Pabulib equalshares/add1, as equalshares.net runs it): starting from
 * floor(budget / n), raise every voter's share by one currency unit and rerun while the outcome is not
 * exhaustive for the raised budget (n × share) and the next outcome still fits the real budget; keep
 * the last outcome that fits. Exhaustiveness is judged against the raised budget, as equalshares.net
 * does — judging it against the real budget stops too early (Wieliczka 2023: share 302 instead of
 * the 306+ that produced the official result).
 */
export function equalSharesAdd1(profile: ApprovalProfile, budget: Rational, utilities: Utilities) {
  const n = Math.max(profile.voters, 1);
  let run = equalSharesFixed(profile, divInt(budget, n), utilities);
  let steps = 0;
  let share = rat(floor(divInt(budget, n)));
  for (;;) {
    const fundedSet = new Set(run.rounds.map((r) => r.option));
    if (isExhaustive(profile, fundedSet, run.spent, mulInt(share, n))) break;
    const nextShare = add(share, rat(1));
    const next = equalSharesFixed(profile, nextShare, utilities);
    if (cmp(next.spent, budget) > 0) break;
    share = nextShare;
    run = next;
    steps++;
  }
  return { run, steps };
}
