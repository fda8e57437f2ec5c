import { describe, expect, it } from "vitest";
import {
  canInDistrict,
  canOnInstance,
  checkAdminChange,
  checkMembershipChange,
  seesUnsuppressedData,
} from "./permissions";
import { stakeholderGroups } from "./roles";

describe("district permissions", () => {
  it("lets admins manage and staff only read", () => {
    expect(canInDistrict("admin", "manage")).toBe(true);
    expect(canInDistrict("admin", "read")).toBe(true);
    expect(canInDistrict("staff", "read")).toBe(true);
    expect(canInDistrict("staff", "manage")).toBe(false);
    expect(canInDistrict("staff", "read_data_files")).toBe(true);
    expect(canInDistrict(null, "read_data_files")).toBe(false);
    expect(canInDistrict(null, "read")).toBe(false);
  });
});

describe("suppression by stakeholder group", () => {
  it("shows unsuppressed data only to cabinet and district staff", () => {
    const unsuppressed = stakeholderGroups.filter(seesUnsuppressedData);
    expect(unsuppressed).toEqual(["cabinet", "district_staff"]);
  });
});

describe("the last owner rule", () => {
  it("refuses to let the last owner leave, be removed or be demoted", () => {
    expect(checkMembershipChange({ kind: "leave", currentRole: "owner", ownerCount: 1 })).toBe("last_owner");
    expect(checkMembershipChange({ kind: "remove", targetCurrentRole: "owner", ownerCount: 1 })).toBe("last_owner");
    expect(
      checkMembershipChange({ kind: "change_role", targetCurrentRole: "owner", newRole: "editor", ownerCount: 1 }),
    ).toBe("last_owner");
  });

  it("allows the same changes when another owner remains, and any change to non-owners", () => {
    expect(checkMembershipChange({ kind: "leave", currentRole: "owner", ownerCount: 2 })).toBeNull();
    expect(
      checkMembershipChange({ kind: "change_role", targetCurrentRole: "owner", newRole: "viewer", ownerCount: 2 }),
    ).toBeNull();
    expect(
      checkMembershipChange({ kind: "change_role", targetCurrentRole: "owner", newRole: "owner", ownerCount: 1 }),
    ).toBeNull();
    expect(checkMembershipChange({ kind: "leave", currentRole: "viewer", ownerCount: 1 })).toBeNull();
  });
});

describe("instance permissions", () => {
  const admin = { isInstanceAdmin: true };
  const account = { isInstanceAdmin: false };

  it("lets only instance administrators create districts by default (DISTRICT_CREATION=admins)", () => {
    expect(canOnInstance(admin, "create_district", { districtCreation: "admins" })).toBe(true);
    expect(canOnInstance(account, "create_district", { districtCreation: "admins" })).toBe(false);
  });

  it("lets any signed-in account create districts with DISTRICT_CREATION=anyone", () => {
    expect(canOnInstance(account, "create_district", { districtCreation: "anyone" })).toBe(true);
    expect(canOnInstance(admin, "create_district", { districtCreation: "anyone" })).toBe(true);
  });

  it("lets only instance administrators manage administrators, whatever the setting", () => {
    for (const districtCreation of ["admins", "anyone"] as const) {
      expect(canOnInstance(admin, "manage_instance_admins", { districtCreation })).toBe(true);
      expect(canOnInstance(account, "manage_instance_admins", { districtCreation })).toBe(false);
    }
  });

  it("never takes the right from the last administrator", () => {
    expect(checkAdminChange({ kind: "revoke", targetIsAdmin: true, adminCount: 1 })).toBe("last_admin");
    expect(checkAdminChange({ kind: "revoke", targetIsAdmin: true, adminCount: 2 })).toBeNull();
    // Revoking someone who is not an administrator changes nothing, so it is never the last one.
    expect(checkAdminChange({ kind: "revoke", targetIsAdmin: false, adminCount: 1 })).toBeNull();
    expect(checkAdminChange({ kind: "grant" })).toBeNull();
  });
});
