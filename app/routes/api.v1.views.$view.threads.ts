import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed } from "../utils/api.server";
import { apiAuthorize } from "../utils/authorize.server";
import { listChartThreads, startChartThread } from "../utils/chart-threads-api.server";

/** A saved view's threads (whole chart and per point), values as the caller may see them. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const access = await apiAuthorize(request, context, { kind: "view", id: params.view ?? "" }, "read");
  return listChartThreads(context, access, { kind: "view", view: access.view! });
}

/** Starts a thread on the view, or on one of its points. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const access = await apiAuthorize(request, context, { kind: "view", id: params.view ?? "" }, "comment");
  return startChartThread(request, context, access, { kind: "view", view: access.view! });
}
