import net from "node:net";
import WebSocket from "ws";

/**
 * Sends raw bytes as an HTTP request over TCP and resolves with the status line of the
 * answer ("HTTP/1.1 404 Not Found"), or "" when the server closed without answering.
 */
export function rawStatusLine(port: number, request: string | Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let received = "";
    const done = () => {
      socket.destroy();
      resolve(received.split("\r\n")[0] ?? "");
    };
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      if (received.includes("\r\n")) done();
    });
    socket.on("end", done);
    socket.on("close", done);
    // A reset after the server answered and closed is not a failure of the server.
    socket.on("error", (err: NodeJS.ErrnoException) => (err.code === "ECONNRESET" ? done() : reject(err)));
    socket.write(request);
  });
}

/** The header lines of a WebSocket upgrade request. */
export function upgradeHeaders(host: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    Host: host,
    Connection: "Upgrade",
    Upgrade: "websocket",
    "Sec-WebSocket-Version": "13",
    "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
    ...extra,
  };
}

/** A raw request text: request line, headers, blank line. */
export function requestText(target: string, headers: Record<string, string>, method = "GET"): string {
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
  return [`${method} ${target} HTTP/1.1`, ...lines, "", ""].join("\r\n");
}

/** Resolves with the close code once the server closes the socket. */
export function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    if (ws.readyState === WebSocket.CLOSED) return resolve(1006);
    ws.once("close", (code) => resolve(code));
  });
}
