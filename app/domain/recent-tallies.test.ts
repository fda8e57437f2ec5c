import { describe, expect, it } from "vitest";
import { votingPoll } from "./polls";
import { recentTally } from "./recent-tallies";

const inputs = {
  budget: "100",
  ballot: { type: "approval", maxOptions: 2 } as const,
  options: [
    { code: "P1", cost: "60" },
    { code: "P2", cost: "50" },
  ],
};
const engine = votingPoll(inputs.budget, inputs.ballot, inputs.options);
const opts = { rule: "equal-shares", utilities: "cost", completion: "add1" } as const;

describe("recent tallies", () => {
  it("answers the same inputs with the stored result, and any changed ballot with a new tally", () => {
    const ballots = [
      { voterId: "A", choices: [{ code: "P1" }] },
      { voterId: "B", choices: [{ code: "P2" }] },
    ];
    const first = recentTally(inputs, engine, ballots, opts);
    expect(
      recentTally(
        inputs,
        engine,
        ballots.map((b) => ({ ...b })),
        opts,
      ),
    ).toBe(first);
    const revised = [ballots[0]!, { voterId: "B", choices: [{ code: "P1" }] }];
    const second = recentTally(inputs, engine, revised, opts);
    expect(second).not.toBe(first);
    expect(second.funded).toEqual(["P1"]);
    expect(recentTally(inputs, engine, ballots, { ...opts, rule: "greedy" })).not.toBe(first);
  });
});
