/** Limits an owner can choose for an invitation link. */
export const INVITATION_DEFAULT_DAYS = 7;
export const INVITATION_MAX_DAYS = 90;
export const INVITATION_DEFAULT_USES = 1;
export const INVITATION_MAX_USES = 500;

export type InvitationState = "valid" | "expired" | "used_up" | "revoked";

/** Why an invitation can or cannot be used right now. */
export function invitationState(
  inv: { expiresAt: Date; uses: number; maxUses: number; revokedAt: Date | null },
  now: Date,
): InvitationState {
  if (inv.revokedAt) return "revoked";
  if (inv.expiresAt.getTime() <= now.getTime()) return "expired";
  if (inv.uses >= inv.maxUses) return "used_up";
  return "valid";
}

/** What an owner sees of an invitation sent by mail. "sent" covers a mail still queued as well as delivered. */
export const mailInvitationStates = ["sent", "bounced", "failed", "accepted", "expired", "revoked"] as const;
export type MailInvitationState = (typeof mailInvitationStates)[number];

/**
 * The state of an invitation sent by mail, from the invitation and the state of its latest mail.
 * A refused or undeliverable mail outranks expiry: the owner's next step is to fix the address.
 */
export function mailInvitationState(
  inv: { expiresAt: Date; revokedAt: Date | null; acceptedAt: Date | null },
  mailState: "queued" | "sent" | "failed" | "bounced" | null,
  now: Date,
): MailInvitationState {
  if (inv.acceptedAt) return "accepted";
  if (inv.revokedAt) return "revoked";
  if (mailState === "bounced") return "bounced";
  if (mailState === "failed") return "failed";
  if (inv.expiresAt.getTime() <= now.getTime()) return "expired";
  return "sent";
}

/** States from which an owner may send the invitation again (a new link, a new expiry) or withdraw it. */
export function canResend(state: MailInvitationState): boolean {
  return state === "sent" || state === "bounced" || state === "failed" || state === "expired";
}
export const canRevoke = canResend;
