/**
 * Pure helpers for the plan's comment panel: which appearance of a quote a selection is,
 * the order threads are listed in, and @mentions typed in a comment box.
 */

/**
 * Which appearance (1-based) of `quote` in `text` starts at `from`, counted the way the API
 * finds it (each search starts one character after the previous match, so overlaps count).
 */
export function occurrenceAt(text: string, quote: string, from: number): number | null {
  if (quote.length === 0 || text.slice(from, from + quote.length) !== quote) return null;
  let n = 0;
  let at = -1;
  while ((at = text.indexOf(quote, at + 1)) >= 0 && at <= from) n++;
  return n;
}

export type Placed<T> = { thread: T; range: { from: number; to: number } | null };

/**
 * Document order: threads whose passage is in the document by where it starts (then by
 * length, then age); threads on removed text last, oldest first.
 */
export function orderThreads<T extends { createdAt: string }>(placed: Placed<T>[]): Placed<T>[] {
  const byAge = (a: Placed<T>, b: Placed<T>) => a.thread.createdAt.localeCompare(b.thread.createdAt);
  const attached = placed.filter((p) => p.range !== null);
  const removed = placed.filter((p) => p.range === null);
  attached.sort((a, b) => a.range!.from - b.range!.from || a.range!.to - b.range!.to || byAge(a, b));
  return [...attached, ...removed.sort(byAge)];
}

/** The @mention being typed just before the caret (`@` at a word's start, no line break since). */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /(^|\s)@([^\s@]{0,40})$/u.exec(before);
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, query: match[2]! };
}

/** Members whose name starts a word matching the query, case and accents ignored. */
export function matchMembers<M extends { name: string }>(members: M[], query: string, limit = 8): M[] {
  const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const q = fold(query);
  return members
    .filter(
      (m) =>
        fold(m.name)
          .split(/\s+/)
          .some((word) => word.startsWith(q)) || fold(m.name).startsWith(q),
    )
    .slice(0, limit);
}

/** The ids of picked members whose `@Name` is still in the body when it is sent. */
export function mentionedIds(body: string, picked: { userId: string; name: string }[]): string[] {
  return [...new Set(picked.filter((m) => body.includes(`@${m.name}`)).map((m) => m.userId))];
}
