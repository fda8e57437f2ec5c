/**
 * Where to send someone after sign-in, a language switch or any other "go back"
 * that carries a target from the request. Only same-origin paths pass.
 *
 * Prefix checks alone miss what browsers do with a Location header: they drop
 * tabs and newlines ("/\t/evil.example" becomes "//evil.example"), read "\" as
 * "/", and collapse dot segments ("/.//evil.example"). So the target is parsed
 * the way a browser would, against a placeholder origin, and the re-serialized
 * path is checked again — it is what the browser will resolve.
 */
const PLACEHOLDER_ORIGIN = "http://same-origin.invalid";
const MAX_LENGTH = 2048;
// C0 controls, DEL and backslash: browsers strip or reinterpret them, and a raw newline breaks the header.
const UNSAFE_CHARACTER = /[\u0000-\u001f\u007f\\]/;

export const DEFAULT_REDIRECT = "/workspaces";

/** A same-origin path (path, query, fragment) to redirect to, or the fallback. */
export function safeRedirect(
  target: FormDataEntryValue | string | null | undefined,
  fallback: string = DEFAULT_REDIRECT,
): string {
  if (typeof target !== "string" || target.length > MAX_LENGTH) return fallback;
  if (!target.startsWith("/") || UNSAFE_CHARACTER.test(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  // Serialized by URL, so non-ASCII is percent-encoded and the header stays valid.
  const path = url.pathname + url.search + url.hash;
  // Dot segments can collapse to a leading "//", a network-path reference to another host.
  if (path.startsWith("//")) return fallback;
  return path;
}
