import type { MessageKey } from "../i18n/translate";

/**
 * The ballot form's fields (app/features/polls/ballot-form.tsx) as the ballot's choices:
 * checked codes, points by code, or codes in rank order. Every page with that form reads
 * it here; the values are then checked by `validateBallot` like the API's.
 */
export function ballotChoices(
  type: string,
  options: { code: string }[],
  form: FormData,
): { value: unknown } | { error: MessageKey } {
  if (type === "points") {
    // Built as entries: an option coded "__proto__" is then a key like any other, not the prototype.
    const points = Object.fromEntries(
      options.map((o) => {
        const raw = String(form.get(`points.${o.code}`) ?? "").trim();
        return [o.code, raw === "" ? 0 : Number(raw)];
      }),
    );
    return { value: points };
  }
  if (type === "ranked") {
    const ranked: { code: string; rank: number }[] = [];
    for (const o of options) {
      const raw = String(form.get(`rank.${o.code}`) ?? "");
      if (raw === "") continue;
      // The select offers whole ranks from 1; anything else would sort where it happens to fall.
      if (!/^[1-9]\d{0,2}$/.test(raw)) return { error: "ballot.rankInvalid" };
      ranked.push({ code: o.code, rank: Number(raw) });
    }
    if (new Set(ranked.map((r) => r.rank)).size !== ranked.length) return { error: "ballot.rankTwice" };
    return { value: ranked.sort((a, b) => a.rank - b.rank).map((r) => r.code) };
  }
  return { value: form.getAll("choice").map(String) };
}

/**
 * The form's one-per-page client token (what makes a double submit store one ballot), as
 * the API takes it: 1 to 200 characters, else none. A tampered form cannot store a long one.
 */
export function formClientToken(value: FormDataEntryValue | string | null | undefined): string | null {
  return typeof value === "string" && value.length > 0 && value.length <= 200 ? value : null;
}
