import { describe, expect, it } from "vitest";
import { m, pkg, school } from "../metrics/test-package";
import { computeView, neighborhoodsOf, newViewSpecSchema, unknownFilterValues, viewSpecSchema } from "./view-spec";

// Two schools; A has only 5 Black students (a small cell), B is large everywhere.
const data = pkg(
  [school("A", 115, 80, { level: "elementary" }), school("B", 300, 20, { level: "elementary" })],
  [
    m("A", "enrollment_by_group", 5, "black"),
    m("A", "enrollment_by_group", 50, "latinx"),
    m("A", "enrollment_by_group", 60, "white"),
    m("B", "enrollment_by_group", 100, "black"),
    m("B", "enrollment_by_group", 100, "latinx"),
    m("B", "enrollment_by_group", 100, "white"),
    m("A", "per_pupil_spending", 10000),
    m("B", "per_pupil_spending", 13000),
  ],
);
const spec = (over: object) =>
  viewSpecSchema.parse({
    chart: "grouped_bar",
    fields: ["enrollment_by_group"],
    groups: ["black", "latinx", "white"],
    groupBy: "school",
    ...over,
  });
const view = (over: object, suppress: boolean) =>
  computeView(data, spec(over), { suppressSmallCells: suppress, title: "t" });

describe("computeView", () => {
  it("shows staff every count", () => {
    const v = view({}, false);
    expect(v.series.map((s) => s.values)).toEqual([
      [5, 100],
      [50, 100],
      [60, 100],
    ]);
  });

  it("hides a small count and, since the parts add up to a public enrollment, the next smallest part too", () => {
    const v = view({}, true);
    // School A: Black (5) is small; Latinx (50) is hidden with it so 115 − 60 − shown parts reveals nothing.
    expect(v.series.map((s) => s.values[0])).toEqual([null, null, 60]);
    expect(v.series.map((s) => s.values[1])).toEqual([100, 100, 100]);
  });

  it("adds counts across a group of schools and averages dollars weighted by students", () => {
    const counts = view({ groupBy: "level" }, false);
    expect(counts.series.map((s) => s.values)).toEqual([[105], [150], [160]]);
    const dollars = computeView(
      data,
      spec({ chart: "bar", fields: ["per_pupil_spending"], groups: ["all"], groupBy: "level" }),
      {
        suppressSmallCells: false,
        title: "t",
      },
    );
    // (10000·115 + 13000·300) / 415 = 12168.67
    expect(dollars.series[0]!.values[0]).toBeCloseTo((10000 * 115 + 13000 * 300) / 415, 6);
  });

  it("draws a scatter of one point per school, hiding points that rest on fewer than 10 students", () => {
    const v = computeView(
      data,
      spec({ chart: "scatter", fields: ["pct_low_income", "enrollment_by_group"], groups: ["black"] }),
      { suppressSmallCells: true, title: "t" },
    );
    expect(v.points).toEqual([
      // A hidden point keeps no coordinate and no size: the size is the school's enrollment.
      { label: "School A", x: null, y: null, size: null },
      { label: "School B", x: 20, y: 100, size: 300 },
    ]);
  });

  it("refuses a scatter without exactly two fields", () => {
    expect(
      viewSpecSchema.safeParse({ chart: "scatter", fields: ["per_pupil_spending"], groups: ["all"], groupBy: "school" })
        .success,
    ).toBe(false);
    // A field against itself makes no scatter: refused for a new view; one saved earlier still reads.
    const twice = {
      chart: "scatter",
      fields: ["pct_low_income", "pct_low_income"],
      groups: ["all"],
      groupBy: "school",
    };
    expect(newViewSpecSchema.safeParse(twice).success).toBe(false);
    expect(viewSpecSchema.parse(twice).fields).toEqual(["pct_low_income", "pct_low_income"]);
  });

  it("takes one to four fields and one to six groups, each once, and names the limit when crossed", () => {
    const spec = (fields: string[], groups: string[]) =>
      viewSpecSchema.safeParse({ chart: "bar", fields, groups, groupBy: "quartile" });
    const six = ["all", "low_income", "black", "latinx", "white", "asian"];
    expect(spec(["chronic_absence_pct"], six).success).toBe(true);
    const repeats = spec(
      ["chronic_absence_pct", "suspensions_per_100", "chronic_absence_pct"],
      ["all", "black", "all"],
    );
    expect(repeats.success && repeats.data).toMatchObject({
      fields: ["chronic_absence_pct", "suspensions_per_100"],
      groups: ["all", "black"],
    });
    const message = (r: ReturnType<typeof spec>) => (r.success ? null : r.error.issues[0]!.message);
    expect(message(spec(["chronic_absence_pct"], [...six, "multiracial"]))).toBe("validation.viewGroups");
    expect(message(spec(["chronic_absence_pct"], []))).toBe("validation.viewGroups");
    expect(message(spec([], ["all"]))).toBe("validation.viewFields");
    const five = ["chronic_absence_pct", "suspensions_per_100", "prek_seats", "prek_waitlist", "nurses_fte"];
    expect(message(spec(five, ["all"]))).toBe("validation.viewFields");
  });

  it("refuses a new view of more series than the charts have colours; one saved earlier still reads", () => {
    // Two measures reported by group, four groups: eight series. A measure of all students counts once.
    const eight = { chart: "bar", fields: ["chronic_absence_pct", "suspensions_per_100"], groupBy: "quartile" };
    const groups = ["all", "low_income", "black", "latinx"];
    const refused = newViewSpecSchema.safeParse({ ...eight, groups });
    expect(refused.success ? null : refused.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["groups", "validation.viewSeries"],
    ]);
    expect(viewSpecSchema.safeParse({ ...eight, groups }).success).toBe(true);
    const six = {
      chart: "bar",
      fields: ["per_pupil_spending", "counselors_fte", "chronic_absence_pct"],
      groupBy: "quartile",
    };
    expect(newViewSpecSchema.safeParse({ ...six, groups }).success).toBe(true);
  });
});

