import { describe, expect, it } from "vitest";
import { checkAccountDeletion, checkLeave, confirmsDeletion, type HeldWorkspace } from "./leaving";

const ws = (slug: string, role: HeldWorkspace["role"], ownerCount: number, memberCount: number): HeldWorkspace => ({
  slug,
  name: slug.toUpperCase(),
  role,
  ownerCount,
  memberCount,
});
const account = (workspaces: HeldWorkspace[], admin = { isInstanceAdmin: false, instanceAdminCount: 1 }) =>
  checkAccountDeletion({ workspaces, accountCount: 10, ...admin });

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
    expect(account([ws("a", "viewer", 1, 5), ws("b", "owner", 2, 3)])).toEqual({ ok: true, deletedWorkspaces: [] });
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
    });
  });

  it("not the last instance administrator while others have accounts; the very last account may go", () => {
    const lastAdmin = { isInstanceAdmin: true, instanceAdminCount: 1 };
    expect(account([], lastAdmin)).toEqual({ ok: false, reason: "last_instance_admin" });
    expect(account([], { isInstanceAdmin: true, instanceAdminCount: 2 }).ok).toBe(true);
    expect(checkAccountDeletion({ workspaces: [], accountCount: 1, ...lastAdmin }).ok).toBe(true);
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
