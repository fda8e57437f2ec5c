import type { LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed } from "../utils/api.server";
import { workspaceEventStream } from "../utils/event-stream.server";

/**
 * The first event stream, kept for clients that still follow it: the data version as
 * `version` events. New clients use `/api/v1/workspaces/:workspace/events`.
 */
export const loader = ({ request, context, params }: LoaderFunctionArgs) =>
  workspaceEventStream(request, context, params.workspace, (type) => (type === "data.version" ? "version" : type));

export const action = () => methodNotAllowed(["GET"]);
