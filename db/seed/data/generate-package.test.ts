import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DATA_LIMITS, measureSpecs, studentGroups, type MeasureName } from "../../../app/domain/district-data/types";
import { generatePackage, RIVERBEND } from "./generate-package";
import { parseCsv, readPackage, summarize } from "./package-stats";

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "riverbend");
const committed = {
  schools: readFileSync(path.join(dir, "schools.csv"), "utf8"),
  measures: readFileSync(path.join(dir, "measures.csv"), "utf8"),
};
const parsed = readPackage(committed.schools, committed.measures);
const summary = summarize(parsed);

describe("Riverbend demo package", () => {
  it("is exactly what the generator makes (rewrite with `npx tsx db/seed/data/write-riverbend.ts`)", () => {
    const fresh = generatePackage(RIVERBEND);
    expect(committed.schools).toBe(fresh.schools);
    expect(committed.measures).toBe(fresh.measures);
  });

  it("follows every rule of DATA-FORMAT.md", () => {
    expect(parsed.errors).toEqual([]);
  });

  it("has about 40 schools of realistic levels, neighborhoods and demographics", () => {
    expect(summary.levels).toEqual({ elementary: 24, middle: 9, high: 5, k8: 2 });
    expect(summary.neighborhoods.length).toBeGreaterThanOrEqual(5);
    expect(summary.neighborhoods.length).toBeLessThanOrEqual(6);
    const [lo, hi] = summary.pctLowIncomeRange;
    expect(lo).toBeLessThanOrEqual(10);
    expect(hi).toBeGreaterThanOrEqual(90);
    for (const s of parsed.schools) {
      expect(s.pctStudentsWithDisabilities).toBeGreaterThanOrEqual(9);
      expect(s.pctStudentsWithDisabilities).toBeLessThanOrEqual(18);
      const bounds: Record<string, [number, number]> = {
        elementary: [200, 750],
        middle: [400, 1200],
        high: [800, 2400],
        k8: [400, 950],
      };
      const [min, max] = bounds[s.level]!;
      expect(s.enrollment).toBeGreaterThanOrEqual(min);
      expect(s.enrollment).toBeLessThanOrEqual(max);
    }
    // Students of color concentrated in high-poverty schools.
    const [q1, , , q4] = [0, 1, 2, 3].map((q) => {
      const sorted = parsed.schools.slice().sort((a, b) => a.pctLowIncome - b.pctLowIncome);
      const part = sorted.slice((q * sorted.length) / 4, ((q + 1) * sorted.length) / 4);
      return part.reduce((a, s) => a + s.pctStudentsOfColor, 0) / part.length;
    });
    expect(q4! - q1!).toBeGreaterThan(30);
  });

  it("quotes a school name that holds a comma", () => {
    const withComma = parsed.schools.filter((s) => s.name.includes(","));
    expect(withComma.length).toBeGreaterThan(0);
    expect(committed.schools).toContain(`"${withComma[0]!.name}"`);
    expect(parseCsv(committed.schools).every((row) => row.length === 9)).toBe(true);
  });

  it("covers the whole vocabulary, with groups where it allows them", () => {
    const groupsOf = (m: MeasureName) => new Set(parsed.rows.filter((r) => r.measure === m).map((r) => r.group));
    for (const m of Object.keys(measureSpecs) as MeasureName[]) {
      const spec = measureSpecs[m];
      const groups = groupsOf(m);
      if (spec.groups === "all") expect([...groups], m).toEqual(["all"]);
      else if (spec.groups === "not_all") expect(groups.size, m).toBe(studentGroups.length - 1);
      else expect(groups.size, m).toBe(studentGroups.length);
    }
    // Every "all only" measure at every school; explicit `all`, never an empty group.
    for (const s of parsed.schools) {
      for (const m of Object.keys(measureSpecs) as MeasureName[]) {
        if (measureSpecs[m].groups !== "all") continue;
        const has = parsed.rows.some((r) => r.schoolId === s.id && r.measure === m);
        expect(has, `${s.id} ${m}`).toBe(m !== "offers_grade8_algebra1" || s.level === "middle" || s.level === "k8");
      }
    }
    expect(committed.measures).not.toMatch(/,,/);
  });

  it("puts grade 8 measures only at middle and k8 schools", () => {
    const levelOf = new Map(parsed.schools.map((s) => [s.id, s.level]));
    for (const r of parsed.rows) {
      if (r.measure.includes("grade8")) expect(["middle", "k8"]).toContain(levelOf.get(r.schoolId));
    }
  });

  it("suppresses a few small cells, never the core figures", () => {
    const suppressed = parsed.rows.filter((r) => r.value === null);
    expect(suppressed.length).toBeGreaterThan(0);
    expect(suppressed.length).toBeLessThanOrEqual(40);
    expect(new Set(suppressed.map((r) => r.schoolId)).size).toBeLessThanOrEqual(5);
    expect(committed.measures).toMatch(/,\*\n/);
    expect(committed.measures).toMatch(/,n<10\n/);
    for (const r of suppressed) {
      expect(["native_american", "pacific_islander"]).toContain(r.group);
      expect(r.group).not.toBe("all");
    }
  });

  it("builds in the district's inequities", () => {
    // Funding flat to slightly regressive despite higher need.
    expect(summary.quartileSizes).toEqual([10, 10, 10, 10]);
    expect(summary.spendingRatio).toBeGreaterThanOrEqual(0.93);
    expect(summary.spendingRatio).toBeLessThanOrEqual(1.02);
    // Novice teachers concentrated in high-poverty schools.
    expect(summary.noviceRatio).toBeGreaterThanOrEqual(1.8);
    // Algebra 1 missing at 2–3 high-poverty middle schools; access is a large part of the gap.
    const missingHighPoverty = summary.noAlgebra.filter((s) => s.level === "middle" && s.quartile >= 3);
    expect(missingHighPoverty.length).toBeGreaterThanOrEqual(2);
    expect(summary.noAlgebra.length).toBeLessThanOrEqual(3);
    const d = summary.algebraWhiteLatinx;
    expect(d.gap).toBeGreaterThan(0);
    expect(d.accessPart + d.assignmentPart).toBeCloseTo(d.gap, 12);
    expect(d.accessShare).toBeGreaterThanOrEqual(0.4);
    expect(d.accessShare).toBeLessThanOrEqual(0.6);
    expect(d.reference.assignment).toBeGreaterThan(d.focal.assignment);
    expect(summary.algebraWhiteBlack.reference.assignment).toBeGreaterThan(summary.algebraWhiteBlack.focal.assignment);
    // Staff diversity, counselors, climate.
    expect(summary.teachersOfColorShare).toBeLessThan(summary.studentsOfColorShare / 2);
    expect(summary.counselors.worseThan250).toBeGreaterThanOrEqual(0.75 * summary.schools);
    expect(summary.chronicAbsence.low_income).toBeGreaterThan(1.5 * summary.chronicAbsence.not_low_income);
    expect(summary.suspensions.black).toBeGreaterThan(2.5 * summary.suspensions.white);
  });
});

