// A deliberately simple, slow reference for the tally tests: one exact rational per voter, no grouping,
// no floats, every option re-priced from scratch each round. Written apart from app/domain/voting so a
// shared mistake is unlikely; only the BigInt rational helpers are reused.
import { add, cmp, div, divInt, floor, mulInt, rat, sub, ZERO, type Rational } from "../../app/domain/voting/rational";
import type { Ballot, Poll } from "../../app/domain/voting/types";

function natural(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

function approvals(poll: Poll, ballots: readonly Ballot[]) {
  const codes = poll.options.map((o) => o.code);
  const sets = ballots.map((b) => new Set(b.choices.map((c) => c.code)));
  const votes = new Map(codes.map((c) => [c, sets.filter((s) => s.has(c)).length]));
  const cost = new Map(poll.options.map((o) => [o.code, o.cost]));
  return { codes, sets, votes, cost };
}

export function referenceGreedy(poll: Poll, ballots: readonly Ballot[]): string[] {
  const { codes, votes, cost } = approvals(poll, ballots);
  const order = [...codes].sort(
    (a, b) => votes.get(b)! - votes.get(a)! || cmp(cost.get(a)!, cost.get(b)!) || natural(a, b),
  );
  let left = poll.budget;
  const funded: string[] = [];
  for (const c of order)
    if (cmp(cost.get(c)!, left) <= 0) {
      funded.push(c);
      left = sub(left, cost.get(c)!);
    }
  return funded;
}

function mesRun(poll: Poll, ballots: readonly Ballot[], share: Rational): { funded: string[]; spent: Rational } {
  const { codes, sets, votes, cost } = approvals(poll, ballots);
  const money = sets.map(() => share);
  const funded: string[] = [];
  let spent = ZERO;
  for (;;) {
    let best: { c: string; rho: Rational; price: Rational } | null = null;
    for (const c of codes) {
      if (funded.includes(c)) continue;
      const who = sets.map((s, i) => i).filter((i) => sets[i]!.has(c));
      if (who.length === 0) continue;
      const total = who.reduce((t, i) => add(t, money[i]!), ZERO);
      if (cmp(total, cost.get(c)!) < 0) continue;
      // ρ: the least value with Σ min(money, ρ) ≥ cost, found by trying each voter as the first uncapped one.
      const sorted = who.map((i) => money[i]!).sort(cmp);
      let rho: Rational | null = null;
      for (let k = 0; k < sorted.length && rho === null; k++) {
        const capped = sorted.slice(0, k).reduce((t, m) => add(t, m), ZERO);
        const r = divInt(sub(cost.get(c)!, capped), sorted.length - k);
        if (cmp(r, sorted[k]!) <= 0) rho = r;
      }
      rho ??= sorted.at(-1)!;
      const price = cost.get(c)!.n === 0n ? ZERO : div(rho, cost.get(c)!);
      const better =
        best === null ||
        (cmp(price, best.price) ||
          cmp(cost.get(c)!, cost.get(best.c)!) ||
          votes.get(best.c)! - votes.get(c)! ||
          natural(c, best.c)) < 0;
      if (better) best = { c, rho, price };
    }
    if (!best) return { funded, spent };
    funded.push(best.c);
    spent = add(spent, cost.get(best.c)!);
    sets.forEach((s, i) => {
      if (s.has(best!.c)) money[i] = sub(money[i]!, cmp(money[i]!, best!.rho) < 0 ? money[i]! : best!.rho);
    });
  }
}

/** Equal shares with cost utilities; completion add1 (exhaustiveness against n × share) or none. */
export function referenceEqualShares(poll: Poll, ballots: readonly Ballot[], completion: "add1" | "none"): string[] {
  const n = ballots.length;
  let out = mesRun(poll, ballots, divInt(poll.budget, n));
  if (completion === "none") return out.funded;
  const supported = new Set(ballots.flatMap((b) => b.choices.map((c) => c.code)));
  let share = rat(floor(divInt(poll.budget, n)));
  for (;;) {
    const left = sub(mulInt(share, n), out.spent);
    const open = poll.options.some(
      (o) => !out.funded.includes(o.code) && supported.has(o.code) && cmp(o.cost, left) <= 0,
    );
    if (!open) return out.funded;
    share = add(share, rat(1));
    const next = mesRun(poll, ballots, share);
    if (cmp(next.spent, poll.budget) > 0) return out.funded;
    out = next;
  }
}
