/**
 * The path of an HTTP request target, or null when the target is not a URL at all.
 * The raw request line is a stranger's input: `new URL` throws on targets such as
 * `http://[/x`, and nothing read from it may throw on the way to an answer.
 */
export function requestPath(target: string | undefined): string | null {
  try {
    return new URL(target ?? "/", "http://x").pathname;
  } catch {
    return null;
  }
}

/** `decodeURIComponent` without the URIError: null for a malformed escape such as `%E0%A4%A`. */
export function decodeComponentOrNull(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
