import { describe, expect, it } from "vitest";
import { translate } from "../../i18n/translate";
import { formatNumber, readNumber, type NumberProblem } from "./numbers";

const plain = { percent: false, currency: false };
const percent = { percent: true, currency: false };
const dollars = { percent: false, currency: true };

describe("readNumber", () => {
  it.each([
    ["1234", plain, 1234],
    ["1234.5", plain, 1234.5],
    ["1,234.5", plain, 1234.5],
    ["1,234,567", plain, 1234567],
    ["0", plain, 0],
    ["-0", plain, 0],
    ["0.25", plain, 0.25],
    ["007", plain, 7],
    ["-12", plain, -12],
    ["$12,345", dollars, 12345],
    ["$12,345.67", dollars, 12345.67],
    ["-$5", dollars, -5],
    ["45%", percent, 45],
    ["45.5%", percent, 45.5],
    ["100%", percent, 100],
  ])("%s reads as a number", (text, syntax, value) => {
    const n = readNumber(text, syntax);
    expect(n).toBe(value);
    expect(Object.is(n, -0)).toBe(false);
  });

  it.each([
    ["12abc", plain, /write a number like 1234/],
    ["1e5", plain, /scientific notation/],
    ["1.5E-3", plain, /scientific notation/],
    ["NaN", plain, /write a number/],
    ["Infinity", plain, /write a number/],
    ["12,34", plain, /every three digits/],
    ["1,2345", plain, /every three digits/],
    ["1234,567", plain, /every three digits/],
    ["0,5", plain, /for decimals use a point/],
    ["12,5%", percent, /for decimals use a point/],
    ["0,500", plain, /cannot start with 0/],
    [".5", plain, /0 before the decimal point/],
    ["5.", plain, /followed by digits/],
    ["1.2.3", plain, /write a number/],
    ["+5", plain, /plus sign/],
    ["1 234", plain, /spaces inside/],
    ["45 %", percent, /space between/],
    ["$12", plain, /currency sign is only allowed/],
    ["$12", percent, /currency sign is only allowed/],
    ["45%", plain, /percent sign is only allowed/],
    ["45%", dollars, /percent sign is only allowed/],
    ["--5", plain, /write a number/],
    ["", plain, /write a number/],
    ["9".repeat(400), plain, /too large/],
  ])("%.20s is refused", (text, syntax, reason) => {
    const r = readNumber(text, syntax);
    expect(typeof r).toBe("string");
    expect(translate("en", `dataIssue.number.${r as NumberProblem}`)).toMatch(reason);
  });
});

describe("formatNumber", () => {
  it.each([
    [1234, "1234"],
    [1234.5, "1234.5"],
    [0.1 + 0.2, "0.30000000000000004"],
    [1e-7, "0.0000001"],
    [1.25e-9, "0.00000000125"],
    [1e21, "1000000000000000000000"],
    [1.5e22, "15000000000000000000000"],
    [-0, "0"],
    [-2.5e-8, "-0.000000025"],
  ])("%s → %s, which reads back exactly", (n, text) => {
    expect(formatNumber(n)).toBe(text);
    expect(readNumber(text, plain)).toBe(n === 0 ? 0 : n);
  });

  it("round-trips many random doubles exactly", () => {
    let seed = 7;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let k = 0; k < 5000; k++) {
      const n = next() * 10 ** Math.floor(next() * 40 - 20);
      expect(readNumber(formatNumber(n), plain)).toBe(n);
    }
  });

  it("refuses what cannot be written", () => {
    expect(() => formatNumber(Number.NaN)).toThrow(RangeError);
    expect(() => formatNumber(Infinity)).toThrow(RangeError);
  });
});
