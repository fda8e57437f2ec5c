import { describe, expect, it } from "vitest";
import { decide, memberWithRole, workspacePermissions, type Decision, type Member } from "./policy";
import { workspaceRoles, type WorkspaceRole } from "./roles";

/*
 * The permission table the app enforced before the policy (PRODUCT.md's role table, and
 * app/domain/permissions.ts until issue 12), written out here so the policy is held to
 * every answer it gave: each old action, for each role, on a plan in each state.
 */
const oldTable: Record<string, Record<WorkspaceRole, boolean>> = {
  read: { owner: true, editor: true, commenter: true, viewer: true },
  edit_plan_text: { owner: true, editor: true, commenter: false, viewer: false },
  comment: { owner: true, editor: true, commenter: true, viewer: false },
  vote: { owner: true, editor: true, commenter: true, viewer: true },
  create_content: { owner: true, editor: true, commenter: false, viewer: false },
  manage_members: { owner: true, editor: false, commenter: false, viewer: false },
};

/** The policy's questions each old action stood for, given whether the plan is archived. */
const asked: Record<string, (m: Member | null, archived: boolean) => Decision[]> = {
  read: (m, archived) => [
    decide(m, "read", { kind: "workspace" }),
    decide(m, "read", { kind: "plan", archived }),
    decide(m, "read", { kind: "view" }),
  ],
  vote: (m) => [decide(m, "vote", { kind: "workspace" })],
  comment: (m) => [decide(m, "comment", { kind: "workspace" }), decide(m, "comment", { kind: "view" })],
  create_content: (m) => [
    decide(m, "create_plan", { kind: "workspace" }),
    decide(m, "create_view", { kind: "workspace" }),
  ],
  manage_members: (m, archived) => [
    decide(m, "manage_members", { kind: "workspace" }),
    // Deleting a plan borrowed manage_members: it is now the plan's own `delete`, for the same role.
    decide(m, "delete", { kind: "plan", archived }),
  ],
};

const states = [false, true] as const;
// The old table knew no "viewers may comment": a workspace that does not allow it answers the same.
const memberOf = (role: WorkspaceRole) => memberWithRole(role, false, "u1");

describe("the policy answers everything the old permission table did", () => {
  for (const role of workspaceRoles) {
    for (const archived of states) {
      const plan = archived ? "an archived plan" : "an active plan";
      for (const [action, questions] of Object.entries(asked)) {
        it(`${role} · ${action} · ${plan}`, () => {
          const want: Decision = oldTable[action]![role] ? "allowed" : "forbidden";
          expect(questions(memberOf(role), archived)).toEqual(questions(memberOf(role), archived).map(() => want));
        });
      }

      it(`${role} · edit_plan_text · ${plan}`, () => {
        const decision = decide(memberOf(role), "edit", { kind: "plan", archived });
        // The role decides first (403); an archived plan is then frozen for everyone (409).
        const want = !oldTable.edit_plan_text![role] ? "forbidden" : archived ? "conflict" : "allowed";
        expect(decision).toBe(want);
      });

      it(`${role} · archive and restore (create_content before) · ${plan}`, () => {
        const archive = decide(memberOf(role), "archive", { kind: "plan", archived });
        const restore = decide(memberOf(role), "unarchive", { kind: "plan", archived });
        if (!oldTable.create_content![role]) {
          expect([archive, restore]).toEqual(["forbidden", "forbidden"]);
        } else {
          // The action that fits the plan's state is allowed; the other one only conflicts (never 403).
          expect([archive, restore]).toEqual(archived ? ["conflict", "allowed"] : ["allowed", "conflict"]);
        }
      });
    }

    it(`${role}'s workspace rights for the UI and the API are the old table's row`, () => {
      const row = Object.fromEntries(Object.entries(oldTable).map(([action, roles]) => [action, roles[role]]));
      // Creating a vote is new since the old table: the same roles as creating any content.
      const { create_poll: createPoll, ...old } = workspacePermissions(memberOf(role));
      expect(old).toEqual(row);
      expect(createPoll).toBe(oldTable.create_content![role]);
    });
  }

  it("a non-member is refused everything as not a member (404), in every plan state", () => {
    for (const archived of states) {
      for (const questions of Object.values(asked)) {
        expect(new Set(questions(null, archived))).toEqual(new Set(["not_member"]));
      }
      for (const action of ["edit", "archive", "unarchive", "delete", "comment"] as const) {
        expect(decide(null, action, { kind: "plan", archived })).toBe("not_member");
      }
    }
    expect(Object.values(workspacePermissions(null)).every((v) => v === false)).toBe(true);
  });

  it("lets viewers comment only where the workspace allows it, which the old table could not say", () => {
    expect(workspacePermissions(memberWithRole("viewer", true)).comment).toBe(true);
    expect(workspacePermissions(memberWithRole("viewer", false)).comment).toBe(false);
  });
});