// Eight schools, two per poverty quartile over the whole district (n = 8: positions 0–1 are Q1 … 6–7 Q4).
// North holds the four lowest-poverty schools, so within North alone S3 and S4 would be "Q3" and "Q4".
const district = pkg(
  [
    school("S1", 100, 10, { level: "elementary", neighborhood: "North" }),
    school("S2", 200, 20, { level: "middle", neighborhood: "North" }),
    school("S3", 300, 30, { level: "elementary", neighborhood: "North" }),
    school("S4", 400, 40, { level: "high", neighborhood: "North" }),
    school("S5", 500, 50, { level: "elementary", neighborhood: "South" }),
    school("S6", 600, 60, { level: "middle", neighborhood: "South" }),
    school("S7", 700, 70, { level: "elementary", neighborhood: "South" }),
    school("S8", 800, 80, { level: "high", neighborhood: "South" }),
  ],
  [
    ...["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8"].map((id, i) => m(id, "per_pupil_spending", 10000 + 1000 * i)),
    // Elementary enrollment by group; each school's parts add up to its enrollment.
    ...(
      [
        ["S1", 50, 20, 30],
        ["S3", 40, 60, 200],
        ["S5", 4, 200, 296],
        ["S7", 3, 300, 397],
      ] as const
    ).flatMap(([id, black, latinx, white]) => [
      m(id, "enrollment_by_group", black, "black"),
      m(id, "enrollment_by_group", latinx, "latinx"),
      m(id, "enrollment_by_group", white, "white"),
    ]),
  ],
);
const spending = (over: object) =>
  computeView(
    district,
    viewSpecSchema.parse({ chart: "bar", fields: ["per_pupil_spending"], groups: ["all"], ...over }),
    { suppressSmallCells: true, title: "t" },
  );
const counts = (over: object, suppress: boolean) =>
  computeView(
    district,
    viewSpecSchema.parse({
      chart: "grouped_bar",
      fields: ["enrollment_by_group"],
      groups: ["black", "latinx", "white"],
      groupBy: "level",
      levels: ["elementary"],
      ...over,
    }),
    { suppressSmallCells: suppress, title: "t" },
  );

