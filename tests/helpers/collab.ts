import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

/** A `ws` WebSocket class that sends fixed headers (cookie or bearer token, and Origin) like a browser would. */
export function socketWith(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
}

export type Peer = { doc: Y.Doc; provider: WebsocketProvider; text: Y.Text; destroy(): void };

/** A real y-websocket client on its own Y.Doc, with BroadcastChannel off so only the server connects peers. */
export function connectPeer(baseUrl: string, planId: string, headers: Record<string, string>): Peer {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(baseUrl.replace(/^http/, "ws") + "/collab", planId, doc, {
    WebSocketPolyfill: socketWith({ Origin: baseUrl, ...headers }) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
  });
  return {
    doc,
    provider,
    text: doc.getText("content"),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Polls until the condition holds (or fails after the timeout with the last value seen). */
export async function waitFor<T>(check: () => T | Promise<T>, timeoutMs = 10_000, what = "condition"): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
      last = value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`Timed out waiting for ${what}; last: ${String(last)}`);
}

export const synced = (peer: Peer) => waitFor(() => peer.provider.synced, 10_000, "sync");

/** Opens a raw socket and reports how the server answered the upgrade. */
export function tryUpgrade(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; socket?: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on("unexpected-response", (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.on("open", () => resolve({ status: 101, socket: ws }));
    ws.on("error", () => resolve({ status: 0 }));
  });
}
