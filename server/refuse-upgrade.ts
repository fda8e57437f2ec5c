import type { Socket } from "node:net";

const STATUS_TEXT = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  429: "Too Many Requests",
  503: "Service Unavailable",
} as const;

export type RefusalStatus = keyof typeof STATUS_TEXT;

/** Answers a WebSocket upgrade request with an HTTP error status and closes the socket. */
export function refuseUpgrade(socket: Socket, status: RefusalStatus): void {
  if (socket.destroyed) return;
  socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
