/**
 * Numbers as DATA-FORMAT.md writes them, both ways.
 *
 * Accepted (after trimming): digits with an optional decimal part (`1234`, `1234.5`), thousands
 * separators in groups of three (`1,234.5`; not `12,34`, not `0,5`), a leading `-` (so that a
 * negative gets the clearer "must be 0 or more" message), a `$` after the optional `-` only where
 * the unit is dollars, a trailing `%` only where the unit is a percent. Everything else is an
 * error, including scientific notation (`1e5`), `.5`, `5.`, `+5`, inner spaces, `NaN`, `Infinity`.
 */

export type NumberSyntax = { percent: boolean; currency: boolean };

/** Why a text is not a number; each has its message, "dataIssue.number.<problem>". */
export type NumberProblem =
  | "tooLarge"
  | "currencySign"
  | "percentSign"
  | "leadingZeroSeparator"
  | "scientific"
  | "separatorGroups"
  | "leadingDecimal"
  | "trailingDecimal"
  | "plusSign"
  | "innerSpaces"
  | "spaceBeforeSign"
  | "notNumeric";

const NUMBER = /^(-)?(\$)?(\d+|\d{1,3}(?:,\d{3})+)(\.\d+)?(%)?$/;

/** The number, or why the text is not one. */
export function readNumber(text: string, syntax: NumberSyntax): number | NumberProblem {
  // Fast path: plain digits with at most one inner decimal point.
  const len = text.length;
  let plain = len > 0;
  let dot = false;
  for (let k = 0; k < len; k++) {
    const c = text.charCodeAt(k);
    if (c >= 48 && c <= 57) continue;
    if (c === 46 && !dot && k > 0 && k < len - 1) {
      dot = true;
      continue;
    }
    plain = false;
    break;
  }
  if (plain) {
    const n = Number(text);
    return Number.isFinite(n) ? n : "tooLarge";
  }

  const m = NUMBER.exec(text);
  if (m !== null) {
    const [, minus, dollar, int = "", frac, percent] = m;
    if (dollar !== undefined && !syntax.currency) return "currencySign";
    if (percent !== undefined && !syntax.percent) return "percentSign";
    if (int.length > 1 && int.charCodeAt(0) === 48 && int.includes(",")) return "leadingZeroSeparator";
    const n = Number((minus ?? "") + int.replaceAll(",", "") + (frac ?? ""));
    if (!Number.isFinite(n)) return "tooLarge";
    return n === 0 ? 0 : n; // no -0
  }

  if (/^[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+$/.test(text)) return "scientific";
  if (/^-?\$?[\d,]+(\.\d+)?%?$/.test(text)) return "separatorGroups";
  if (/^-?\$?\.\d+%?$/.test(text)) return "leadingDecimal";
  if (/^-?\$?\d[\d,]*\.%?$/.test(text)) return "trailingDecimal";
  if (text.startsWith("+")) return "plusSign";
  if (/\d\s+\d/.test(text)) return "innerSpaces";
  if (/\d\s+%$|^\$\s+\d/.test(text)) return "spaceBeforeSign";
  return "notNumeric";
}

/**
 * A number as plain decimal text that `readNumber` reads back as exactly the same number: the
 * shortest round-trip form JavaScript gives, with any exponent written out, no separators.
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`Cannot write ${n} as a data-package number`);
  const s = String(n === 0 ? 0 : n);
  const e = s.indexOf("e");
  if (e === -1) return s;
  const negative = s.startsWith("-");
  const mantissa = s.slice(negative ? 1 : 0, e);
  const exponent = Number(s.slice(e + 1));
  const point = mantissa.indexOf(".");
  const digits = point === -1 ? mantissa : mantissa.slice(0, point) + mantissa.slice(point + 1);
  // Position of the decimal point after `digits[0..pointAt)`.
  const pointAt = (point === -1 ? mantissa.length : point) + exponent;
  let out: string;
  if (pointAt <= 0) out = `0.${"0".repeat(-pointAt)}${digits}`;
  else if (pointAt >= digits.length) out = digits + "0".repeat(pointAt - digits.length);
  else out = `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
  return negative ? `-${out}` : out;
}
