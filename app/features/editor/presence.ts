// Colour-blind-safe caret colours (Okabe–Ito), dark enough for white caret labels.
const COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8F6A00", "#56689E", "#A6361D", "#00736B"];

/** A stable colour for a person, so they look the same to everyone. */
export function colorFor(userId: string): string {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return COLORS[hash % COLORS.length]!;
}
