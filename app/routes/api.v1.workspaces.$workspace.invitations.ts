import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { invitationSchema } from "../domain/validation";
import { createInvitation, invitationSummary, listActiveInvitations } from "../models/invitations.server";
import { apiRequireWorkspace, methodNotAllowed, readJson } from "../utils/api.server";
import { translateFields } from "../utils/api-messages.server";
import { invitationUrl } from "../utils/urls.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workspace } = await apiRequireWorkspace(request, context, params.workspace, "manage_members");
  const rows = await listActiveInvitations(context.db, workspace.id);
  return json({
    invitations: rows.map(invitationSummary),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const { auth, workspace } = await apiRequireWorkspace(request, context, params.workspace, "manage_members");
  const body = await translateFields(readJson(request, invitationSchema));
  const { token, invitation } = await createInvitation(context.db, {
    workspaceId: workspace.id,
    createdBy: auth.user.id,
    ...body,
  });
  return json(
    {
      url: invitationUrl(request, context, token),
      expiresAt: invitation.expiresAt.toISOString(),
      maxUses: invitation.maxUses,
    },
    { status: 201 },
  );
}
