import { describe, expect, it } from "vitest";
import { checkAccountDeletion, checkLeave, confirmsDeletion, type HeldDistrict, type HeldWorkspace } from "./leaving";

const ws = (slug: string, role: HeldWorkspace["role"], ownerCount: number, memberCount: number): HeldWorkspace => ({
  slug,
  name: slug.toUpperCase(),
  role,
  ownerCount,
  memberCount,
});
const district = (slug: string, adminCount: number, peopleCount: number): HeldDistrict => ({
  slug,
  name: slug.toUpperCase(),
  adminCount,
  peopleCount,
});
const account = (
  workspaces: HeldWorkspace[],
  admin = { isInstanceAdmin: false, instanceAdminCount: 1 },
  districts: HeldDistrict[] = [],
) => checkAccountDeletion({ workspaces, districts, accountCount: 10, ...admin });

describe("who may leave a workspace", () => {
  it.each([
    ["viewer", 1, null],
    ["commenter", 1, null],
    ["editor", 1, null],
    ["owner", 2, null],
    ["owner", 1, "last_owner"],
  ] as const)("a %s with %i owner(s): %s", (role, ownerCount, expected) => {
    expect(checkLeave({ role, ownerCount })).toBe(expected);
  });
});

describe("who may delete their account", () => {
  it("anyone who owns nothing alone", () => {
    expect(account([ws("a", "viewer", 1, 5), ws("b", "owner", 2, 3)])).toEqual({
      ok: true,
      deletedWorkspaces: [],
      deletedDistricts: [],
    });
  });

  it("not the last owner of a workspace others use, naming every such workspace", () => {
    expect(account([ws("a", "owner", 1, 2), ws("b", "owner", 2, 2), ws("c", "owner", 1, 9)])).toEqual({
      ok: false,
      reason: "last_owner",
      workspaces: [
        { slug: "a", name: "A" },
        { slug: "c", name: "C" },
      ],
    });
  });

  it("the only member of a workspace, which then goes with the account", () => {
    expect(account([ws("solo", "owner", 1, 1), ws("b", "editor", 1, 4)])).toEqual({
      ok: true,
      deletedWorkspaces: [{ slug: "solo", name: "SOLO" }],
      deletedDistricts: [],
    });
  });

  it("not the last administrator of a district others are in, naming every such district", () => {
    const admin = { isInstanceAdmin: false, instanceAdminCount: 1 };
    expect(account([], admin, [district("a", 1, 5), district("b", 2, 5), district("c", 1, 2)])).toEqual({
      ok: false,
      reason: "last_district_admin",
      districts: [
        { slug: "a", name: "A" },
        { slug: "c", name: "C" },
      ],
    });
    // With another administrator, or nobody else in it, the district is no reason to stay.
    expect(account([], admin, [district("b", 2, 5)])).toMatchObject({ ok: true, deletedDistricts: [] });
  });

  it("the only person in a district, which then goes with the account", () => {
    expect(account([ws("solo", "owner", 1, 1)], undefined, [district("mine", 1, 1)])).toEqual({
      ok: true,
      deletedWorkspaces: [{ slug: "solo", name: "SOLO" }],
      deletedDistricts: [{ slug: "mine", name: "MINE" }],
    });
  });

  it("names the workspaces first when both a workspace and a district would be left without anyone in charge", () => {
    expect(account([ws("a", "owner", 1, 3)], undefined, [district("d", 1, 3)])).toMatchObject({
      reason: "last_owner",
    });
  });

  it("not the last instance administrator while others have accounts; the very last account may go", () => {
    const lastAdmin = { isInstanceAdmin: true, instanceAdminCount: 1 };
    expect(account([], lastAdmin)).toEqual({ ok: false, reason: "last_instance_admin" });
    expect(account([], { isInstanceAdmin: true, instanceAdminCount: 2 }).ok).toBe(true);
    expect(checkAccountDeletion({ workspaces: [], districts: [], accountCount: 1, ...lastAdmin }).ok).toBe(true);
  });
});

describe("the confirmation word", () => {
  it.each([
    ["DELETE", true],
    ["ELIMINAR", true],
    [" delete ", true],
    ["Eliminar", true],
    ["DELET", false],
    ["", false],
    ["yes", false],
  ])("%j confirms: %s", (typed, expected) => {
    expect(confirmsDeletion(typed)).toBe(expected);
  });
});
