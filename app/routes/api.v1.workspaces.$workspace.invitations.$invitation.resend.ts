import { json, type ActionFunctionArgs } from "@remix-run/node";
import { MAIL_INVITATIONS_PER_DAY } from "../domain/invitation-addresses";
import { findMailInvitation, resendMailInvitation } from "../models/mail-invitations.server";
import { isPlanId as isUuid } from "../models/plans.server";
import { apiError, apiRequireWorkspace, methodNotAllowed, notFoundError } from "../utils/api.server";
import { invitationSender } from "../utils/mail-invitations.server";
import { mailUnavailable } from "../utils/mail-config.server";

export const loader = () => methodNotAllowed(["POST"]);

/** Sends an invitation by mail again, with a new link (the old one stops working) and a new expiry. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const access = await apiRequireWorkspace(request, context, params.workspace, "manage_members");
  const id = params.invitation ?? "";
  if (!isUuid(id)) return notFoundError();
  if (mailUnavailable(context)) {
    return apiError(
      503,
      "mail_not_configured",
      "This district has not configured e-mail, so invitations cannot be sent by mail.",
    );
  }
  const result = await resendMailInvitation(
    context.db,
    invitationSender(request, context, { user: access.auth.user, ...access }),
    id,
  );
  if (!result.ok) {
    if (result.reason === "not_found") return notFoundError();
    if (result.reason === "unverified") {
      return apiError(
        403,
        "email_unverified",
        "Confirm your own e-mail address first (Account → E-mail address): only people who did can invite by mail.",
      );
    }
    if (result.reason === "daily_cap") {
      return apiError(
        429,
        "daily_invitation_limit",
        `At most ${MAIL_INVITATIONS_PER_DAY} invitations can be sent by e-mail in a day. Try again later.`,
      );
    }
    return apiError(409, "invitation_not_resendable", "This invitation was already accepted or withdrawn.");
  }
  return json({ invitation: await findMailInvitation(context.db, access.workspace.id, id) });
}
