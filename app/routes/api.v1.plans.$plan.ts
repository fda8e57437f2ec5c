import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { methodNotAllowed } from "../utils/api.server";
import { apiAuthorize } from "../utils/authorize.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const access = await apiAuthorize(request, context, { kind: "plan", id: params.plan ?? "" }, "read");
  const plan = access.plan!;
  return json({
    id: plan.id,
    title: plan.title,
    workspace: access.workspace.slug,
    archived: plan.archivedAt !== null,
    canEdit: access.may("edit"),
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
  });
}

export const action = () => methodNotAllowed(["GET"]);