describe("computeView filters", () => {
  it("keeps the chosen poverty quartiles, assigned over the whole district", () => {
    const v = spending({ groupBy: "quartile", quartiles: [4, 1] });
    expect(v.categories).toEqual([{ key: "diag.quartile1" }, { key: "diag.quartile4" }]);
    // Q1 = S1, S2: (10000·100 + 11000·200) / 300 = 10666.67; Q4 = S7, S8: (16000·700 + 17000·800) / 1500 = 16533.33.
    expect(v.series[0]!.values[0]).toBeCloseTo(3_200_000 / 300, 6);
    expect(v.series[0]!.values[1]).toBeCloseTo(24_800_000 / 1500, 6);
  });

  it("does not re-rank quartiles inside a filtered set", () => {
    // North's schools are the district's Q1 and Q2, however they rank among themselves.
    const north = spending({ groupBy: "quartile", neighborhoods: ["North"] });
    expect(north.categories).toEqual([{ key: "diag.quartile1" }, { key: "diag.quartile2" }]);
    // Q2 = S3, S4: (12000·300 + 13000·400) / 700 = 12571.43.
    expect(north.series[0]!.values[1]).toBeCloseTo(8_800_000 / 700, 6);
    // No North school is in the district's highest-poverty quarter.
    expect(spending({ groupBy: "school", neighborhoods: ["North"], quartiles: [4] }).categories).toEqual([]);
  });

  it("keeps the chosen neighborhoods, combined with levels and quartiles", () => {
    const south = spending({ groupBy: "level", neighborhoods: ["South"] });
    expect(south.categories).toEqual([{ key: "level.elementary" }, { key: "level.middle" }, { key: "level.high" }]);
    // Elementary = S5, S7: (14000·500 + 16000·700) / 1200 = 15166.67; middle = S6; high = S8.
    expect(south.series[0]!.values[0]).toBeCloseTo(18_200_000 / 1200, 6);
    expect(south.series[0]!.values.slice(1)).toEqual([15000, 17000]);
    const one = spending({ groupBy: "school", neighborhoods: ["South"], levels: ["elementary"], quartiles: [4] });
    expect(one.categories).toEqual([{ key: "School S7" }]);
    expect(one.series[0]!.values).toEqual([16000]);
  });

  it("hides a total with a hidden school's part, whichever schools the view keeps", () => {
    // All elementary schools: Black 50 + 40 + 4 + 3 = 97 and Latinx 580 for staff. The South
    // schools' Black counts (4, 3) are small and their Latinx counts go with them, so the totals
    // over any set of schools holding them are hidden too: 97 minus the other schools' shown
    // counts would give 4 + 3 back, in this view or by comparing it with a filtered one.
    expect(counts({}, false).series.map((s) => s.values)).toEqual([[97], [580], [923]]);
    expect(counts({}, true).series.map((s) => s.values)).toEqual([[null], [null], [923]]);
    // South's elementary schools: Black 4 + 3 = 7 is small, and Latinx (500) goes with it, since
    // the parts add up to a public enrollment (1200 − 693 − 500 would give the 7 back).
    expect(counts({ neighborhoods: ["South"] }, false).series.map((s) => s.values)).toEqual([[7], [500], [693]]);
    expect(counts({ neighborhoods: ["South"] }, true).series.map((s) => s.values)).toEqual([[null], [null], [693]]);
  });

  it("reads views saved before filters existed as unfiltered", () => {
    const old = viewSpecSchema.parse({
      chart: "bar",
      fields: ["per_pupil_spending"],
      groups: ["all"],
      groupBy: "school",
    });
    expect(old).toMatchObject({ levels: [], quartiles: [], neighborhoods: [] });
    expect(computeView(district, old, { suppressSmallCells: true, title: "t" }).categories).toHaveLength(8);
  });
});

describe("filter validation", () => {
  const base = { chart: "bar", fields: ["per_pupil_spending"], groups: ["all"], groupBy: "school" };
  const issues = (over: object) => viewSpecSchema.safeParse({ ...base, ...over }).error?.issues ?? [];

  it.each([[[0]], [[5]], [["Q1"]], [[2.5]], [[Number.NaN]]])("refuses quartiles %j", (quartiles) => {
    expect(issues({ quartiles })).toMatchObject([{ path: ["quartiles", 0], message: "validation.quartileFilter" }]);
  });

  it("refuses empty or non-text neighborhood names", () => {
    expect(issues({ neighborhoods: [""] })).toMatchObject([
      { path: ["neighborhoods", 0], message: "validation.neighborhoodFilter" },
    ]);
    expect(issues({ neighborhoods: [7] })).toMatchObject([
      { path: ["neighborhoods", 0], message: "validation.neighborhoodFilter" },
    ]);
    expect(issues({ quartiles: [1, 4], neighborhoods: ["North"], levels: ["high"] })).toEqual([]);
  });

  it("names the neighborhoods the package does not have", () => {
    expect(neighborhoodsOf(district)).toEqual(["North", "South"]);
    const spec = viewSpecSchema.parse({ ...base, neighborhoods: [" North ", "Atlantis"] });
    expect(spec.neighborhoods).toEqual(["North", "Atlantis"]);
    expect(unknownFilterValues(district, spec)).toEqual([
      { path: ["neighborhoods", 1], message: "validation.unknownNeighborhood" },
    ]);
    // A package without neighborhoods has none to choose.
    expect(unknownFilterValues(data, spec)).toHaveLength(2);
  });
});

