import { checkAdminChange, checkMembershipChange } from "./permissions";
import type { WorkspaceRole } from "./roles";

// Leaving a workspace and deleting an account (issue 14, decision 023). Pure rules; the
// models gather the counts under locks and act on the answer.

/** A workspace the person belongs to, as the deletion rule needs it. */
export type HeldWorkspace = {
  slug: string;
  name: string;
  role: WorkspaceRole;
  /** Owners of the workspace, the person included when they are one. */
  ownerCount: number;
  /** Members of the workspace, the person included. */
  memberCount: number;
};

/** A district the person administers, as the deletion rule needs it. */
export type HeldDistrict = {
  slug: string;
  name: string;
  /** The district's administrators, the person included. */
  adminCount: number;
  /** Everyone in the district (its own members and those of its workspaces), the person included. */
  peopleCount: number;
};

/** Whether a member may leave: anyone may, except the last owner (who hands over or deletes first). */
export function checkLeave(member: { role: WorkspaceRole; ownerCount: number }): "last_owner" | null {
  return checkMembershipChange({ kind: "leave", currentRole: member.role, ownerCount: member.ownerCount });
}

export type AccountDeletionCheck =
  | {
      ok: true;
      /** Workspaces nobody else belongs to: nobody could reach them again, so they go with the account. */
      deletedWorkspaces: { slug: string; name: string }[];
      /** Districts nobody else is in, for the same reason (with their data and workspaces). */
      deletedDistricts: { slug: string; name: string }[];
    }
  | { ok: false; reason: "last_owner"; workspaces: { slug: string; name: string }[] }
  | { ok: false; reason: "last_district_admin"; districts: { slug: string; name: string }[] }
  | { ok: false; reason: "last_instance_admin" };

/**
 * Whether an account may be deleted now. Refused while it is the last owner of a workspace
 * others still use, or the last administrator of a district others are in (they would be
 * left with nobody to manage it), or the last instance administrator while other accounts exist.
 */
export function checkAccountDeletion(input: {
  workspaces: HeldWorkspace[];
  districts: HeldDistrict[];
  isInstanceAdmin: boolean;
  instanceAdminCount: number;
  accountCount: number;
}): AccountDeletionCheck {
  const named = ({ slug, name }: { slug: string; name: string }) => ({ slug, name });
  const alone = (w: HeldWorkspace) => w.memberCount <= 1;
  const blocking = input.workspaces.filter((w) => !alone(w) && checkLeave(w) === "last_owner");
  if (blocking.length > 0) return { ok: false, reason: "last_owner", workspaces: blocking.map(named) };
  const districtAlone = (d: HeldDistrict) => d.peopleCount <= 1;
  const lastAdmin = input.districts.filter(
    (d) => !districtAlone(d) && checkAdminChange({ kind: "revoke", targetIsAdmin: true, adminCount: d.adminCount }),
  );
  if (lastAdmin.length > 0) return { ok: false, reason: "last_district_admin", districts: lastAdmin.map(named) };
  if (input.isInstanceAdmin && input.instanceAdminCount <= 1 && input.accountCount > 1) {
    return { ok: false, reason: "last_instance_admin" };
  }
  return {
    ok: true,
    deletedWorkspaces: input.workspaces.filter(alone).map(named),
    deletedDistricts: input.districts.filter(districtAlone).map(named),
  };
}

/** The word a person types to confirm deleting their account, in the page's language. */
export const DELETE_CONFIRMATION_WORDS = { en: "DELETE", es: "ELIMINAR" } as const;

/** Whether the typed word confirms: the word of either language, ignoring case and surrounding spaces. */
export function confirmsDeletion(typed: string): boolean {
  const word = typed.trim().toUpperCase();
  return Object.values(DELETE_CONFIRMATION_WORDS).some((w) => w === word);
}
