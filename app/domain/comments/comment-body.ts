/** A comment is plain text: line breaks kept, links made clickable, nothing else rendered. */

export const COMMENT_MAX_CHARACTERS = 5000;

// Half of a UTF-16 pair: not text, and Postgres refuses to store it.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type CommentBodyError = "empty" | "too_long" | "not_text";

/**
 * The body as stored: line endings made `\n`, surrounding blank space trimmed, control
 * characters other than line breaks and tabs refused (they render as nothing and can
 * hide text), 1–5,000 characters (counted as people count them: code points).
 */
export function parseCommentBody(raw: unknown): { ok: true; body: string } | { ok: false; error: CommentBodyError } {
  if (typeof raw !== "string") return { ok: false, error: "not_text" };
  const body = raw.replace(/\r\n?/g, "\n").trim();
  if (/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029\ufeff]/.test(body)) return { ok: false, error: "not_text" };
  if (LONE_SURROGATE.test(body)) return { ok: false, error: "not_text" };
  if (body.length === 0) return { ok: false, error: "empty" };
  if ([...body].length > COMMENT_MAX_CHARACTERS) return { ok: false, error: "too_long" };
  return { ok: true, body };
}

export type BodySegment =
  { kind: "text"; text: string } | { kind: "link"; text: string; href: string } | { kind: "break" };

// http(s) links only; a link ends before trailing punctuation that usually closes a sentence.
const LINK = /\bhttps?:\/\/[^\s<>"]+/gi;
const TRAILING = /[.,;:!?)\]}'"»”’]+$/;

/** The body as segments to render: text, clickable http(s) links, and line breaks. */
export function bodySegments(body: string): BodySegment[] {
  const segments: BodySegment[] = [];
  body.split("\n").forEach((line, i) => {
    if (i > 0) segments.push({ kind: "break" });
    let at = 0;
    for (const match of line.matchAll(LINK)) {
      let url = match[0];
      const trailing = TRAILING.exec(url)?.[0] ?? "";
      // Keep a closing parenthesis that belongs to the URL, as in Wikipedia links.
      const keep = trailing.startsWith(")") && url.includes("(") ? 1 : 0;
      url = url.slice(0, url.length - trailing.length + keep);
      const href = safeHref(url);
      if (!href) continue;
      if (match.index > at) segments.push({ kind: "text", text: line.slice(at, match.index) });
      segments.push({ kind: "link", text: url, href });
      at = match.index + url.length;
    }
    if (at < line.length) segments.push({ kind: "text", text: line.slice(at) });
  });
  return segments;
}

function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}
