import { describe, expect, it } from "vitest";
import { slugCandidate, slugify } from "./slug";

describe("slugify", () => {
  it.each([
    ["Riverbend Unified School District", "riverbend-unified-school-district"],
    ["Presupuesto de las Familias — Año 2026", "presupuesto-de-las-familias-ano-2026"],
    ["  --Hello,   World!--  ", "hello-world"],
    ["<script>alert(1)</script>", "script-alert-1-script"],
    ["日本語", "untitled"],
    ["a".repeat(80), "a".repeat(48)],
  ])("%s → %s", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it("numbers later candidates", () => {
    expect([0, 1, 2].map((i) => slugCandidate("plan", i))).toEqual(["plan", "plan-2", "plan-3"]);
  });
});