describe("small cells a family member must not see", () => {
  const family = { suppressSmallCells: true, title: "t" };
  const staff = { suppressSmallCells: false, title: "t" };
  const build = (data: ReturnType<typeof pkg>, over: object, options = family) =>
    computeView(data, viewSpecSchema.parse({ groupBy: "school", ...over }), options);

  // M has 60 Black students but only 3 in grade 8; N is large everywhere.
  const middle = pkg(
    [school("M", 400, 50, { level: "middle" }), school("N", 600, 30, { level: "middle" })],
    [
      m("M", "enrollment_by_group", 60, "black"),
      m("M", "grade8_students", 3, "black"),
      m("M", "chronic_absence_pct", 20, "black"),
      m("M", "per_pupil_spending", 11000),
      m("N", "enrollment_by_group", 5, "black"),
      m("N", "grade8_students", 30, "black"),
      m("N", "chronic_absence_pct", 40, "black"),
      m("N", "per_pupil_spending", 12000),
    ],
  );

  it("judges a plotted count of students by the count itself, as bars do", () => {
    const spec = { chart: "scatter", fields: ["pct_low_income", "grade8_students"], groups: ["black"] };
    expect(build(middle, spec, staff).points![0]).toMatchObject({ x: 50, y: 3 });
    // 3 Black eighth graders: hidden although the school has 60 Black students.
    expect(build(middle, spec).points).toEqual([
      { label: "School M", x: null, y: null, size: null },
      { label: "School N", x: 30, y: 30, size: 600 },
    ]);
    // The bar chart of the same count hides the same cell.
    expect(build(middle, { chart: "bar", fields: ["grade8_students"], groups: ["black"] }).series[0]!.values).toEqual([
      null,
      30,
    ]);
  });

  it("judges each coordinate of a scatter by the students it describes", () => {
    // N's Black chronic absence rests on 5 students, whatever the all-students spending beside it rests on.
    const spec = { chart: "scatter", fields: ["chronic_absence_pct", "per_pupil_spending"], groups: ["black"] };
    expect(build(middle, spec, staff).points![1]).toMatchObject({ x: 40, y: 12000 });
    expect(build(middle, spec).points![1]).toMatchObject({ x: null, y: null });
    expect(build(middle, spec).points![0]).toMatchObject({ x: 20, y: 11000 });
  });

  // One school of 200: 8 low-income students, 50% of them chronically absent; 192 others at 10%.
  // All students: (50·8 + 10·192) / 200 = 11.6%, so with 11.6 and 10 public,
  // (11.6·200 − 10·192) / 8 = 50 would give the hidden rate back.
  const income = pkg(
    [school("S", 200, 4)],
    [
      m("S", "enrollment_by_group", 8, "low_income"),
      m("S", "enrollment_by_group", 192, "not_low_income"),
      m("S", "chronic_absence_pct", 50, "low_income"),
      m("S", "chronic_absence_pct", 10, "not_low_income"),
      m("S", "chronic_absence_pct", 11.6, "all"),
      m("S", "grade8_students", 6, "low_income"),
      m("S", "grade8_students", 50, "not_low_income"),
      m("S", "grade8_students", 56, "all"),
    ],
  );
  const absence = (groups: string[], options = family) =>
    build(income, { chart: "grouped_bar", fields: ["chronic_absence_pct"], groups }, options).series.map(
      (s) => s.values[0],
    );

  it("hides the other part of a partition beside a hidden rate, whichever parts the view shows", () => {
    expect(absence(["all", "low_income", "not_low_income"], staff)).toEqual([11.6, 50, 10]);
    // Rates reach restricted readers in whole percents.
    expect(absence(["all", "low_income", "not_low_income"])).toEqual([12, null, null]);
    // The all-students rate is public in other views: not-low-income alone would still give 50 back.
    expect(absence(["not_low_income"])).toEqual([null]);
    expect(absence(["all"])).toEqual([12]);
  });

  it("hides the other part of a partition beside a hidden count of students", () => {
    const counts = (groups: string[]) =>
      build(income, { chart: "grouped_bar", fields: ["grade8_students"], groups }).series.map((s) => s.values[0]);
    // 56 − 50 = 6.
    expect(counts(["all", "low_income", "not_low_income"])).toEqual([56, null, null]);
    expect(counts(["not_low_income"])).toEqual([null]);
  });

  it("hides the next smallest race or ethnicity beside a hidden one", () => {
    // A: Black 5, Latinx 50, White 60 students; absence 40%, 20%, 10%.
    const rates = pkg(data.schools, [
      ...data.measures,
      m("A", "chronic_absence_pct", 40, "black"),
      m("A", "chronic_absence_pct", 20, "latinx"),
      m("A", "chronic_absence_pct", 10, "white"),
      m("A", "chronic_absence_pct", (40 * 5 + 20 * 50 + 10 * 60) / 115, "all"),
    ]);
    const spec = { chart: "grouped_bar", fields: ["chronic_absence_pct"], groups: ["black", "latinx", "white"] };
    expect(build(rates, spec).series.map((s) => s.values[0])).toEqual([null, null, 10]);
    expect(build(rates, spec, staff).series.map((s) => s.values[0])).toEqual([40, 20, 10]);
  });

  it("computes shares over every part and never shows a school's one visible group as 100%", () => {
    const spec = { chart: "stacked_share", fields: ["enrollment_by_group"], groups: ["black", "latinx", "white"] };
    // A: 5 + 50 + 60 = 115 students.
    const shares = (options: typeof family) => build(data, spec, options).series.map((s) => s.values[0]);
    const [black, latinx, white] = shares(staff);
    expect(black).toBeCloseTo((5 / 115) * 100, 6);
    expect(latinx).toBeCloseTo((50 / 115) * 100, 6);
    expect(white).toBeCloseTo((60 / 115) * 100, 6);
    // A hidden part leaves the bucket's sum unknown to this reader, so no share of it is shown.
    expect(shares(family)).toEqual([null, null, null]);
  });

  it("hides a second share beside a hidden one, since a bucket's shares add up to 100", () => {
    // English learners and students with disabilities are no partition, so both counts can be
    // shown or not on their own; but their shares add up to 100: 100 − 50/55 gives 5/55 back.
    const two = pkg(
      [school("E", 300, 40)],
      [
        m("E", "enrollment_by_group", 5, "english_learner"),
        m("E", "enrollment_by_group", 50, "students_with_disabilities"),
      ],
    );
    const over = { fields: ["enrollment_by_group"], groups: ["english_learner", "students_with_disabilities"] };
    expect(build(two, { chart: "grouped_bar", ...over }).series.map((s) => s.values[0])).toEqual([null, 50]);
    expect(build(two, { chart: "stacked_share", ...over }).series.map((s) => s.values[0])).toEqual([null, null]);
    const staffShares = build(two, { chart: "stacked_share", ...over }, staff).series.map((s) => s.values[0]);
    expect(staffShares[0]).toBeCloseTo((5 / 55) * 100, 6);
    expect(staffShares[1]).toBeCloseTo((50 / 55) * 100, 6);
  });

  it("leaves every share of a bucket unknown when the district suppressed one of its parts", () => {
    const hidden = pkg(data.schools, [
      ...data.measures.filter((r) => r.schoolId !== "B"),
      m("B", "enrollment_by_group", "*", "black"),
      m("B", "enrollment_by_group", 100, "latinx"),
      m("B", "enrollment_by_group", 100, "white"),
    ]);
    const spec = { chart: "stacked_share", fields: ["enrollment_by_group"], groups: ["black", "latinx", "white"] };
    expect(build(hidden, spec, staff).series.map((s) => s.values[1])).toEqual([null, null, null]);
  });
});
