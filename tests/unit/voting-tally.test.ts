import { describe, expect, it } from "vitest";
import { parseDecimal, rat, tally, validateBallot, type Ballot, type Poll } from "../../app/domain/voting";

const d = (text: string) => parseDecimal(text)!;
const poll = (budget: string, options: Record<string, string>, extra: Partial<Poll> = {}): Poll => ({
  ballot: "approval",
  budget: d(budget),
  options: Object.entries(options).map(([code, cost]) => ({ code, cost: d(cost) })),
  ...extra,
});
const approve = (voterId: string, ...codes: string[]): Ballot => ({
  voterId,
  choices: codes.map((code) => ({ code })),
});

describe("greedy and equal shares differ", () => {
  // Budget 100; A 50 and B 50 approved by v1,v2,v3; C 20 approved by v4 alone.
  // greedy: votes A 3, B 3, C 1 → A (50 left), B (0 left), C does not fit → {A, B}.
  // equal shares: share 25 each. A: ρ = 50/3, price per unit of cost (50/3)/50 = 1/3; B the same;
  //   C: v4 pays 20, price 20/20 = 1. Round 1: A and B tie at 1/3, same cost, same votes → code → A.
  //   v1..v3 keep 25 − 50/3 = 25/3 each, 25 in all < 50 → B unaffordable. Round 2: C (ρ = 20). Spent 70.
  //   add1: floor(100/4) = 25 → raised budget 100, 30 left < 50 (B) → exhaustive, stop → {A, C}.
  const p = poll("100", { A: "50", B: "50", C: "20" });
  const ballots = [approve("v1", "A", "B"), approve("v2", "A", "B"), approve("v3", "A", "B"), approve("v4", "C")];

  it("greedy funds A and B and explains C", () => {
    const r = tally(p, ballots, { rule: "greedy" });
    expect(r.funded).toEqual(["A", "B"]);
    expect(r.options.find((o) => o.code === "C")).toMatchObject({
      funded: false,
      reason: "does_not_fit",
      leftBefore: { text: "0" },
    });
  });

  it("equal shares funds A then C; explanations and what each voter paid", () => {
    const r = tally(p, ballots, { rule: "equal-shares" });
    expect(r.funded).toEqual(["A", "C"]);
    expect(r.spent.text).toBe("70");
    expect(r.options.find((o) => o.code === "A")).toMatchObject({
      funded: true,
      reason: "supporters_paid_equally",
      round: 1,
      supporters: 3,
      each: { text: "16.67", cents: 1667n, exact: rat(50, 3) },
      paidAllLeft: 0,
    });
    expect(r.options.find((o) => o.code === "B")).toMatchObject({
      funded: false,
      reason: "supporters_cannot_pay",
      supportersLeft: { exact: rat(25) },
      cost: { text: "50" },
    });
    expect(r.paidBy("v1")).toEqual([{ code: "A", amount: expect.objectContaining({ exact: rat(50, 3) }) }]);
    expect(r.paidBy("v4")).toEqual([{ code: "C", amount: expect.objectContaining({ text: "20" }) }]);
    expect(r.paidBy("nobody")).toEqual([]);
  });

  it("equal shares with greedy completion then funds what still fits by votes", () => {
    // After {A, C} 30 is left; B (50) does not fit → nothing added.
    expect(tally(p, ballots, { rule: "equal-shares", completion: "greedy" }).funded).toEqual(["A", "C"]);
    // With budget 120 (share 30): A, v1..v3 keep 40/3, 40 < 50 → B no; C (20) yes: 70 spent, 50 left → greedy adds B.
    const r = tally({ ...p, budget: d("120") }, ballots, { rule: "equal-shares", completion: "greedy" });
    expect(r.funded).toEqual(["A", "C", "B"]);
    expect(r.options.find((o) => o.code === "B")).toMatchObject({ reason: "completion_fits" });
  });
});

describe("utilities", () => {
  // Budget 30, share 10 each. X 30 approved by v1,v2,v3; Y 6 approved by v1.
  // cost utilities: X ρ = 10, per unit of cost 10/30 = 1/3; Y ρ = 6, per unit 6/6 = 1 → X first; v1 then has 0 → Y unaffordable.
  // cardinality: X ρ = 10, Y ρ = 6 → Y first; v1 keeps 4, X then has 24 < 30 → unaffordable.
  const p = poll("30", { X: "30", Y: "6" });
  const ballots = [approve("v1", "X", "Y"), approve("v2", "X"), approve("v3", "X")];
  it("cost: the smallest payment per unit of cost wins, not the smallest payment", () => {
    expect(tally(p, ballots, { rule: "equal-shares", completion: "none" }).funded).toEqual(["X"]);
  });
  it("cardinality: the smallest payment wins", () => {
    expect(tally(p, ballots, { rule: "equal-shares", utilities: "cardinality", completion: "none" }).funded).toEqual([
      "Y",
    ]);
  });
});

