/** Why a link address was refused. */
export type LinkRefusal = "empty" | "scheme" | "invalid";

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * The address a person typed for a link, checked: web (http, https) and e-mail (mailto)
 * links only, so a pasted `javascript:` or `data:` address never becomes something a reader
 * clicks. An address without a scheme ("riverbend.example/budget") is taken as https.
 */
export function parseLinkUrl(input: string): { ok: true; href: string } | { ok: false; reason: LinkRefusal } {
  const text = input.trim();
  if (text === "") return { ok: false, reason: "empty" };
  const candidate = SCHEME.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return { ok: false, reason: "invalid" };
  }
  if (url.protocol === "http:" || url.protocol === "https:") {
    // "https://" alone, or spaces in the host, are not addresses.
    if (url.hostname === "" || /\s/.test(text)) return { ok: false, reason: "invalid" };
    return { ok: true, href: url.href };
  }
  if (url.protocol === "mailto:") {
    return /^[^@\s]+@[^@\s]+$/.test(decodeURIComponent(url.pathname))
      ? { ok: true, href: url.href }
      : { ok: false, reason: "invalid" };
  }
  return { ok: false, reason: "scheme" };
}
