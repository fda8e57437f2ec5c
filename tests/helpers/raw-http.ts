import http from "node:http";

export type RawResponse = {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Body bytes written by the time the response's head arrived. */
  sentBeforeAnswer: number;
};

export type RawRequest = {
  method?: string;
  path: string;
  headers?: Record<string, string | string[]>;
  /** Sent as is; with `stream` instead, chunks are written one at a time until the answer arrives. */
  body?: string | Uint8Array;
  /** A body of `stream.total` bytes in `stream.chunk`-byte pieces (chunked unless a Content-Length is given). */
  stream?: { total: number; chunk: number };
};

/**
 * One request over node:http with exactly the headers given (no cookie jar, no
 * Origin added), for inputs fetch would refuse to send. A streamed body stops
 * as soon as the server answers, so a test can tell that the server answered
 * before reading everything.
 */
export function rawRequest(baseUrl: string, options: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    let sentBeforeAnswer = 0;
    const req = http.request({
      host: url.hostname,
      port: url.port,
      method: options.method ?? "GET",
      path: options.path,
      headers: options.headers,
      // A refused upload may end with the server closing the connection: keep no socket around.
      agent: false,
    });
    req.on("response", (res) => {
      answered = true;
      sentBeforeAnswer = sent;
      const chunks: Buffer[] = [];
      res.on("data", (d: Buffer) => chunks.push(d));
      res.on("end", () => {
        resolve({
          status: res.statusCode!,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          sentBeforeAnswer,
        });
        req.destroy();
      });
      res.on("error", reject);
    });
    // Writing after the server closed gives EPIPE/ECONNRESET; only an error before any answer is a failure.
    req.on("error", (err) => {
      if (!answered) reject(err);
    });
    if (options.stream) {
      const { total, chunk } = options.stream;
      const piece = new Uint8Array(chunk).fill(0x61);
      const writeMore = () => {
        while (!answered && sent < total) {
          const size = Math.min(chunk, total - sent);
          sent += size;
          if (!req.write(size === chunk ? piece : piece.subarray(0, size))) return void req.once("drain", writeMore);
        }
        if (!answered) req.end();
      };
      writeMore();
    } else {
      if (options.body !== undefined) {
        sent = typeof options.body === "string" ? Buffer.byteLength(options.body) : options.body.byteLength;
        req.write(options.body);
      }
      req.end();
    }
  });
}
