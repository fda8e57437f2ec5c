import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { planSchema } from "../domain/validation";
import { getLocale } from "../i18n/locale.server";
import { createPlan, listPlans } from "../models/plans.server";
import { apiRequireWorkspace, methodNotAllowed, readJson } from "../utils/api.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workspace } = await apiRequireWorkspace(request, context, params.workspace, "read");
  const rows = await listPlans(context.db, workspace.id);
  return json({ plans: rows.map((p) => ({ id: p.id, title: p.title, updatedAt: p.updatedAt.toISOString() })) });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const { auth, workspace } = await apiRequireWorkspace(request, context, params.workspace, "create_plan");
  const body = await readJson(request, planSchema);
  const plan = await createPlan(context.db, {
    workspaceId: workspace.id,
    title: body.title,
    template: body.template,
    locale: getLocale(request),
    createdBy: auth.user.id,
  });
  return json({ id: plan.id, title: plan.title, updatedAt: plan.updatedAt.toISOString() }, { status: 201 });
}
