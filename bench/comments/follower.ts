// A follower process for `npm run bench:comments`: opens one workspace event stream
// (GET /api/v1/workspaces/:workspace/events) per member token it is given and records, on the
// shared monotonic clock, when each `comment.created` event arrives on each stream. Driven
// over IPC by run.ts.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { sharedNow } from "../collab/protocol";

export type ToFollower =
  { type: "open"; url: string; tokens: string[]; timeoutMs: number } | { type: "results" } | { type: "close" };
export type FromFollower =
  | { type: "ready" }
  | { type: "opened"; ms: number }
  | {
      type: "results";
      /** Per stream, each arrival as [commentId, arrival time] (time on the shared clock). */
      arrivals: [string, number][];
      streamsEnded: number;
      eventLoopUtilization: number;
    }
  | { type: "closed" }
  | { type: "error"; message: string };

const send = (m: FromFollower) => process.send!(m);
const requests: http.ClientRequest[] = [];
let arrivals: [string, number][] = [];
let streamsEnded = 0;
let closing = false;
let eluStart = performance.eventLoopUtilization();

/** Opens one stream; resolves once its first event (the current data version) has arrived. */
function follow(url: string, token: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { Authorization: `Bearer ${token}`, Accept: "text/event-stream" } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`event stream answered ${res.statusCode}`));
      res.setEncoding("utf8");
      let buffer = "";
      res.on("data", (chunk: string) => {
        const now = sharedNow();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith("event: data.version")) resolve();
          if (!block.startsWith("event: comment.created")) continue;
          const data = block.slice(block.indexOf("data: ") + 6);
          arrivals.push([(JSON.parse(data) as { commentId: string }).commentId, now]);
        }
      });
      res.on("end", () => void (closing || streamsEnded++));
    });
    req.on("error", (err) => (closing ? undefined : reject(err)));
    requests.push(req);
  });
}

process.on("message", (message: ToFollower) => {
  void (async () => {
    try {
      switch (message.type) {
        case "open": {
          const started = sharedNow();
          const timeout = new Promise<never>((_, reject) =>
            setTimeout(
              () => reject(new Error(`streams did not open within ${message.timeoutMs} ms`)),
              message.timeoutMs,
            ).unref(),
          );
          await Promise.race([Promise.all(message.tokens.map((t) => follow(message.url, t))), timeout]);
          arrivals = [];
          eluStart = performance.eventLoopUtilization();
          send({ type: "opened", ms: sharedNow() - started });
          break;
        }
        case "results":
          send({
            type: "results",
            arrivals,
            streamsEnded,
            eventLoopUtilization: performance.eventLoopUtilization(eluStart).utilization,
          });
          arrivals = [];
          eluStart = performance.eventLoopUtilization();
          break;
        case "close":
          closing = true;
          for (const r of requests) r.destroy();
          process.send!({ type: "closed" } satisfies FromFollower, () => process.exit(0));
          break;
      }
    } catch (err) {
      send({ type: "error", message: err instanceof Error ? err.message : String(err) });
    }
  })();
});

send({ type: "ready" });
