/** Exact rationals over BigInt: every comparison that decides a tally outcome goes through these. */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint; // always > 0, gcd(n, d) = 1
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function rat(n: bigint | number, d: bigint | number = 1n): Rational {
  let nn = BigInt(n);
  let dd = BigInt(d);
  if (dd === 0n) throw new RangeError("zero denominator");
  if (dd < 0n) [nn, dd] = [-nn, -dd];
  const g = gcd(nn, dd);
  return g > 1n ? { n: nn / g, d: dd / g } : { n: nn, d: dd };
}

export const ZERO = rat(0);
export const add = (a: Rational, b: Rational): Rational =>
  a.d === b.d ? rat(a.n + b.n, a.d) : rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rational, b: Rational): Rational =>
  a.d === b.d ? rat(a.n - b.n, a.d) : rat(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational): Rational => rat(a.n * b.n, a.d * b.d);
export const div = (a: Rational, b: Rational): Rational => rat(a.n * b.d, a.d * b.n);
export const mulInt = (a: Rational, k: bigint | number): Rational => rat(a.n * BigInt(k), a.d);
export const divInt = (a: Rational, k: bigint | number): Rational => rat(a.n, a.d * BigInt(k));
export const cmp = (a: Rational, b: Rational): -1 | 0 | 1 => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const min = (a: Rational, b: Rational): Rational => (cmp(a, b) <= 0 ? a : b);
/** Nearest double; shifts first so huge numerators/denominators don't overflow to NaN. */
export function toNumber(a: Rational): number {
  const bits = Math.max(a.d.toString(16).length, (a.n < 0n ? -a.n : a.n).toString(16).length) * 4;
  if (bits < 1000) return Number(a.n) / Number(a.d);
  const shift = BigInt(bits - 900);
  return Number(a.n >> shift) / Number(a.d >> shift);
}
export const isInteger = (a: Rational): boolean => a.d === 1n;
export const floor = (a: Rational): bigint => {
  const q = a.n / a.d;
  return a.n < 0n && q * a.d !== a.n ? q - 1n : q;
};

/** "740793.05", "12,5" (comma decimal separator, as in some Pabulib files), "100" → exact value. */
export function parseDecimal(text: string): Rational | null {
  const t = text.trim().replace(",", ".");
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) return null;
  const frac = m[3] ?? "";
  const n = BigInt(m[2] + frac) * (m[1] ? -1n : 1n);
  return rat(n, 10n ** BigInt(frac.length));
}

/** Exact decimal text when the value has a finite decimal expansion, else `digits` places rounded half-up. */
export function toDecimalString(a: Rational, digits = 2): string {
  let d = a.d;
  let places = 0;
  while (d % 10n === 0n) {
    d /= 10n;
    places++;
  }
  while (d % 2n === 0n) {
    d /= 2n;
    places++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    places++;
  }
  const exact = d === 1n;
  const p = exact ? places : digits;
  const scale = 10n ** BigInt(p);
  const neg = a.n < 0n;
  const absN = neg ? -a.n : a.n;
  const scaled = (absN * scale * 2n + a.d) / (2n * a.d); // round half up
  const int = scaled / scale;
  const fr = (scaled % scale).toString().padStart(p, "0");
  return (neg && scaled !== 0n ? "-" : "") + int.toString() + (p > 0 ? "." + fr : "");
}

/** Rounded to whole cents, half up: how a payment is shown as money. */
export function toCents(a: Rational): bigint {
  const n = a.n * 100n;
  return n >= 0n ? (2n * n + a.d) / (2n * a.d) : -((2n * -n + a.d) / (2n * a.d));
}
