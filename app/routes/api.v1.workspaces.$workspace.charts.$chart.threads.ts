import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed, notFoundError } from "../utils/api.server";
import { apiAuthorize } from "../utils/authorize.server";
import type { ChartAccess } from "../utils/chart-threads-api.server";
import { diagnosticTarget, listChartThreads, startChartThread } from "../utils/chart-threads-api.server";

/** A diagnostic chart ("<dimension>.<chart id>") of the workspace's district; 404 for a chart that is not there. */
async function target(context: LoaderFunctionArgs["context"], access: ChartAccess, chart: string) {
  const found = await diagnosticTarget(context, access, chart);
  if (!found) throw notFoundError();
  return found;
}

/** A diagnostic chart's threads (whole chart and per point), values as the caller may see them. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const access = await apiAuthorize(request, context, { kind: "workspace", slug: params.workspace ?? "" }, "read");
  return listChartThreads(context, access, await target(context, access, params.chart ?? ""));
}

/** Starts a thread on the chart, or on one of its points. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const access = await apiAuthorize(request, context, { kind: "workspace", slug: params.workspace ?? "" }, "comment");
  return startChartThread(request, context, access, await target(context, access, params.chart ?? ""));
}
