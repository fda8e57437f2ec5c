import type { DistrictRole, StakeholderGroup, WorkspaceRole } from "./roles";

// Workspace rights (plans, views, threads, members) are decided by the policy in
// ./policy.ts; this module keeps the district and instance rules and the membership invariants.

// read_data_files: the raw data versions, which hold every small cell; members of the
// district's workspaces may read the district (its computed, suppressed figures), not those.
export const districtActions = ["read", "read_data_files", "manage"] as const;
export type DistrictAction = (typeof districtActions)[number];

/** District admins manage data and workspaces; staff can read the district. */
export function canInDistrict(role: DistrictRole | null | undefined, action: DistrictAction): boolean {
  if (!role) return false;
  return action === "read" || action === "read_data_files" || role === "admin";
}

/** Members in these groups see small cells unsuppressed (DATA-FORMAT.md). */
export function seesUnsuppressedData(group: StakeholderGroup): boolean {
  return group === "cabinet" || group === "district_staff";
}

export type MembershipChange =
  | { kind: "change_role"; targetCurrentRole: WorkspaceRole; newRole: WorkspaceRole; ownerCount: number }
  | { kind: "remove"; targetCurrentRole: WorkspaceRole; ownerCount: number }
  | { kind: "leave"; currentRole: WorkspaceRole; ownerCount: number };

export type MembershipChangeRefusal = "last_owner";

/** A workspace always keeps at least one owner: the last one cannot leave, be removed or be demoted. */
export function checkMembershipChange(change: MembershipChange): MembershipChangeRefusal | null {
  const role = change.kind === "leave" ? change.currentRole : change.targetCurrentRole;
  const losesOwner = role === "owner" && !(change.kind === "change_role" && change.newRole === "owner");
  if (losesOwner && change.ownerCount <= 1) return "last_owner";
  return null;
}

/**
 * Who may create a district on this instance (the DISTRICT_CREATION setting): only instance
 * administrators (the default), or any signed-in account.
 */
export const districtCreationSettings = ["admins", "anyone"] as const;
export type DistrictCreation = (typeof districtCreationSettings)[number];

// Actions on the instance itself, above any district.
export const instanceActions = ["create_district", "manage_instance_admins"] as const;
export type InstanceAction = (typeof instanceActions)[number];

/** Whether a signed-in account may act on the instance, given its DISTRICT_CREATION setting. */
export function canOnInstance(
  user: { isInstanceAdmin: boolean },
  action: InstanceAction,
  settings: { districtCreation: DistrictCreation },
): boolean {
  if (user.isInstanceAdmin) return true;
  return action === "create_district" && settings.districtCreation === "anyone";
}

export type AdminChange = { kind: "grant" } | { kind: "revoke"; targetIsAdmin: boolean; adminCount: number };

/**
 * An instance, and each district, always keeps at least one administrator: the last one
 * cannot lose the right (they name another first).
 */
export function checkAdminChange(change: AdminChange): "last_admin" | null {
  if (change.kind === "revoke" && change.targetIsAdmin && change.adminCount <= 1) return "last_admin";
  return null;
}