describe("large generated packages (benchmarks)", () => {
  it("makes 2,000 schools deterministically, within the format's limits", { timeout: 60_000 }, () => {
    const a = generatePackage({ schools: 2000, seed: 7 });
    const b = generatePackage({ schools: 2000, seed: 7 });
    expect(a.measures).toBe(b.measures);
    expect(a.schools).toBe(b.schools);
    expect(generatePackage({ schools: 2000, seed: 8 }).measures).not.toBe(a.measures);

    const big = readPackage(a.schools, a.measures);
    expect(big.errors).toEqual([]);
    expect(big.schools).toHaveLength(2000);
    expect(big.rows.length).toBeGreaterThan(130_000);
    expect(big.rows.length).toBeLessThanOrEqual(DATA_LIMITS.maxRowsPerFile);
    expect(Buffer.byteLength(a.measures)).toBeLessThanOrEqual(DATA_LIMITS.maxFileBytes);
    expect(new Set(big.schools.map((s) => s.name)).size).toBe(2000);
    const s = summarize(big);
    expect(s.spendingRatio).toBeGreaterThanOrEqual(0.93);
    expect(s.spendingRatio).toBeLessThanOrEqual(1.02);
    expect(s.noviceRatio).toBeGreaterThanOrEqual(1.8);
  });

  it("works for small odd sizes", () => {
    for (const n of [1, 2, 3, 7, 61]) {
      const pkg = generatePackage({ schools: n, seed: n });
      const p = readPackage(pkg.schools, pkg.measures);
      expect(p.errors).toEqual([]);
      expect(p.schools).toHaveLength(n);
    }
  });
});
