/** Roles a workspace membership can hold, most powerful first. */
export const workspaceRoles = ["owner", "editor", "commenter", "viewer"] as const;
export type WorkspaceRole = (typeof workspaceRoles)[number];

/** Stakeholder groups from the product brief; they decide data suppression and result breakdowns. */
export const stakeholderGroups = [
  "cabinet",
  "district_staff",
  "educator",
  "coalition",
  "family",
  "student",
  "community",
] as const;
export type StakeholderGroup = (typeof stakeholderGroups)[number];

/** Roles a person can hold in a district (organization). */
export const districtRoles = ["admin", "staff"] as const;
export type DistrictRole = (typeof districtRoles)[number];
