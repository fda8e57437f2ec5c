import { slugCandidate, slugify } from "../domain/slug";

/**
 * Inserts a row under the first free slug derived from `name`. `insert` returns
 * undefined when the slug was taken (ON CONFLICT DO NOTHING), so concurrent
 * creators never collide.
 */
export async function insertWithUniqueSlug<T>(
  name: string,
  insert: (slug: string) => Promise<T | undefined>,
): Promise<T> {
  const base = slugify(name);
  for (let attempt = 0; attempt < 50; attempt++) {
    const row = await insert(slugCandidate(base, attempt));
    if (row) return row;
  }
  // Pathological: fall back to a random suffix.
  const row = await insert(`${base}-${crypto.randomUUID().slice(0, 8)}`);
  if (!row) throw new Error("Could not allocate a unique slug");
  return row;
}
