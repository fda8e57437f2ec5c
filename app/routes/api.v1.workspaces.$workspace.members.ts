import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { listMembers } from "../models/workspaces.server";
import { apiRequireWorkspace, methodNotAllowed } from "../utils/api.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workspace, permissions } = await apiRequireWorkspace(request, context, params.workspace, "read");
  const showEmail = permissions.manage_members;
  const members = await listMembers(context.db, workspace.id);
  return json({
    members: members.map((m) => ({
      userId: m.userId,
      name: m.name,
      ...(showEmail ? { email: m.email, emailVerified: m.emailVerifiedAt !== null } : {}),
      role: m.role,
      stakeholderGroup: m.stakeholderGroup,
      joinedAt: m.joinedAt.toISOString(),
    })),
  });
}

export const action = () => methodNotAllowed(["GET"]);
