import http from "node:http";

export type UploadResult = { status: number | "reset"; ms: number };

/**
 * One oversized upload over its own connection: `total` bytes written in 64 KB
 * pieces, announced by Content-Length or sent chunked, stopping as soon as the
 * server answers (what browsers, curl and undici do).
 */
export function upload(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  total: number,
  mode: "announced" | "chunked",
  prefix = "",
): Promise<UploadResult> {
  const url = new URL(baseUrl);
  const started = performance.now();
  return new Promise((resolve) => {
    let answered = false;
    const done = (status: number | "reset") => resolve({ status, ms: performance.now() - started });
    const req = http.request({
      host: url.hostname,
      port: url.port,
      method: "POST",
      path,
      agent: false,
      headers: mode === "announced" ? { ...headers, "Content-Length": String(total) } : headers,
    });
    req.on("response", (res) => {
      answered = true;
      res.resume();
      res.on("end", () => (done(res.statusCode!), req.destroy()));
      res.on("error", () => {});
    });
    req.on("error", () => {
      if (!answered) done("reset");
    });
    const piece = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    if (prefix) {
      req.write(prefix);
      sent += Buffer.byteLength(prefix);
    }
    const more = () => {
      while (!answered && sent < total) {
        const size = Math.min(piece.length, total - sent);
        sent += size;
        if (!req.write(size === piece.length ? piece : piece.subarray(0, size))) return void req.once("drain", more);
      }
      if (!answered) req.end();
    };
    more();
  });
}
