import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import type { Workspace } from "../../db/schema";
import type { WorkspacePermissions } from "../domain/policy";
import { workspaceSettingsSchema } from "../domain/validation";
import { updateWorkspaceSettings } from "../models/workspaces.server";
import { apiRequireWorkspace, methodNotAllowed, readJson } from "../utils/api.server";
import { apiAuthorize, rolePermissions } from "../utils/authorize.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workspace, district, membership, permissions } = await apiRequireWorkspace(
    request,
    context,
    params.workspace,
    "read",
  );
  return json(present(workspace, district, membership, permissions));
}

/** PATCH `{ viewersMayComment }` (owners): the workspace's settings. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "PATCH") return methodNotAllowed(["GET", "PATCH"]);
  const ref = { kind: "workspace", slug: params.workspace ?? "" } as const;
  const { workspace, district, membership, auth } = await apiAuthorize(request, context, ref, "manage_settings");
  const settings = await readJson(request, workspaceSettingsSchema);
  const updated = await updateWorkspaceSettings(context.db, workspace.id, settings, auth.user.id);
  // Who may comment changed: open plans re-check their connections.
  context.plans.rightsChanged();
  return json(present(updated, district, membership, rolePermissions(membership.role, updated)));
}

function present(
  workspace: Workspace,
  district: { slug: string; name: string },
  membership: { role: string; stakeholderGroup: string },
  permissions: WorkspacePermissions,
) {
  return {
    slug: workspace.slug,
    name: workspace.name,
    description: workspace.description,
    viewersMayComment: workspace.viewersMayComment,
    district: { slug: district.slug, name: district.name },
    role: membership.role,
    stakeholderGroup: membership.stakeholderGroup,
    permissions,
  };
}
