import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { findInvitation, invitationSummary, revokeInvitation } from "../models/invitations.server";
import { findMailInvitation } from "../models/mail-invitations.server";
import { apiError, apiRequireWorkspace, methodNotAllowed, notFoundError } from "../utils/api.server";

/** One invitation: a link's summary, or an invitation sent by mail with its state. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workspace } = await apiRequireWorkspace(request, context, params.workspace, "manage_members");
  const id = params.invitation ?? "";
  const mailed = await findMailInvitation(context.db, workspace.id, id);
  if (mailed) return json({ invitation: mailed });
  const link = await findInvitation(context.db, workspace.id, id);
  return link ? json({ invitation: invitationSummary(link) }) : notFoundError();
}

/** Withdraws an invitation (a link or one sent by mail): its link stops working. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "DELETE") return methodNotAllowed(["GET", "DELETE"]);
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
