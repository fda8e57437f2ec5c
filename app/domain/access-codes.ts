/**
 * One-time access codes for voters without an account (issue 13): 16 characters of
 * RFC 4648 base32 (A–Z, 2–7: no 0, 1, 8 or 9 to mistake), 80 random bits, printed in
 * four groups of four. Pure: the browser's code field and the server read them alike.
 */

export const ACCESS_CODE_LENGTH = 16;
/** Codes minted in one request: a printed sheet's worth for a school night, at most. */
export const MAX_CODES_PER_REQUEST = 500;

const ALPHABET = /^[A-Z2-7]+$/;

/** "abcd efgh-ijkl mnop" → "ABCDEFGHIJKLMNOP"; null when it cannot be a code at all. */
export function normalizeAccessCode(input: string): string | null {
  // Digits a reader may type for the letters they look like; neither is in the alphabet.
  const compact = input.toUpperCase().replace(/[\s-]/g, "").replace(/0/g, "O").replace(/1/g, "I");
  return compact.length === ACCESS_CODE_LENGTH && ALPHABET.test(compact) ? compact : null;
}

/** "ABCDEFGHIJKLMNOP" → "ABCD-EFGH-IJKL-MNOP", as printed and typed. */
export function formatAccessCode(code: string): string {
  return code.match(/.{1,4}/g)!.join("-");
}

/** The address a printed code points to: the code rides in the fragment, which browsers never send. */
export function voteLink(origin: string, code?: string): string {
  return code ? `${origin}/vote#${formatAccessCode(code)}` : `${origin}/vote`;
}
