import type { AppLoadContext } from "@remix-run/node";
import type { Actions } from "../domain/policy";
import { apiAuthorize, authorize, type Authorized } from "./authorize.server";
import { forbidden, notFound, requireUser } from "./guards.server";

type PlanRef = { kind: "plan"; id: string };

/**
 * A plan page's access, through the one `authorize`: 404 for non-members and for a plan
 * of another workspace, 403 for a member whose role lacks the right. A plan in the wrong
 * state for `action` (archived) is no error here: the page answers it in its own words,
 * after checking the form, so `conflict` says so.
 */
export async function requirePlan(
  request: Request,
  context: AppLoadContext,
  params: { workspace?: string; plan?: string },
  action: Actions["plan"] = "read",
): Promise<Authorized<PlanRef> & { plan: NonNullable<Authorized["plan"]>; conflict: boolean }> {
  const auth = await requireUser(request, context);
  const outcome = await authorize(context, auth.user.id, { kind: "plan", id: params.plan ?? "" }, action);
  const access = outcome.ok ? outcome.access : outcome.status === 409 ? outcome.access : undefined;
  if (!access) throw outcome.ok || outcome.status === 404 ? notFound() : forbidden();
  // A plan of another workspace is as unknown here as a missing one.
  if (access.workspace.slug !== params.workspace) throw notFound();
  return { ...access, auth, plan: access.plan!, conflict: !outcome.ok };
}

/** A plan for the API: 404 for unknown plans and non-members alike, 403 for members lacking the right. */
export async function apiRequirePlan(
  request: Request,
  context: AppLoadContext,
  planId: string | undefined,
  action: Actions["plan"] = "read",
  options: { conflict?: string } = {},
) {
  const access = await apiAuthorize(request, context, { kind: "plan", id: planId ?? "" }, action, options);
  return { ...access, plan: access.plan! };
}

/** A plan whose text (and history) the caller may change: editors and owners, and 409 while the plan is archived. */
export function apiRequireEditablePlan(request: Request, context: AppLoadContext, planId: string | undefined) {
  return apiRequirePlan(request, context, planId, "edit", {
    conflict: "The plan is archived: restore the plan before changing it.",
  });
}
