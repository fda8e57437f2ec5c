import { describe, expect, it } from "vitest";
import type { ComputedView } from "../diagnostics/view-spec";
import type { DiagnosticView } from "../diagnostics/views";
import { chartPoints, findChartPoint, pointKey } from "./chart-point";

const funding: DiagnosticView = {
  id: "spending_by_quartile",
  title: { key: "diag.view.spendingByQuartile" },
  finding: null,
  unit: "usd",
  categories: [{ key: "diag.quartile1" }, { key: "diag.quartile4" }],
  series: [{ label: { key: "measure.per_pupil_spending" }, values: [13000, null] }],
};

const outcomes: DiagnosticView = {
  id: "chronic_absence_pct_by_group",
  title: { key: "diag.view.chronic_absence_pct" },
  finding: null,
  unit: "percent",
  categories: [{ key: "studentGroup.black" }, { key: "studentGroup.white" }],
  series: [{ label: { key: "measure.chronic_absence_pct" }, values: [20, 10] }],
};

const bySchool: ComputedView = {
  id: "v",
  chart: "grouped_bar",
  title: { key: "Spending" },
  finding: null,
  unit: "usd",
  categories: [{ key: "Alder Grove Elementary School" }],
  series: [
    { label: { key: "view.seriesLabel" }, values: [100] },
    { label: { key: "view.seriesLabel" }, values: [null] },
  ],
  keys: {
    groupBy: "school",
    buckets: ["RUSD-001"],
    series: [
      { field: "chronic_absence_pct", group: "all" },
      { field: "chronic_absence_pct", group: "black" },
    ],
  },
};

describe("chart points", () => {
  it("names a built-in chart's points by bucket or group and measure, with the value shown", () => {
    expect(chartPoints(funding).map((e) => [e.point, e.value])).toEqual([
      [{ bucket: "Q1", measure: "per_pupil_spending" }, 13000],
      [{ bucket: "Q4", measure: "per_pupil_spending" }, null],
    ]);
    expect(chartPoints(outcomes)[0]!.point).toEqual({ group: "black", measure: "chronic_absence_pct" });
  });

  it("names a saved view's points by school id, field and group", () => {
    expect(chartPoints(bySchool).map((e) => e.point)).toEqual([
      { school: "RUSD-001", measure: "chronic_absence_pct", group: "all" },
      { school: "RUSD-001", measure: "chronic_absence_pct", group: "black" },
    ]);
  });

  it("finds a point, taking a missing group for all students, and nothing the chart does not have", () => {
    expect(findChartPoint(funding, { bucket: "Q4", measure: "per_pupil_spending" })?.category).toBe(1);
    expect(findChartPoint(bySchool, { school: "RUSD-001", measure: "chronic_absence_pct" })?.point.group).toBe("all");
    expect(
      findChartPoint(bySchool, { school: "RUSD-001", measure: "chronic_absence_pct", group: "black" })?.series,
    ).toBe(1);
    expect(findChartPoint(funding, { bucket: "Q2", measure: "per_pupil_spending" })).toBeNull();
    expect(findChartPoint(funding, { school: "Q1", measure: "per_pupil_spending" })).toBeNull();
    expect(
      findChartPoint(bySchool, { school: "RUSD-001", measure: "chronic_absence_pct", group: "latinx" }),
    ).toBeNull();
  });

  it("keys equal points alike whatever the order of their fields", () => {
    expect(pointKey({ measure: "m", bucket: "Q1" })).toBe(pointKey({ bucket: "Q1", measure: "m" }));
    expect(pointKey({ measure: "m", bucket: "Q1" })).not.toBe(pointKey({ measure: "m", school: "Q1" }));
  });
});
