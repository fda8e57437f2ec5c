import { describe, expect, it } from "vitest";
import { translator } from "../i18n/translate";
import { decimalMoney } from "../i18n/numbers";
import {
  checkPaperBallots,
  choicesFromCell,
  MAX_PAPER_BALLOTS,
  paperBallotsFromCsv,
  paperProblemMessage,
  readPaperCsv,
  type PaperContext,
} from "./paper-ballots";
import { votingPoll, type BallotRules } from "./polls";

const budget: BallotRules = { type: "budget" };
const points: BallotRules = { type: "points", points: 10, maxPerOption: 6 };
const options = [
  { code: "P1", cost: "40000" },
  { code: "P2", cost: "30000" },
  { code: "P3", cost: "50000" },
];
const ctx = (rules: BallotRules, eligibleGroups: PaperContext["eligibleGroups"] = null): PaperContext => ({
  poll: votingPoll("100000", rules, options),
  optionCodes: options.map((o) => o.code),
  schools: new Set(["RUSD-001"]),
  eligibleGroups,
});

describe("a choices cell", () => {
  it.each([
    [budget, "P1;P2", [{ code: "P1" }, { code: "P2" }]],
    [budget, " P1 ; P2 ;", [{ code: "P1" }, { code: "P2" }]],
    [budget, "", []],
    [budget, "P1:3", null],
    [
      points,
      "P1:3;P2 : 2",
      [
        { code: "P1", points: 3 },
        { code: "P2", points: 2 },
      ],
    ],
    [points, "P1:0;P2:2", [{ code: "P2", points: 2 }]],
    [points, "P1", null],
    [points, "P1:x", null],
    [points, "P1:-2", null],
  ] as const)("%j %j → %j", (rules, cell, want) => {
    expect(choicesFromCell(rules, cell)).toEqual(want);
  });
});

describe("a CSV of paper ballots", () => {
  it("reads each ballot with the line it starts on, whatever the columns' order and blank lines", () => {
    const { entries, problems } = readPaperCsv(
      'choices,School,GROUP\n\n"P1;P2",RUSD-001,family\r\nP3,,student\n',
      budget,
    );
    expect(problems).toEqual([]);
    expect(entries).toEqual([
      { line: 3, group: "family", school: "RUSD-001", choices: [{ code: "P1" }, { code: "P2" }], choicesText: "P1;P2" },
      { line: 4, group: "student", school: null, choices: [{ code: "P3" }], choicesText: "P3" },
    ]);
  });

  it("stops at a bad header, an empty file or too many lines, saying why once", () => {
    expect(paperBallotsFromCsv("", budget, ctx(budget))).toEqual({
      ok: false,
      problems: [{ line: 1, issue: { code: "missing_column", column: "choices" } }],
    });
    expect(paperBallotsFromCsv("group,choices\n", budget, ctx(budget))).toEqual({
      ok: false,
      problems: [{ line: 1, issue: { code: "no_ballots" } }],
    });
    const many = ["group,choices", ...Array.from({ length: MAX_PAPER_BALLOTS + 5 }, () => "family,P1")].join("\n");
    expect(paperBallotsFromCsv(many, budget, ctx(budget))).toEqual({
      ok: false,
      problems: [{ line: MAX_PAPER_BALLOTS + 2, issue: { code: "too_many_ballots", max: MAX_PAPER_BALLOTS } }],
    });
  });

  it("reports every problem of every line, in line order, and no ballot", () => {
    const csv = [
      "group,school,choices,extra",
      "family,,P1,",
      "fam,RUSD-002,P1;P1,",
      "cabinet,,P1;P2;P3,",
      'family,"RUSD-001,P1',
    ].join("\n");
    const result = paperBallotsFromCsv(csv, budget, ctx(budget, ["family"]));
    expect(result.ok).toBe(false);
    // An unknown column stops the checking of ballots (every line would repeat it); quoting is still read.
    expect(!result.ok && result.problems).toEqual([
      { line: 1, issue: { code: "unknown_column", column: "extra" } },
      { line: 5, issue: { code: "unclosed_quote", openLine: 5 } },
    ]);

    const lines = csv.replace(",extra", "").replace(/,\n/g, "\n").replace(/,$/, "");
    const checked = paperBallotsFromCsv(lines, budget, ctx(budget, ["family"]));
    expect(!checked.ok && checked.problems.map((p) => [p.line, p.issue.code])).toEqual([
      [3, "unknown_group"],
      [3, "unknown_school"],
      [3, "duplicate_option"],
      [4, "group_not_invited"],
      [4, "over_budget"],
      [5, "unclosed_quote"],
    ]);
  });
});

describe("checking paper ballots", () => {
  it("gives the ballots, with the options' own codes, when every line is good", () => {
    const entries = [{ line: 1, group: "Family", school: null, choices: [{ code: "p2" }], choicesText: "p2" }];
    expect(checkPaperBallots(entries, ctx(budget))).toEqual({
      ok: true,
      ballots: [{ group: "family", school: null, choices: [{ code: "P2" }] }],
    });
  });

  it("words each problem for the reader", () => {
    const t = translator("es");
    const m = decimalMoney("es");
    expect(paperProblemMessage({ line: 4, issue: { code: "group_not_invited", group: "cabinet" } }, t, m)).toBe(
      "Esta votación no está abierta al grupo Gabinete.",
    );
    expect(
      paperProblemMessage({ line: 2, issue: { code: "over_budget", budget: "100000", total: "120000" } }, t, m),
    ).toContain("$120,000");
    expect(paperProblemMessage({ line: 2, issue: { code: "row_too_wide", values: 4, columns: 3 } }, t, m)).toContain(
      "4",
    );
  });
});
