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

const NUMBER = /^(-)?(\$)?(\d+|\d{1,3}(?:,\d{3})+)(\.\d+)?(%)?$/;

/** The number, or why the text is not one (a clause to follow "… is not a valid number: "). */
export function readNumber(text: string, syntax: NumberSyntax): number | string {
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
    return Number.isFinite(n) ? n : "it is too large";
  }

  const m = NUMBER.exec(text);
  if (m !== null) {
    const [, minus, dollar, int = "", frac, percent] = m;
    if (dollar !== undefined && !syntax.currency) return "a currency sign is only allowed for amounts in dollars";
    if (percent !== undefined && !syntax.percent) return "a percent sign is only allowed where the unit is a percent";
    if (int.length > 1 && int.charCodeAt(0) === 48 && int.includes(",")) {
      return "a number with thousands separators cannot start with 0 (is the comma a decimal comma? use a point)";
    }
    const n = Number((minus ?? "") + int.replaceAll(",", "") + (frac ?? ""));
    if (!Number.isFinite(n)) return "it is too large";
    return n === 0 ? 0 : n; // no -0
  }

  if (/^[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+$/.test(text)) {
    return "scientific notation (like 1e5) is not accepted; write the number out in full";
  }
  if (/^-?\$?[\d,]+(\.\d+)?%?$/.test(text)) {
    return "thousands separators must come every three digits, as in 1,234,567 (for decimals use a point, as in 0.5)";
  }
  if (/^-?\$?\.\d+%?$/.test(text)) return "write a 0 before the decimal point, as in 0.5";
  if (/^-?\$?\d[\d,]*\.%?$/.test(text)) return "a decimal point must be followed by digits";
  if (text.startsWith("+")) return "leave out the plus sign";
  if (/\d\s+\d/.test(text)) return "remove the spaces inside the number";
  if (/\d\s+%$|^\$\s+\d/.test(text)) return "remove the space between the number and its sign";
  return "write a number like 1234, 1234.5 or 1,234.5";
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
