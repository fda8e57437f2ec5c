import type { LoaderFunctionArgs } from "@remix-run/node";
import { latestDataVersion } from "../models/district-data.server";
import { authorizeWorkspace } from "../utils/access.server";
import { apiRequireWorkspace, methodNotAllowed } from "../utils/api.server";

// Proxies drop connections that stay silent; a comment line every so often keeps this one open.
const KEEP_ALIVE_MS = 25_000;

/**
 * Server-sent events: the latest data version of the workspace's district, first on
 * connecting (so a reconnecting reader catches up) and then at every import. Open
 * plans refetch their data views when it changes. Access is re-checked before each
 * event, so a removed member's stream ends.
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, workspace, district } = await apiRequireWorkspace(request, context, params.workspace, "read");
  const encoder = new TextEncoder();
  let stop = () => {};

  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const end = () => {
        if (!open) return;
        open = false;
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
      const sendVersion = (version: number | null) =>
        send(`event: version\ndata: ${JSON.stringify({ version })}\n\n`);

      // Events are queued while the access check runs, so their order is kept.
      let chain = Promise.resolve();
      const unfollow = context.dataVersions.follow(district.id, {
        onVersion(version) {
          chain = chain.then(async () => {
            const still = await authorizeWorkspace(context, workspace.slug, auth.user.id, "read").catch(() => null);
            if (still?.ok) sendVersion(version);
            else end();
          });
        },
        onClose: end,
      });
      const keepAlive = setInterval(() => send(": keep-alive\n\n"), KEEP_ALIVE_MS);
      stop = end;
      request.signal.addEventListener("abort", end);
      // After following, so an import committing in between is not missed (it may arrive twice: harmless).
      send("retry: 5000\n\n");
      sendVersion(await latestDataVersion(context.db, district.id));
    },
    cancel() {
      stop();
    },
  });

  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: the compression middleware must not buffer the stream.
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}

export const action = () => methodNotAllowed(["GET"]);
