import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { workspaceSchema } from "../domain/validation";
import { createWorkspace, listDistrictWorkspaces } from "../models/workspaces.server";
import { apiRequireDistrict, methodNotAllowed, readJson } from "../utils/api.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, district, may } = await apiRequireDistrict(request, context, params.district, "read");
  const rows = await listDistrictWorkspaces(context.db, district, auth.user.id, may("manage"));
  return json({
    workspaces: rows.map((r) => ({
      slug: r.workspace.slug,
      name: r.workspace.name,
      description: r.workspace.description,
      role: r.role,
      stakeholderGroup: r.stakeholderGroup,
    })),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const { auth, district } = await apiRequireDistrict(request, context, params.district, "manage");
  const body = await readJson(request, workspaceSchema);
  const workspace = await createWorkspace(context.db, {
    districtId: district.id,
    userId: auth.user.id,
    name: body.name,
    description: body.description,
  });
  return json({ slug: workspace.slug, name: workspace.name }, { status: 201 });
}
