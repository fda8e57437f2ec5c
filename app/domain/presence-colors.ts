/**
 * Presence colours for carets, caret labels and avatars. Distinct hues (told apart by hue and
 * lightness, not by red against green alone), each dark enough that white label text on it
 * reaches 4.5:1 and the caret line on a white page well over the 3:1 that WCAG 1.4.11 asks.
 */
export const PRESENCE_COLORS = [
  "#0072B2", // blue
  "#B04600", // orange
  "#007A5E", // green
  "#A23B72", // magenta
  "#6B46C1", // purple
  "#7B6300", // ochre
  "#0B7285", // teal
  "#C0392B", // red
  "#4D6B00", // olive
  "#56689E", // slate
] as const;

function hashIndex(userId: string): number {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash % PRESENCE_COLORS.length;
}

/** A person's preferred colour, the same everywhere (used before anyone else is present). */
export function colorFor(userId: string): string {
  return PRESENCE_COLORS[hashIndex(userId)]!;
}

/**
 * The colour for a person joining a room where `taken` colours are already shown for others:
 * their preferred colour if free, else the next free one in palette order, and their
 * preferred colour again once the palette has run out.
 */
export function distinctColorFor(userId: string, taken: ReadonlySet<string>): string {
  const start = hashIndex(userId);
  for (let i = 0; i < PRESENCE_COLORS.length; i++) {
    const color = PRESENCE_COLORS[(start + i) % PRESENCE_COLORS.length]!;
    if (!taken.has(color)) return color;
  }
  return PRESENCE_COLORS[start]!;
}

/** WCAG 2 contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const v = parseInt(hex.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
