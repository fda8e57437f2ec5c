import { describe, expect, it } from "vitest";
import { colorFor, contrastRatio, distinctColorFor, PRESENCE_COLORS } from "./presence-colors";

describe("presence colours", () => {
  it.each(PRESENCE_COLORS)("%s: a caret line reaches 3:1 on white, white label text 4.5:1 on it", (color) => {
    expect(contrastRatio(color, "#ffffff")).toBeGreaterThanOrEqual(4.5);
  });

  it("are all different", () => {
    expect(new Set(PRESENCE_COLORS.map((c) => c.toLowerCase())).size).toBe(PRESENCE_COLORS.length);
  });

  it("computes WCAG contrast ratios", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#ffffff", "#ffffff")).toBeCloseTo(1, 5);
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
  });

  it("keeps a person's preferred colour when it is free", () => {
    expect(distinctColorFor("user-1", new Set())).toBe(colorFor("user-1"));
    expect(distinctColorFor("user-1", new Set([PRESENCE_COLORS.find((c) => c !== colorFor("user-1"))!]))).toBe(
      colorFor("user-1"),
    );
  });

  it("gives each newcomer a colour nobody present has, while the palette lasts", () => {
    const taken = new Set<string>();
    for (let i = 0; i < PRESENCE_COLORS.length; i++) {
      // Every one of these people prefers the same colour.
      const color = distinctColorFor("same-hash", taken);
      expect(taken.has(color)).toBe(false);
      taken.add(color);
    }
    expect(taken.size).toBe(PRESENCE_COLORS.length);
    // Past the palette: the preferred colour again, never an invented one.
    expect(distinctColorFor("same-hash", taken)).toBe(colorFor("same-hash"));
  });
});
