import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { MAIL_INVITATIONS_PER_DAY, MAX_INVITATION_ADDRESSES, checkAddresses } from "../domain/invitation-addresses";
import { invitationSchema, mailInvitationSchema } from "../domain/validation";
import { createInvitation, invitationSummary, listActiveInvitations } from "../models/invitations.server";
import { listMailInvitations } from "../models/mail-invitations.server";
import { z } from "zod";
import { apiError, apiRequireWorkspace, methodNotAllowed, parseBody, readJson } from "../utils/api.server";
import { invitationSender, inviteByMail } from "../utils/mail-invitations.server";
import { invitationUrl } from "../utils/urls.server";
import { mailUnavailable } from "../utils/mail-config.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workspace } = await apiRequireWorkspace(request, context, params.workspace, "manage_members");
  const [links, mailed] = await Promise.all([
    listActiveInvitations(context.db, workspace.id),
    listMailInvitations(context.db, workspace.id),
  ]);
  return json({ invitations: links.map(invitationSummary), mailInvitations: mailed });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const access = await apiRequireWorkspace(request, context, params.workspace, "manage_members");
  const raw = await readJson(request, z.unknown());
  // A body with `emails` invites those people by mail; without it, this creates a link as before.
  if (raw !== null && typeof raw === "object" && "emails" in raw) return inviteByMailApi(request, context, access, raw);
  const body = parseBody(raw, invitationSchema);
  const { token, invitation } = await createInvitation(context.db, {
    workspaceId: access.workspace.id,
    createdBy: access.auth.user.id,
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

const UNVERIFIED_INVITER =
  "Confirm your own e-mail address first (Account → E-mail address): only people who did can invite by mail. Nothing was sent.";

async function inviteByMailApi(
  request: Request,
  context: ActionFunctionArgs["context"],
  access: Awaited<ReturnType<typeof apiRequireWorkspace>>,
  raw: unknown,
) {
  if (mailUnavailable(context)) {
    return apiError(
      503,
      "mail_not_configured",
      "This district has not configured e-mail, so invitations cannot be sent by mail. Invitation links still work.",
    );
  }
  const body = parseBody(raw, mailInvitationSchema);
  const sender = invitationSender(request, context, { user: access.auth.user, ...access });
  const outcome = await inviteByMail(context, sender, checkAddresses(body.emails), body);
  switch (outcome.kind) {
    case "too_many":
      return apiError(
        422,
        "too_many_addresses",
        `${outcome.count} addresses given; at most ${MAX_INVITATION_ADDRESSES} can be invited at once. Nothing was sent.`,
      );
    case "invalid":
      return apiError(422, "invalid_addresses", "Some addresses are not valid. Nothing was sent.", {
        invalid: outcome.invalid,
      });
    case "none":
      return apiError(422, "validation_failed", "Some fields are not valid.", {
        fields: { emails: "Give at least one e-mail address." },
      });
    case "unverified":
      return apiError(403, "email_unverified", UNVERIFIED_INVITER);
    case "daily_cap":
      return apiError(
        429,
        "daily_invitation_limit",
        `At most ${MAIL_INVITATIONS_PER_DAY} invitations can be sent by e-mail in a day; ${outcome.left} are left for now. Nothing was sent.`,
        { left: outcome.left },
      );
    case "sent": {
      const ids = new Set(outcome.created.map((c) => c.id));
      const created = (await listMailInvitations(context.db, access.workspace.id)).filter((i) => ids.has(i.id));
      return json({ invitations: created, skipped: outcome.skipped }, { status: outcome.created.length ? 201 : 200 });
    }
  }
}
