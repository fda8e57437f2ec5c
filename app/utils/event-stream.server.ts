import type { AppLoadContext } from "@remix-run/node";
import type { WorkspaceEvent } from "../domain/app-events";
import { latestDataVersion } from "../models/district-data.server";
import { apiRequireWorkspace } from "./api.server";
import { authorize } from "./authorize.server";
import { stillReads } from "./stream-recheck.server";

// Proxies drop connections that stay silent; a comment line every so often keeps this one open.
const KEEP_ALIVE_MS = 25_000;
// How long a stream ended for a newer one of the same reader waits before reconnecting.
const EVICTED_RETRY_MS = 60_000;

/** How a stream names its events on the wire (the old data-events path says `version`). */
export type EventNames = (type: WorkspaceEvent["type"]) => string;

/**
 * Server-sent events of one workspace for one reader: the current state first (so a
 * reconnecting reader catches up), then each event as any server process publishes it.
 * Access is re-checked before each event (one query per event for all of a workspace's
 * followers), so a removed member's stream ends.
 */
export async function workspaceEventStream(
  request: Request,
  context: AppLoadContext,
  workspaceSlug: string | undefined,
  nameOf: EventNames,
): Promise<Response> {
  const { auth, workspace, district } = await apiRequireWorkspace(request, context, workspaceSlug, "read");
  // Ended to make room for a newer stream of the same reader: told to come back much later,
  // so a reader with many tabs does not have them take each other's slot in turn.
  let evict = () => {};
  const release = context.eventStreams.acquire(auth.user.id, () => evict());
  const encoder = new TextEncoder();
  let stop = () => {};

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const end = () => {
        if (!open) return;
        open = false;
        release();
        clearInterval(keepAlive);
        unfollow();
        request.signal.removeEventListener("abort", end);
        try {
          controller.close();
        } catch {
          // already cancelled by the client
        }
      };
      const send = (text: string) => open && controller.enqueue(encoder.encode(text));
      const sendEvent = (event: WorkspaceEvent) =>
        send(`event: ${nameOf(event.type)}\ndata: ${JSON.stringify(wire(event))}\n\n`);
      // The state a reader starts from: the latest data version (null before the first import).
      const sendLatest = async () => {
        const version = await latestDataVersion(context.db, district.id);
        send(`event: ${nameOf("data.version")}\ndata: ${JSON.stringify({ version })}\n\n`);
      };

      // Events are queued while the access check runs, so their order is kept.
      let chain = Promise.resolve();
      const later = (work: () => Promise<void>) => {
        chain = chain.then(async () => {
          // Through the policy, batched with every other follower of this workspace (stream-recheck.server.ts).
          if (!(await stillReads(context.db, workspace.id, auth.user.id))) return end();
          await work().catch((err: unknown) => {
            context.logger.warn({ msg: "event stream could not send an event", err: String(err) });
            end();
          });
        });
      };
      const unfollow = context.events.follow(
        { districtId: district.id, workspaceId: workspace.id },
        {
          onEvent: (event) =>
            later(async () => {
              // A vote of another workspace of the district: only to a reader who may read it.
              if (event.type === "poll.changed" && event.workspaceId !== workspace.id) {
                const seen = await authorize(context, auth.user.id, { kind: "poll", id: event.pollId }, "read");
                if (!seen.ok) return;
              }
              sendEvent(event);
            }),
          onResync: () => later(sendLatest),
          onClose: end,
        },
      );
      const keepAlive = setInterval(() => send(": keep-alive\n\n"), KEEP_ALIVE_MS);
      stop = end;
      evict = () => {
        send(`retry: ${EVICTED_RETRY_MS}\n\n`);
        end();
      };
      request.signal.addEventListener("abort", end);
      // Every way out must call end(), or the user's stream slot is never given back.
      if (request.signal.aborted) return end();
      // After following, so an event committing in between is not missed (it may arrive twice: harmless).
      send("retry: 5000\n\n");
      try {
        await sendLatest();
      } catch (err) {
        context.logger.warn({ msg: "event stream could not read the latest data version", err: String(err) });
        end();
      }
    },
    cancel() {
      stop();
    },
  });

  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: the compression middleware must not buffer the stream.
      "Cache-Control": "private, no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}

/** What a reader receives of an event: no internal ids they have no use for. */
function wire(event: WorkspaceEvent): Record<string, unknown> {
  switch (event.type) {
    case "data.version":
      return { version: event.version };
    case "poll.changed":
      return { pollId: event.pollId };
    default:
      return { threadId: event.threadId, target: event.target, commentId: event.commentId };
  }
}
