/**
 * A Content-Disposition for a download (RFC 6266). Header values must be
 * ASCII-safe — Node refuses anything above U+00FF with an exception, which was
 * a 500 for a plan titled "Kế hoạch 計画" — so the name goes twice: an ASCII
 * fallback in `filename=` for old clients, and the real name percent-encoded
 * in `filename*=UTF-8''…` (RFC 5987), which browsers prefer.
 */
export function attachmentDisposition(filename: string): string {
  // Path separators, quotes and control characters have no business in a saved file's name.
  const clean = filename.replace(/[\u0000-\u001f\u007f"\\/]+/g, "").trim() || "download";
  return `attachment; filename="${asciiFallback(clean)}"; filename*=UTF-8''${encodeRfc5987(clean)}`;
}

function asciiFallback(name: string): string {
  const dot = name.lastIndexOf(".");
  const [base, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  const ascii = (s: string) =>
    s
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "") // accents off: "Kế hoạch" → "Ke hoach"
      .replace(/[^A-Za-z0-9._ ()-]+/g, "_")
      .replace(/_{2,}/g, "_");
  const fallbackBase = ascii(base).replace(/^[_ .]+|[_ ]+$/g, "") || "download";
  return fallbackBase + ascii(extension);
}

// RFC 5987 attr-char leaves out some characters encodeURIComponent keeps.
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
}
