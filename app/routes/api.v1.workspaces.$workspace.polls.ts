import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { newPollSchema, pollProblems } from "../domain/poll-validation";
import { createPoll, districtPollsOf, listPolls } from "../models/polls.server";
import { apiError, apiRequireWorkspace, methodNotAllowed, readJson } from "../utils/api.server";
import { translateMessages } from "../utils/api-messages.server";
import { pollJson, referenceProblems, withOptions } from "../utils/polls-api.server";

/**
 * The workspace's polls; `?scope=district` lists instead the votes past draft in every
 * workspace of this district the caller belongs to (what a plan here can embed).
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workspace, district, auth, may } = await apiRequireWorkspace(request, context, params.workspace, "read");
  const scope = new URL(request.url).searchParams.get("scope");
  if (scope !== null && scope !== "workspace" && scope !== "district")
    return apiError(400, "bad_request", "scope must be workspace or district.");
  if (scope === "district") {
    const rows = await districtPollsOf(context.db, auth.user.id, district.id);
    return json({ polls: rows.map((r) => ({ ...pollJson(r.poll), workspaceName: r.workspaceName })) });
  }
  const polls = await listPolls(context.db, workspace.id, { drafts: may("create_poll") });
  return json({ polls: polls.map((p) => pollJson(p)) });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const { auth, workspace, district } = await apiRequireWorkspace(request, context, params.workspace, "create_poll");
  const body = await readJson(request, newPollSchema);
  const problems = { ...pollProblems(body), ...(await referenceProblems(context, body, workspace.id, district.id)) };
  if (Object.keys(problems).length)
    return apiError(422, "validation_failed", "Some fields are not valid.", { fields: translateMessages(problems) });
  const poll = await createPoll(context.db, { ...body, workspaceId: workspace.id, createdBy: auth.user.id });
  return json(withOptions(poll), { status: 201 });
}
