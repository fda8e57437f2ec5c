import { describe, expect, it } from "vitest";
import { formatMoney, moneyFormatter, numberFormatter } from "./numbers";

describe("money for the reader", () => {
  it.each([
    ["en", 14000, {}, "$14,000"],
    ["es", 14000, {}, "$14,000"],
    ["en", -74, {}, "-$74"],
    ["es", -74, {}, "-$74"],
    ["en", -74, { signed: true }, "-$74"],
    ["es", 74, { signed: true }, "+$74"],
    ["en", 0, { signed: true }, "$0"],
    ["en", -0.4, { signed: true }, "$0"],
    ["en", 1234.56, {}, "$1,235"],
    ["en", 250000, { signed: true, compact: true }, "+$250K"],
    ["es", -1200000, { signed: true, compact: true }, "-$1.2\u00a0M"],
  ] as const)("%s %d %o → %s", (locale, value, options, expected) => {
    expect(formatMoney(value, locale, options)).toBe(expected);
  });

  it("formats the same amount the same way in both languages' tables, texts and charts", () => {
    // The issue: "$-74" (hand-built) beside "14.000 US$" (Spain's format) on one page.
    for (const locale of ["en", "es"] as const) {
      const money = moneyFormatter(locale);
      expect(money(-74)).toMatch(/^-\$74$/);
      expect(money(14000)).not.toMatch(/US\$|\./);
    }
  });

  it("formats plain numbers in the same locale", () => {
    expect(numberFormatter("es")(1234.56)).toBe("1,234.6");
    expect(numberFormatter("en", 0)(1234.56)).toBe("1,235");
  });
});
