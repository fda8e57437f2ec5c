import { json, type ActionFunctionArgs } from "@remix-run/node";
import { acceptInvitation } from "../models/invitations.server";
import { apiError, apiRequireUser, methodNotAllowed } from "../utils/api.server";

const reasons = {
  not_found: [404, "not_found", "This invitation link is not valid."],
  expired: [410, "invitation_expired", "This invitation has expired. Ask the workspace owner for a new link."],
  used_up: [410, "invitation_used_up", "This invitation has been used as many times as allowed."],
  revoked: [410, "invitation_revoked", "This invitation was withdrawn by the workspace owner."],
} as const;

export const loader = () => methodNotAllowed(["POST"]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const { user } = await apiRequireUser(request, context);
  const result = await acceptInvitation(context.db, params.token ?? "", user.id);
  if (!result.ok && result.reason === "wrong_account") {
    return apiError(
      403,
      "invitation_wrong_account",
      `This invitation was sent to ${result.sentTo}; accept it with the account that uses that address.`,
    );
  }
  if (!result.ok) {
    const [status, code, message] = reasons[result.reason];
    return apiError(status, code, message);
  }
  return json({
    workspace: { slug: result.workspace.slug, name: result.workspace.name },
    alreadyMember: result.alreadyMember,
  });
}
