import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { permissionsOf } from "../domain/permissions";
import { apiRequireWorkspace, methodNotAllowed } from "../utils/api.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workspace, district, membership } = await apiRequireWorkspace(request, context, params.workspace, "read");
  return json({
    slug: workspace.slug,
    name: workspace.name,
    description: workspace.description,
    district: { slug: district.slug, name: district.name },
    role: membership.role,
    stakeholderGroup: membership.stakeholderGroup,
    permissions: permissionsOf(membership.role),
  });
}

export const action = () => methodNotAllowed(["GET"]);
