import { describe, expect, it } from "vitest";
import { translator } from "../i18n/translate";
import { POLL_IMPORT_LIMITS, pollFromPabulib, pollImportErrorMessage, type PollImport } from "./poll-import";

const bytes = (lines: string[]) => new TextEncoder().encode(lines.join("\n"));
const file = (meta: string[], projects: string[], votes: string[]) =>
  bytes(["META", "key;value", ...meta, "PROJECTS", ...projects, "VOTES", ...votes]);

function imported(result: PollImport) {
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.poll;
}
function refused(result: PollImport) {
  if (result.ok) throw new Error("imported a bad file");
  return result;
}

describe("pollFromPabulib", () => {
  it("keeps exact decimal amounts, names, and the file's voter ids as receipts", () => {
    const poll = imported(
      pollFromPabulib(
        file(
          ["description;Local PB in Saska Kępa", "vote_type;approval", "budget;740793,05", "min_length;1"],
          ["project_id;cost;name", '7;100.50;"Park; with ""trees"""', "12;2000;Library"],
          ["voter_id;vote", "a1;7,12", "a2;12"],
        ),
        "saska.pb",
      ),
    );
    expect(poll).toMatchObject({
      title: "Local PB in Saska Kępa",
      description: "",
      budget: "740793.05",
      ballot: { type: "approval", minOptions: 1, maxOptions: 2 },
      options: [
        { code: "7", title: 'Park; with "trees"', cost: "100.5", description: "" },
        { code: "12", title: "Library", cost: "2000", description: "" },
      ],
      ballots: [
        { receipt: "a1", choices: [{ code: "7" }, { code: "12" }] },
        { receipt: "a2", choices: [{ code: "12" }] },
      ],
    });
  });

  it.each([
    ["approval", ["max_length;3"], { type: "approval", maxOptions: 3 }],
    ["choose-1", [], { type: "approval", minOptions: 1, maxOptions: 1 }],
    ["ordinal", ["min_length;1", "max_length;2"], { type: "ranked", maxRanked: 2 }],
    ["ordinal", [], { type: "ranked", maxRanked: 4 }],
    ["cumulative", ["max_sum_points;10", "max_points;3"], { type: "points", points: 10, maxPerOption: 3 }],
    // No sum limit in the file: the most points any ballot gives.
    ["scoring", [], { type: "points", points: 5 }],
  ] as const)("turns vote_type %s %j into ballot rules", (voteType, limits, rules) => {
    const points = voteType === "cumulative" || voteType === "scoring";
    const poll = imported(
      pollFromPabulib(
        file(
          [`vote_type;${voteType}`, "budget;10", "description;x", ...limits],
          ["project_id;cost", "A;1", "B;2", "C;3", "D;4"],
          points ? ["voter_id;vote;points", "1;A,B;3,2", "2;C;1"] : ["voter_id;vote", "1;A", "2;C"],
        ),
      ),
    );
    expect(poll.ballot).toEqual(rules);
  });

  it("names the poll by META name, description, place, or else the file", () => {
    const named = (meta: string[], fileName = "wieliczka_2023.pb") =>
      imported(
        pollFromPabulib(
          file(["vote_type;approval", "budget;10", ...meta], ["project_id;cost", "A;1"], ["voter_id;vote", "1;A"]),
          fileName,
        ),
      );
    expect(named(["name;Green Million", "description;Municipal PB"])).toMatchObject({
      title: "Green Million",
      description: "Municipal PB",
    });
    expect(named(["description;Municipal PB", "comment;Counted twice"])).toMatchObject({
      title: "Municipal PB",
      description: "Counted twice",
    });
    expect(named(["unit;Wieliczka", "subunit;Green", "instance;2023"]).title).toBe("Wieliczka Green 2023");
    expect(named([]).title).toBe("wieliczka_2023");
    expect(
      refused(
        pollFromPabulib(
          file(["vote_type;approval", "budget;10"], ["project_id;cost", "A;1"], ["voter_id;vote", "1;A"]),
        ),
      ).errors,
    ).toEqual([{ line: 1, code: "no_title" }]);
  });

  it("keeps a name too long for a title whole, as the option's description", () => {
    const long = "Zielona ".repeat(40).trim();
    const poll = imported(
      pollFromPabulib(
        file(
          ["vote_type;approval", "budget;10", "description;x"],
          ["project_id;cost;name", `A;1;${long}`],
          ["voter_id;vote", "1;A"],
        ),
      ),
    );
    expect(poll.options[0]!.title).toHaveLength(200);
    expect(poll.options[0]!.title.endsWith("…")).toBe(true);
    expect(poll.options[0]!.description).toBe(long);
  });

  it("refuses what cannot be stored, each problem by line", () => {
    const result = refused(
      pollFromPabulib(
        file(
          ["description;x", "vote_type;cumulative", "budget;0", "min_length;3", "max_length;2"],
          ["project_id;cost", "A;0", `${"B".repeat(101)};5`],
          ["voter_id;vote;points", "1;A;1.5", "2;A;-1"],
        ),
      ),
    );
    expect(result.errors).toEqual([
      { line: 5, code: "budget_not_positive" },
      { line: 6, code: "min_over_max" },
      { line: 10, code: "cost_not_positive", params: { project: "A" } },
      { line: 11, code: "id_too_long", params: { max: 100 } },
      { line: 14, code: "bad_points" },
      { line: 15, code: "bad_points" },
    ]);
  });

  it("says where a file stops being UTF-8 text, or holds a NUL character", () => {
    const valid = new TextEncoder().encode("META\nkey;value\n");
    const garbage = new Uint8Array([...valid, 0x41, 0xff, 0xfe, 0x0a, 0x42]);
    expect(refused(pollFromPabulib(garbage)).errors).toEqual([{ line: 3, code: "not_text" }]);
    expect(refused(pollFromPabulib(bytes(["META", "key;value", "a\0b"]))).errors).toEqual([
      { line: 3, code: "not_text" },
    ]);
    // UTF-16, as a spreadsheet might save it.
    expect(refused(pollFromPabulib(new Uint8Array([0xff, 0xfe, 0x4d, 0x00]))).errors[0]!.code).toBe("not_text");
  });

  it("lists the first errors of a file wrong on every line, and counts them all", () => {
    const votes = Array.from({ length: 600 }, (_, i) => `${i};Z`);
    const result = refused(
      pollFromPabulib(
        file(
          ["description;x", "vote_type;approval", "budget;10"],
          ["project_id;cost", "A;1"],
          ["voter_id;vote", ...votes],
        ),
      ),
    );
    expect(result.count).toBe(600);
    expect(result.errors).toHaveLength(POLL_IMPORT_LIMITS.maxErrors);
    expect(result.errors[0]).toEqual({ line: 11, code: "unknown_project", params: { projects: "Z" } });
  });

  it("words every error in English and Spanish", () => {
    const e = { line: 9, code: "unknown_project", params: { projects: "99, 100" } } as const;
    expect(pollImportErrorMessage(e, translator("en"))).toBe(
      "The vote names a project that PROJECTS does not list: 99, 100.",
    );
    expect(pollImportErrorMessage(e, translator("es"))).toBe(
      "El voto nombra un proyecto que PROJECTS no incluye: 99, 100.",
    );
  });
});
