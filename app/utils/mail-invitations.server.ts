import type { AppLoadContext } from "@remix-run/node";
import type { District, User, Workspace } from "../../db/schema";
import type { ParsedAddresses, AddressProblem } from "../domain/invitation-addresses";
import type { StakeholderGroup, WorkspaceRole } from "../domain/roles";
import type { Locale } from "../i18n/locales";
import { createMailInvitations, type InvitationSender } from "../models/mail-invitations.server";
import { invitationUrl } from "./urls.server";

/** The inviting owner and workspace, as the invitation mails name them. */
export function invitationSender(
  request: Request,
  context: AppLoadContext,
  access: { user: User; workspace: Workspace; district: District },
): InvitationSender {
  return {
    workspaceId: access.workspace.id,
    actorId: access.user.id,
    inviterName: access.user.name,
    inviterVerified: access.user.emailVerifiedAt !== null,
    workspaceName: access.workspace.name,
    districtName: access.district.name,
    inviteUrl: (token) => invitationUrl(request, context, token),
  };
}

export type InviteByMailOutcome =
  | { kind: "none" }
  | { kind: "too_many"; count: number }
  | { kind: "invalid"; invalid: AddressProblem[] }
  | { kind: "daily_cap"; left: number }
  | { kind: "unverified" }
  | {
      kind: "sent";
      created: { id: string; email: string }[];
      skipped: { email: string; reason: "member" | "pending" }[];
    };

/**
 * The page's and the API's way to invite by mail: a list that is too long, empty or holds an
 * invalid address changes nothing; otherwise every address is invited or skipped, together.
 */
export async function inviteByMail(
  context: AppLoadContext,
  sender: InvitationSender,
  parsed: ParsedAddresses,
  options: { role: WorkspaceRole; stakeholderGroup: StakeholderGroup; locale: Locale; expiresInDays: number },
): Promise<InviteByMailOutcome> {
  if (parsed.tooMany) return { kind: "too_many", count: parsed.count };
  if (parsed.invalid.length) return { kind: "invalid", invalid: parsed.invalid };
  if (parsed.addresses.length === 0) return { kind: "none" };
  const result = await createMailInvitations(context.db, sender, { ...options, emails: parsed.addresses });
  if (!result.ok)
    return result.reason === "unverified" ? { kind: "unverified" } : { kind: "daily_cap", left: result.left };
  return { kind: "sent", created: result.created, skipped: result.skipped };
}
