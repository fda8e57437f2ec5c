import { describe, expect, it } from "vitest";
import { m, pkg, school } from "../metrics/test-package";
import { headlineFindings } from "./headlines";
import { diagnosticViews } from "./views";

// A offers Algebra 1: 5 white eighth graders (3 enrolled) and 40 Latinx (10 enrolled); B does not: 60 Latinx.
const data = pkg(
  [school("A", 300, 20, { level: "middle" }), school("B", 300, 80, { level: "middle" })],
  [
    m("A", "per_pupil_spending", 12000),
    m("B", "per_pupil_spending", 10000),
    m("A", "offers_grade8_algebra1", 1),
    m("B", "offers_grade8_algebra1", 0),
    m("A", "grade8_students", 5, "white"),
    m("A", "grade8_algebra1_enrolled", 3, "white"),
    m("A", "grade8_students", 40, "latinx"),
    m("A", "grade8_algebra1_enrolled", 10, "latinx"),
    m("B", "grade8_students", 60, "latinx"),
    m("B", "grade8_algebra1_enrolled", 0, "latinx"),
  ],
);

describe("headline findings of a workspace's home", () => {
  it("are the diagnostic's own findings for the same reader, dimension by dimension", () => {
    for (const suppressSmallCells of [false, true]) {
      const headlines = headlineFindings(data, { suppressSmallCells });
      expect(headlines.length).toBeGreaterThan(0);
      for (const h of headlines) {
        const view = diagnosticViews(data, h.dimension, { suppressSmallCells }).find((v) => v.id === h.viewId);
        expect(view?.finding).toEqual(h.finding);
      }
    }
  });

  it("never state to a family member a comparison the diagnostic hides from them", () => {
    const staff = headlineFindings(data, { suppressSmallCells: false }).find((h) => h.dimension === "rigorous_content");
    expect(staff?.finding).toEqual({ key: "diag.finding.algebra", params: { focal: 10, reference: 60, share: 51 } });
    // The white rate rests on 5 students: the family member's headline says only that it is hidden.
    const family = headlineFindings(data, { suppressSmallCells: true }).find((h) => h.dimension === "rigorous_content");
    expect(family?.finding).toEqual({ key: "diag.finding.algebraHidden" });
  });

  it("leave out a dimension the data cannot speak to", () => {
    // No absence figures, and two schools are too few for spending by poverty quartile.
    const dimensions = headlineFindings(data, { suppressSmallCells: false }).map((h) => h.dimension);
    expect(dimensions).not.toContain("school_climate");
    expect(dimensions).toEqual(["rigorous_content"]);
  });
});
