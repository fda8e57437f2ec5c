import type { LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed } from "../utils/api.server";
import { workspaceEventStream } from "../utils/event-stream.server";

/**
 * The workspace's live events (server-sent events), named by type: `data.version` first on
 * connecting and at every import; comment and poll events join it as those features land.
 */
export const loader = ({ request, context, params }: LoaderFunctionArgs) =>
  workspaceEventStream(request, context, params.workspace, (type) => type);

export const action = () => methodNotAllowed(["GET"]);
