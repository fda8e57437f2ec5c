import { describe, expect, it } from "vitest";
import { m, pkg, school } from "../metrics/test-package";
import { computeView, viewSpecSchema } from "./view-spec";

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
  ]
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
      }
    );
    // (10000·115 + 13000·300) / 415 = 12168.67
    expect(dollars.series[0]!.values[0]).toBeCloseTo((10000 * 115 + 13000 * 300) / 415, 6);
  });

  it("draws a scatter of one point per school, hiding points that rest on fewer than 10 students", () => {
    const v = computeView(
      data,
      spec({ chart: "scatter", fields: ["pct_low_income", "enrollment_by_group"], groups: ["black"] }),
      { suppressSmallCells: true, title: "t" }
    );
    expect(v.points).toEqual([
      { label: "School A", x: null, y: null, size: 115 },
      { label: "School B", x: 20, y: 100, size: 300 },
    ]);
  });

  it("refuses a scatter without exactly two fields", () => {
    expect(
      viewSpecSchema.safeParse({ chart: "scatter", fields: ["per_pupil_spending"], groups: ["all"], groupBy: "school" })
        .success
    ).toBe(false);
  });
});
