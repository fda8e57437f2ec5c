import type { ActionFunctionArgs } from "@remix-run/node";
import { findInvitation, revokeInvitation } from "../models/invitations.server";
import { apiError, apiRequireWorkspace, methodNotAllowed, notFoundError } from "../utils/api.server";

export const loader = () => methodNotAllowed(["DELETE"]);

/** Withdraws an invitation (a link or one sent by mail): its link stops working. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "DELETE") return methodNotAllowed(["DELETE"]);
  const { auth, workspace } = await apiRequireWorkspace(request, context, params.workspace, "manage_members");
  const invitation = await findInvitation(context.db, workspace.id, params.invitation ?? "");
  if (!invitation) return notFoundError();
  if (invitation.acceptedAt) {
    return apiError(409, "invitation_accepted", "This invitation was already accepted; remove the member instead.");
  }
  // Withdrawing twice is the same as once.
  if (!invitation.revokedAt) await revokeInvitation(context.db, workspace.id, invitation.id, auth.user.id);
  return new Response(null, { status: 204 });
}