describe("add1 completion", () => {
  // Budget 10, 2 voters, share 5. P 8 approved by both: ρ = 4 → funded, each keeps 1. Q 2 approved by v1: 1 < 2.
  // add1: share 5 → raised budget 10, 2 left ≥ Q → not exhaustive; share 6: P (each pays 4, keeps 2), Q ρ = 2 funded;
  // spent 10 ≤ 10 → keep; raised budget 12, 2 left, nothing unfunded → exhaustive → {P, Q}.
  const p = poll("10", { P: "8", Q: "2" });
  const ballots = [approve("v1", "P", "Q"), approve("v2", "P")];
  it("raises the share by one unit while the outcome fits the real budget", () => {
    expect(tally(p, ballots, { rule: "equal-shares", completion: "none" }).funded).toEqual(["P"]);
    const r = tally(p, ballots, { rule: "equal-shares" });
    expect(r.funded).toEqual(["P", "Q"]);
    expect(r.explanation).toMatchObject({ key: "equal-shares.add1", add1Steps: 1, share: { text: "6" } });
  });
  it("keeps the last outcome that fits when the next one would overspend", () => {
    // Q costs 3 now: share 6 → Q ρ = 2 < 3 not fundable; share 7 → v1 keeps 3, Q funded, spent 11 > 10 → keep share 6's {P}.
    const r = tally(poll("10", { P: "8", Q: "3" }), ballots, { rule: "equal-shares" });
    expect(r.funded).toEqual(["P"]);
  });
});

describe("ties and exact arithmetic", () => {
  it("greedy: more votes, then lower cost, then code in natural order; skips, does not stop", () => {
    // One voter approves all: P9 and P10 cost 5 (P9 before P10 naturally), P2 costs 6 → P9, P10, then 0 left.
    expect(
      tally(poll("10", { P10: "5", P9: "5", P2: "6" }), [approve("v", "P10", "P9", "P2")], { rule: "greedy" }).funded,
    ).toEqual(["P9", "P10"]);
    // A 8 (3 votes), B 5 (2), C 2 (1): A leaves 2, B is skipped, C still fits.
    const ballots = [approve("1", "A", "B", "C"), approve("2", "A", "B"), approve("3", "A")];
    expect(tally(poll("10", { A: "8", B: "5", C: "2" }), ballots, { rule: "greedy" }).funded).toEqual(["A", "C"]);
  });

  it("equal shares: identical voters and equal costs fall to code in natural order", () => {
    // 3 identical voters, share 30, four options of 30: each ρ = 10 at price 1/3 → P1, P2, P3; money gone, P10 out.
    const ballots = ["a", "b", "c"].map((v) => approve(v, "P10", "P3", "P2", "P1"));
    const r = tally(poll("90", { P10: "30", P3: "30", P2: "30", P1: "30" }), ballots, { rule: "equal-shares" });
    expect(r.funded).toEqual(["P1", "P2", "P3"]);
    expect(r.spent.text).toBe("90");
  });

  it("equal shares: equal prices fall to lower cost; a budget that divides exactly is spent exactly", () => {
    // Share 0.2 each; 0.1, 0.2, 0.3 all cost 1/3 per unit → by cost; each voter pays 1/30 + 2/30 + 3/30 = 0.2 exactly.
    // In floating point 0.1 + 0.2 + 0.3 > 0.6 and the last option would look unaffordable.
    const ballots = ["a", "b", "c"].map((v) => approve(v, "Z", "Y", "X"));
    const r = tally(poll("0.6", { X: "0.3", Y: "0.2", Z: "0.1" }), ballots, {
      rule: "equal-shares",
      completion: "none",
    });
    expect(r.funded).toEqual(["Z", "Y", "X"]);
    expect(r.spent.text).toBe("0.6");
    expect(r.paidBy("a").map((p) => p.amount.exact)).toEqual([rat(1, 30), rat(1, 15), rat(1, 10)]);
  });

  it("equal shares: equal price and cost fall to more votes", () => {
    // Share 10 each (budget 40). B 30 by v2,v3,v4: ρ 10, price 1/3; C 10 by v1,v2: ρ 5, price 1/2; D 10 by v1: price 1.
    // Round 1: B; v2..v4 have 0 left. Round 2: C now costs v1 all 10 (v2 pays its 0): price 1, the same as D,
    // same cost 10; C has 2 votes, D 1 → C. D is then unaffordable (v1 has 0).
    const ballots = [approve("v1", "C", "D"), approve("v2", "B", "C"), approve("v3", "B"), approve("v4", "B")];
    const r = tally(poll("40", { B: "30", C: "10", D: "10" }), ballots, { rule: "equal-shares", completion: "none" });
    expect(r.funded).toEqual(["B", "C"]);
    expect(r.options.find((o) => o.code === "C")).toMatchObject({ paidAllLeft: 1, supporters: 2 });
  });
});

