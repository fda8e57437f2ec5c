import { json, type ActionFunctionArgs } from "@remix-run/node";
import { getVersion, restoreVersion } from "../models/plan-versions.server";
import { methodNotAllowed, notFoundError } from "../utils/api.server";
import { apiRequireEditablePlan } from "../utils/plan-access.server";

export const loader = () => methodNotAllowed(["POST"]);

/** Restores a version as a new change that every connected collaborator receives. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const { auth, plan } = await apiRequireEditablePlan(request, context, params.plan);
  const version = await getVersion(context.db, plan.id, params.version ?? "");
  if (!version) throw notFoundError();
  await restoreVersion(context.db, context.plans, { planId: plan.id, version, userId: auth.user.id });
  return json({ restored: version.id });
}
