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
