/** The mark an export with comments puts after a commented passage; carried as a Yjs text attribute into the document JSON. */
export const NOTE_MARK = "commentNote";

/** A note number from a mark's attributes: a positive whole number, or null (a forged mark shows nothing). */
export function noteNumber(attrs: Record<string, unknown> | undefined): number | null {
  const n = Number(attrs?.n);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
