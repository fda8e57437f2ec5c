/**
 * An axis label broken into lines of at most `maxChars` characters, at spaces,
 * in at most `maxLines` lines: a word longer than a line, or text past the last
 * line, is cut with "…". The full text stays in the tooltip and the table.
 */
export function wrapLabel(label: string, maxChars: number, maxLines = 3): string[] {
  const width = Math.max(2, Math.floor(maxChars));
  const cut = (s: string) => (s.length > width ? `${s.slice(0, width - 1)}…` : s);
  const lines: string[] = [];
  const words = label.trim().split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + 1 + word.length <= width) {
      lines[lines.length - 1] = `${last} ${word}`;
      continue;
    }
    if (lines.length === maxLines) {
      // No room for another line: the last one says that more was left out.
      const kept = lines[maxLines - 1]!;
      lines[maxLines - 1] = kept.length < width ? `${kept}…` : `${kept.slice(0, width - 1)}…`;
      break;
    }
    lines.push(cut(word));
  }
  return lines;
}

/** Characters of a label that fit in `px` at `fontSize`, from a generous average glyph width. */
export function charsThatFit(px: number, fontSize: number): number {
  return Math.floor(px / (fontSize * 0.62));
}
