import { describe, expect, it } from "vitest";
import { parsePabulib, rat, tally, writePabulib, type PabulibElection } from "../../app/domain/voting";

const pb = (lines: string[]) => lines.join("\n");
const ok = (text: string): PabulibElection => {
  const r = parsePabulib(text);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.election;
};

describe("parsePabulib", () => {
  it("reads decimal costs and budgets, with a comma as the decimal separator too, and quoted names", () => {
    const e = ok(
      pb([
        "META",
        "key;value",
        "vote_type;approval",
        "budget;100,50",
        "rule;greedy",
        "max_length;2",
        "PROJECTS",
        "project_id;name;cost;selected",
        '1;"Park; ""green""";40.25;1',
        "2;Road;60,5;0",
        "VOTES",
        "voter_id;vote",
        "a;1,2",
        "b;2",
      ]),
    );
    expect(e.poll.budget).toEqual(rat(20_100, 200));
    expect(e.poll.options).toEqual([
      { code: "1", cost: rat(4025, 100) },
      { code: "2", cost: rat(121, 2) },
    ]);
    expect(e.poll.maxOptions).toBe(2);
    expect(e.selected).toEqual(["1"]);
    expect(e.ballots).toEqual([
      { voterId: "a", choices: [{ code: "1" }, { code: "2" }] },
      { voterId: "b", choices: [{ code: "2" }] },
    ]);
  });

  it("reads cumulative points, ordinal rankings and choose-1", () => {
    const base = (type: string, votes: string[]) =>
      pb([
        "META",
        "key;value",
        `vote_type;${type}`,
        "budget;10",
        "rule;greedy",
        "PROJECTS",
        "project_id;cost",
        "A;5",
        "B;5",
        "VOTES",
        ...votes,
      ]);
    const cum = ok(base("cumulative", ["voter_id;vote;points", "1;A,B;3,1"]));
    expect(cum.poll.ballot).toBe("points");
    expect(cum.ballots[0]!.choices).toEqual([
      { code: "A", points: 3 },
      { code: "B", points: 1 },
    ]);
    const ord = ok(base("ordinal", ["voter_id;vote", "1;B,A"]));
    expect(ord.poll.ballot).toBe("ranked");
    expect(ord.ballots[0]!.choices.map((c) => c.code)).toEqual(["B", "A"]);
    const one = ok(base("choose-1", ["voter_id;vote", "1;B"]));
    expect(one.poll).toMatchObject({ ballot: "approval", minOptions: 1, maxOptions: 1 });
  });

  it("reports every error with its line", () => {
    const r = parsePabulib(
      pb([
        "META",
        "key;value",
        "vote_type;plurality",
        "budget;lots",
        "rule;greedy",
        "PROJECTS",
        "project_id;cost",
        "A;-5",
        "B;x",
        "A;3",
        "VOTES",
        "voter_id;vote",
        "1;A,Z",
        "1;A",
      ]),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { line: 3, code: "unknown_vote_type", params: { value: "plurality" } },
      { line: 4, code: "bad_budget", params: { value: "lots" } },
      { line: 8, code: "bad_cost", params: { value: "-5" } },
      { line: 9, code: "bad_cost", params: { value: "x" } },
      { line: 13, code: "unknown_project", params: { projects: "Z" } },
      { line: 14, code: "voter_twice", params: { voter: "1" } },
    ]);
  });

  it("reports missing sections and columns", () => {
    expect(parsePabulib("META\nkey;value\nbudget;1\n")).toMatchObject({
      ok: false,
      errors: [
        { code: "missing_section", params: { section: "PROJECTS" } },
        { code: "missing_section", params: { section: "VOTES" } },
      ],
    });
    const r = parsePabulib(
      pb(["META", "key;value", "vote_type;cumulative", "budget;1", "PROJECTS", "id;cost", "VOTES", "voter_id;vote"]),
    );
    expect(r).toMatchObject({
      ok: false,
      errors: [
        { line: 6, code: "projects_header" },
        { line: 8, code: "points_column", params: { voteType: "cumulative" } },
      ],
    });
  });

  it.each(["__proto__", "constructor", "toString", "hasOwnProperty"])(
    "refuses vote_type %s, a name every plain object answers to, as unknown",
    (voteType) => {
      const r = parsePabulib(
        pb([
          "META",
          `vote_type;${voteType}`,
          "budget;10",
          "PROJECTS",
          "project_id;cost",
          "1;5",
          "VOTES",
          "voter_id;vote",
        ]),
      );
      expect(r).toMatchObject({
        ok: false,
        errors: [{ line: 2, code: "unknown_vote_type", params: { value: voteType } }],
      });
    },
  );

  it("reads META keys named like Object's own properties as plain keys", () => {
    const e = ok(
      pb([
        "META",
        "__proto__;x",
        "constructor;y",
        "vote_type;approval",
        "budget;10",
        "PROJECTS",
        "project_id;cost",
        "1;5",
        "VOTES",
        "voter_id;vote",
        "a;1",
      ]),
    );
    expect(Object.entries(e.meta)).toEqual([
      ["__proto__", "x"],
      ["constructor", "y"],
      ["vote_type", "approval"],
      ["budget", "10"],
    ]);
  });
  it("reports text before META once, and a project named twice in one vote", () => {
    const r = parsePabulib(
      pb([
        "garbage",
        "more garbage",
        "META",
        "key;value",
        "vote_type;approval",
        "budget;10",
        "PROJECTS",
        "project_id;cost",
        "A;5",
        "VOTES",
        "voter_id;vote",
        "1;A,A",
      ]),
    );
    expect(r).toMatchObject({ ok: false, errors: [{ line: 1, code: "before_meta" }] });
    const twice = parsePabulib(
      pb([
        "META",
        "key;value",
        "vote_type;approval",
        "budget;10",
        "PROJECTS",
        "project_id;cost",
        "A;5",
        "VOTES",
        "voter_id;vote",
        "1;A,A",
      ]),
    );
    expect(twice).toEqual({ ok: false, errors: [{ line: 10, code: "vote_repeats", params: { project: "A" } }] });
  });

  it("reads a META section without its key;value header, as some published files have it", () => {
    const e = ok(
      pb([
        "META",
        "description;No header",
        "vote_type;approval",
        "budget;10",
        "PROJECTS",
        "project_id;cost",
        "A;5",
        "VOTES",
        "voter_id;vote",
        "1;A",
      ]),
    );
    expect(e.meta).toEqual({ description: "No header", vote_type: "approval", budget: "10" });
    expect(e.lines.meta.get("description")).toBe(2);
  });

  it("keeps each project's row and where META keys, projects and ballots are", () => {
    const e = ok(
      pb([
        "META",
        "key;value",
        "vote_type;approval",
        "budget;10",
        "PROJECTS",
        "project_id;cost;name",
        "A;5;Park",
        "",
        "B;5;Road",
        "VOTES",
        "voter_id;vote",
        "x;B",
        "y;A",
      ]),
    );
    expect(e.projects.get("B")).toEqual({ project_id: "B", cost: "5", name: "Road" });
    expect(e.lines.meta.get("budget")).toBe(4);
    expect([...e.lines.projects]).toEqual([
      ["A", 7],
      ["B", 9],
    ]);
    expect(e.lines.ballots).toEqual([12, 13]);
  });
});

