import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { updateMembership } from "../models/workspaces.server";
import { apiError, methodNotAllowed, notFoundError } from "../utils/api.server";
import { apiAuthorize } from "../utils/authorize.server";

/** GET: the caller's own membership (role, stakeholder group, since when). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ref = { kind: "workspace", slug: params.workspace ?? "" } as const;
  const { membership } = await apiAuthorize(request, context, ref, "read");
  return json({
    role: membership.role,
    stakeholderGroup: membership.stakeholderGroup,
    joinedAt: membership.createdAt.toISOString(),
  });
}

/** DELETE: the caller leaves the workspace (docs/api.md); afterwards it answers them 404 like any stranger. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "DELETE") return methodNotAllowed(["GET", "DELETE"]);
  const ref = { kind: "workspace", slug: params.workspace ?? "" } as const;
  const { workspace, auth } = await apiAuthorize(request, context, ref, "read");
  const result = await updateMembership(context.db, {
    workspaceId: workspace.id,
    actorId: auth.user.id,
    targetUserId: auth.user.id,
    change: { kind: "remove" },
  });
  if (!result.ok && result.reason === "not_found") throw notFoundError();
  if (!result.ok) {
    return apiError(
      409,
      "last_owner",
      "You are this workspace's last owner. Make another member an owner first; you are still a member.",
    );
  }
  // Their open plan sockets and event streams close now rather than at the next check.
  context.plans.rightsChanged();
  return new Response(null, { status: 204 });
}
