import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { versionSchema } from "../domain/validation";
import { listVersions, saveVersion, type VersionSummary } from "../models/plan-versions.server";
import { methodNotAllowed, readJson } from "../utils/api.server";
import { apiRequireEditablePlan, apiRequirePlan } from "../utils/plan-access.server";

const present = (v: VersionSummary) => ({
  id: v.id,
  kind: v.kind,
  name: v.name,
  createdAt: v.createdAt.toISOString(),
  createdBy: v.createdByName,
});

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { plan } = await apiRequirePlan(request, context, params.plan);
  return json({ versions: (await listVersions(context.db, plan.id)).map(present) });
}

/** Saves the plan's current text as a named version. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const { auth, plan } = await apiRequireEditablePlan(request, context, params.plan);
  const body = await readJson(request, versionSchema);
  const version = await saveVersion(context.db, {
    planId: plan.id,
    kind: "named",
    name: body.name,
    createdBy: auth.user.id,
  });
  return json(present({ ...version, createdByName: auth.user.name }), { status: 201 });
}