describe("writePabulib", () => {
  it("round-trips a poll, its ballots and a result", () => {
    const e = ok(
      pb([
        "META",
        "key;value",
        "vote_type;cumulative",
        "budget;100.5",
        "rule;greedy",
        "max_sum_points;5",
        "max_points;3",
        "PROJECTS",
        "project_id;cost",
        "P1;50.25",
        '"P;2";50',
        "P3;20",
        "VOTES",
        "voter_id;vote;points",
        "v1;P1,P;2;3,2".replace("P;2", '"P;2"'),
        "v2;P3;1",
      ]),
    );
    const result = tally(e.poll, e.ballots, { rule: "equal-shares" });
    const text = writePabulib(e.poll, e.ballots, result, { meta: { description: "test" } });
    const back = ok(text);
    expect(back.poll).toEqual(e.poll);
    expect(back.ballots).toEqual(e.ballots);
    expect(back.meta.rule).toBe("equalshares/add1");
    expect([...back.selected!].sort()).toEqual([...result.funded].sort());
    expect(writePabulib(back.poll, back.ballots, result, { meta: { description: "test" } })).toBe(text);
  });

  it("writes names, and a value with a line break on one line", () => {
    const e = ok(
      pb([
        "META",
        "key;value",
        "vote_type;approval",
        "budget;10",
        "PROJECTS",
        "project_id;cost",
        "A;5",
        "VOTES",
        "voter_id;vote",
        "1;A",
      ]),
    );
    const text = writePabulib(e.poll, e.ballots, undefined, {
      meta: { description: "two\nlines" },
      names: new Map([["A", 'Park; "green"']]),
    });
    const back = ok(text);
    expect(back.meta.description).toBe("two lines");
    expect(back.projects.get("A")!.name).toBe('Park; "green"');
  });
});
