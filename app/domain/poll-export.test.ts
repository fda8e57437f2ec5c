import { describe, expect, it } from "vitest";
import { decimalMoney } from "../i18n/numbers";
import { translator } from "../i18n/translate";
import { ballotsCsv, csvCell, exportedBallots, exportFileName, pollAsPabulib, resultsCsv, toCsv } from "./poll-export";
import type { BallotRules } from "./polls";
import { parsePabulib, rat } from "./voting";

const poll = (ballot: BallotRules) => ({
  title: "Where should $100 go?",
  description: "Line one\nline two",
  budget: "100",
  ballot,
  options: [
    { code: "P1", title: '=HYPERLINK("http://x")', cost: "60" },
    { code: "P2", title: "Bus; route", cost: "50.5" },
    { code: "P3", title: "Counselor", cost: "40" },
  ],
});
const ballots = [
  { receipt: "AAAAA-11111", choices: [{ code: "P1" }, { code: "P3" }], paper: false },
  { receipt: "BBBBB-22222", choices: [{ code: "P2" }], paper: true },
  { receipt: "CCCCC-33333", choices: [{ code: "P1" }], paper: false },
];
const lines = (csv: string) => csv.replace(/^\uFEFF/, "").split("\r\n");

describe("csvCell", () => {
  it.each([
    ["plain", "plain"],
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", '"\'\rx"'],
    ['a,"b"', '"a,""b"""'],
    ["line\nbreak", '"line\nbreak"'],
    [12.5, "12.5"],
    [null, ""],
  ])("%j → %j", (value, cell) => expect(csvCell(value)).toBe(cell));

  it("writes CRLF lines after a byte-order mark", () => {
    expect(
      toCsv([
        ["a", "b"],
        [1, null],
      ]),
    ).toBe("\uFEFFa,b\r\n1,\r\n");
  });
});

describe("exportedBallots", () => {
  it("keeps receipts when they are public and numbers the ballots otherwise", () => {
    expect(exportedBallots(ballots, true).map((b) => b.receipt)).toEqual(ballots.map((b) => b.receipt));
    expect(exportedBallots(ballots, false).map((b) => [b.receipt, b.choices])).toEqual([
      ["1", ballots[0]!.choices],
      ["2", ballots[1]!.choices],
      ["3", ballots[2]!.choices],
    ]);
  });
});

describe("pollAsPabulib", () => {
  it("reads back as the same election, with names, the rule and what it funds", () => {
    const text = pollAsPabulib(poll({ type: "approval", maxOptions: 2 }), ballots, {
      rule: "greedy",
      completion: "add1",
    });
    const parsed = parsePabulib(text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const e = parsed.election;
    expect(e.meta).toMatchObject({
      description: "Where should $100 go?",
      comment: "Line one line two",
      vote_type: "approval",
      budget: "100",
      rule: "greedy",
      num_projects: "3",
      num_votes: "3",
      max_length: "2",
    });
    expect(e.poll.options).toEqual([
      { code: "P1", cost: rat(60) },
      { code: "P2", cost: rat(101, 2) },
      { code: "P3", cost: rat(40) },
    ]);
    expect([...e.projects.values()].map((p) => [p.name, p.votes, p.selected])).toEqual([
      ['=HYPERLINK("http://x")', "2", "1"],
      ["Bus; route", "1", "0"],
      ["Counselor", "1", "1"],
    ]);
    expect(e.ballots).toEqual(ballots.map((b) => ({ voterId: b.receipt, choices: b.choices })));
  });

  it("names equal shares as Pabulib does, and writes points", () => {
    const points = [
      {
        receipt: "1",
        choices: [
          { code: "P1", points: 3 },
          { code: "P2", points: 2 },
        ],
        paper: false,
      },
    ];
    const text = pollAsPabulib(poll({ type: "points", points: 5 }), points, {
      rule: "equal-shares",
      completion: "none",
    });
    expect(text).toContain("\nrule;equalshares\n");
    expect(text).toContain("\nvote_type;cumulative\n");
    expect(text).toContain("\nvoter_id;vote;points\n1;P1,P2;3,2\n");
  });
});

describe("resultsCsv", () => {
  it("lists each option's votes, funding and why, safe to open in a spreadsheet", () => {
    const csv = resultsCsv(
      poll({ type: "approval", maxOptions: 2 }),
      ballots,
      { rule: "greedy", completion: "add1" },
      translator("en"),
      decimalMoney("en"),
    );
    expect(lines(csv)).toEqual([
      "code,title,cost,votes,points,borda,funded,funded_order,explanation",
      `P1,"'=HYPERLINK(""http://x"")",60,2,,,1,1,Funded: it fit in the $100 still left when its turn came.`,
      "P3,Counselor,40,1,,,1,2,Funded: it fit in the $40 still left when its turn came.",
      `P2,Bus; route,50.5,1,,,0,,"Not funded: it costs $50.50, and only $0 was left when its turn came."`,
      "",
    ]);
  });

  it("words the explanations in the reader's language", () => {
    const csv = resultsCsv(
      poll({ type: "approval", maxOptions: 2 }),
      ballots,
      { rule: "greedy", completion: "add1" },
      translator("es"),
      decimalMoney("es"),
    );
    expect(lines(csv)[2]).toMatch(/^P3,Counselor,40,1,,,1,2,Financiada: /);
  });
});

describe("ballotsCsv", () => {
  it("lists each ballot's receipt, choices in order, points and whether it was on paper", () => {
    expect(lines(ballotsCsv(ballots))).toEqual([
      "receipt,choices,points,paper",
      'AAAAA-11111,"P1,P3",,0',
      "BBBBB-22222,P2,,1",
      "CCCCC-33333,P1,,0",
      "",
    ]);
    const points = [
      {
        receipt: "-7",
        choices: [
          { code: "P1", points: 3 },
          { code: "P2", points: 2 },
        ],
        paper: false,
      },
    ];
    expect(lines(ballotsCsv(points))[1]).toBe(`'-7,"P1,P2","3,2",0`);
  });
});

describe("exportFileName", () => {
  it("keeps letters of any script and drops what a path could use", () => {
    expect(exportFileName("Budżet Obywatelski: Wieliczka/2023", "ballots.csv")).toBe(
      "Budżet-Obywatelski-Wieliczka2023-ballots.csv",
    );
    expect(exportFileName("../..", "greedy.pb")).toBe("vote-greedy.pb");
  });
});