describe("votes", () => {
  it("points ballots show points; they approve every option given points", () => {
    const p: Poll = { ...poll("10", { A: "1", B: "1" }), ballot: "points", totalPoints: 4, maxPointsPerOption: 3 };
    const ballots: Ballot[] = [
      {
        voterId: "1",
        choices: [
          { code: "A", points: 3 },
          { code: "B", points: 1 },
        ],
      },
      { voterId: "2", choices: [{ code: "B", points: 2 }] },
    ];
    expect(tally(p, ballots, { rule: "votes" }).votes).toEqual([
      { code: "B", approvals: 2, points: 3 },
      { code: "A", approvals: 1, points: 3 },
    ]);
  });
  it("ranked ballots show a Borda score: k for first … 1 for k-th", () => {
    const p: Poll = { ...poll("10", { A: "1", B: "1" }), ballot: "ranked", maxOptions: 2 };
    const r = (id: string, ...codes: string[]): Ballot => ({ voterId: id, choices: codes.map((code) => ({ code })) });
    // A: 2 (first for 1) + 1 (second for 3) = 3; B: 1 + 2 + 2 = 5.
    expect(tally(p, [r("1", "A", "B"), r("2", "B"), r("3", "B", "A")], { rule: "votes" }).votes).toEqual([
      { code: "B", approvals: 3, borda: 5 },
      { code: "A", approvals: 2, borda: 3 },
    ]);
  });
});

describe("validateBallot", () => {
  const c = (...codes: string[]) => codes.map((code) => ({ code }));
  it("accepts a good ballot", () => {
    expect(validateBallot(poll("10", { A: "4", B: "5" }, { minOptions: 1, maxOptions: 2 }), c("A", "B"))).toEqual({
      ok: true,
    });
  });
  it("unknown and duplicate options", () => {
    expect(validateBallot(poll("10", { A: "4" }), c("A", "A", "Z"))).toEqual({
      ok: false,
      errors: [
        { code: "duplicate_option", option: "A" },
        { code: "unknown_option", option: "Z" },
      ],
    });
  });
  it("too few and too many options", () => {
    const p = poll("10", { A: "1", B: "1", C: "1" }, { minOptions: 2, maxOptions: 2 });
    expect(validateBallot(p, c("A"))).toEqual({ ok: false, errors: [{ code: "too_few_options", min: 2, count: 1 }] });
    expect(validateBallot(p, c("A", "B", "C"))).toEqual({
      ok: false,
      errors: [{ code: "too_many_options", max: 2, count: 3 }],
    });
  });
  it("budget ballots: over budget and under the minimum share to spend", () => {
    const p = poll("10", { A: "6", B: "5", C: "1" }, { ballot: "budget", minBudgetShare: d("0.5") });
    expect(validateBallot(p, c("A", "B"))).toEqual({
      ok: false,
      errors: [{ code: "over_budget", budget: "10", total: "11" }],
    });
    expect(validateBallot(p, c("C"))).toEqual({
      ok: false,
      errors: [{ code: "under_min_spend", min: "5", total: "1" }],
    });
    expect(validateBallot(p, c("A", "C"))).toEqual({ ok: true });
  });
  it("points ballots: over the per-option limit, over the total, not a positive whole number", () => {
    const p = poll("10", { A: "1", B: "1" }, { ballot: "points", totalPoints: 5, maxPointsPerOption: 3 });
    expect(
      validateBallot(p, [
        { code: "A", points: 4 },
        { code: "B", points: 2 },
      ]),
    ).toEqual({
      ok: false,
      errors: [
        { code: "points_over_option_limit", option: "A", max: 3, points: 4 },
        { code: "points_over_total", max: 5, total: 6 },
      ],
    });
    expect(validateBallot(p, [{ code: "A", points: 0 }])).toEqual({
      ok: false,
      errors: [{ code: "invalid_points", option: "A" }],
    });
  });
});
