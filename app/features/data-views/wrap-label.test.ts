import { describe, expect, it } from "vitest";
import { charsThatFit, wrapLabel } from "./wrap-label";

describe("wrapLabel", () => {
  it("breaks a Spanish quartile label at spaces so each line fits its band", () => {
    expect(wrapLabel("Menor pobreza (C1)", 8)).toEqual(["Menor", "pobreza", "(C1)"]);
    expect(wrapLabel("Menor pobreza (C1)", 14)).toEqual(["Menor pobreza", "(C1)"]);
    expect(wrapLabel("C2", 8)).toEqual(["C2"]);
  });

  it("never gives a line longer than asked, cutting long words and what does not fit in the last line", () => {
    const labels = ["Estudiantes con discapacidades", "Aprendices de inglés", "Highest poverty (Q4)", "Multirracial"];
    for (const maxChars of [3, 5, 8, 12, 20]) {
      for (const label of labels) {
        const lines = wrapLabel(label, maxChars);
        expect(lines.length).toBeLessThanOrEqual(3);
        for (const line of lines) expect(line.length, `${label} at ${maxChars}: ${line}`).toBeLessThanOrEqual(maxChars);
      }
    }
    expect(wrapLabel("Estudiantes con discapacidades", 6)).toEqual(["Estud…", "con", "disca…"]);
    expect(wrapLabel("one two three four", 5)).toEqual(["one", "two", "thre…"]);
  });

  it("counts what fits from the width and the font size", () => {
    expect(charsThatFit(52, 12)).toBe(6);
    expect(charsThatFit(150, 12)).toBe(20);
  });
});
