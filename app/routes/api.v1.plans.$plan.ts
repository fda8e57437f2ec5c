import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { canEditPlan } from "../domain/permissions";
import { getPlanAccess } from "../models/plans.server";
import { apiRequireUser, methodNotAllowed, notFoundError } from "../utils/api.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = await apiRequireUser(request, context);
  const access = await getPlanAccess(context.db, params.plan ?? "", user.id);
  if (!access) throw notFoundError();
  const { plan } = access;
  return json({
    id: plan.id,
    title: plan.title,
    workspace: access.workspaceSlug,
    archived: plan.archivedAt !== null,
    canEdit: canEditPlan(access.role, plan),
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
  });
}

export const action = () => methodNotAllowed(["GET"]);
