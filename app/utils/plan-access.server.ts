import type { AppLoadContext } from "@remix-run/node";
import { can, canEditPlan, type WorkspaceAction } from "../domain/permissions";
import { getPlanAccess } from "../models/plans.server";
import { apiError, apiRequireUser, notFoundError } from "./api.server";
import { notFound, requireWorkspace } from "./guards.server";

/** A plan page's access: the workspace checks of `requireWorkspace`, and the plan must belong to that workspace. */
export async function requirePlan(
  request: Request,
  context: AppLoadContext,
  params: { workspace?: string; plan?: string },
  action: WorkspaceAction = "read"
) {
  const access = await requireWorkspace(request, context, params.workspace, action);
  const found = await getPlanAccess(context.db, params.plan ?? "", access.auth.user.id);
  // A plan of another workspace is as unknown here as a missing one.
  if (!found || found.plan.workspaceId !== access.workspace.id) throw notFound();
  return { ...access, plan: found.plan };
}

/** A plan for the API: 404 for unknown plans and non-members alike, 403 for members lacking the right. */
export async function apiRequirePlan(
  request: Request,
  context: AppLoadContext,
  planId: string | undefined,
  action: WorkspaceAction = "read"
) {
  const auth = await apiRequireUser(request, context);
  const access = await getPlanAccess(context.db, planId ?? "", auth.user.id);
  if (!access || !can(access.role, "read")) throw notFoundError();
  if (!can(access.role, action)) throw apiError(403, "forbidden", "Your role in this workspace does not allow this.");
  return { auth, ...access };
}

/** A plan whose text (and history) the caller may change: `edit_plan_text`, and 409 while the plan is archived. */
export async function apiRequireEditablePlan(request: Request, context: AppLoadContext, planId: string | undefined) {
  const access = await apiRequirePlan(request, context, planId, "edit_plan_text");
  // The role was checked above (403); what is left is the plan being archived.
  if (!canEditPlan(access.role, access.plan)) {
    throw apiError(409, "conflict", "The plan is archived: restore the plan before changing it.");
  }
  return access;
}
