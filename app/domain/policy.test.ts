import { describe, expect, it } from "vitest";
import type { PollState } from "./polls";
import type { StakeholderGroup, WorkspaceRole } from "./roles";
import { can, decide, decideCodeBallot, type Member } from "./policy";

const member = (role: WorkspaceRole, viewersMayComment = false, userId = `u-${role}`): Member => ({
  userId,
  role,
  viewersMayComment,
});
const roles: WorkspaceRole[] = ["owner", "editor", "commenter", "viewer"];
const who = (ok: (role: WorkspaceRole) => boolean) => roles.filter(ok);
const allowedRoles = (check: (m: Member) => boolean, viewersMayComment = false) =>
  who((role) => check(member(role, viewersMayComment)));

describe("policy", () => {
  it("tells a non-member nothing, whatever the resource", () => {
    expect(decide(null, "read", { kind: "workspace" })).toBe("not_member");
    expect(decide(null, "read", { kind: "plan", archived: false })).toBe("not_member");
    expect(decide(null, "hide", { kind: "comment", authorId: "x", state: "visible", targetArchived: false })).toBe(
      "not_member",
    );
  });

  it("follows PRODUCT.md's role table for the workspace", () => {
    expect(allowedRoles((m) => can(m, "read", { kind: "workspace" }))).toEqual(roles);
    expect(allowedRoles((m) => can(m, "vote", { kind: "workspace" }))).toEqual(roles);
    expect(allowedRoles((m) => can(m, "create_plan", { kind: "workspace" }))).toEqual(["owner", "editor"]);
    expect(allowedRoles((m) => can(m, "manage_members", { kind: "workspace" }))).toEqual(["owner"]);
    expect(allowedRoles((m) => can(m, "manage_settings", { kind: "workspace" }))).toEqual(["owner"]);
    expect(allowedRoles((m) => can(m, "comment", { kind: "workspace" }))).toEqual(["owner", "editor", "commenter"]);
  });

  it("lets viewers comment only where the workspace allows it", () => {
    const plan = { kind: "plan", archived: false } as const;
    expect(allowedRoles((m) => can(m, "comment", plan))).toEqual(["owner", "editor", "commenter"]);
    expect(allowedRoles((m) => can(m, "comment", plan), true)).toEqual(roles);
    expect(allowedRoles((m) => can(m, "comment", { kind: "view" }), true)).toEqual(roles);
  });

  it("freezes an archived plan: editing and commenting are a conflict, not a role problem", () => {
    const archived = { kind: "plan", archived: true } as const;
    expect(decide(member("editor"), "edit", archived)).toBe("conflict");
    expect(decide(member("commenter"), "edit", archived)).toBe("forbidden");
    expect(decide(member("commenter"), "comment", archived)).toBe("conflict");
    expect(decide(member("owner"), "unarchive", archived)).toBe("allowed");
    expect(decide(member("owner"), "archive", archived)).toBe("conflict");
    expect(allowedRoles((m) => can(m, "delete", { kind: "plan", archived: false }))).toEqual(["owner"]);
  });

  it("lets anyone who may comment resolve an open thread and reopen a resolved one, and reply only while open", () => {
    const open = { kind: "thread", resolved: false, targetArchived: false } as const;
    const resolved = { ...open, resolved: true } as const;
    expect(allowedRoles((m) => can(m, "resolve", open))).toEqual(["owner", "editor", "commenter"]);
    expect(decide(member("commenter"), "resolve", resolved)).toBe("conflict");
    expect(decide(member("commenter"), "reopen", resolved)).toBe("allowed");
    expect(decide(member("commenter"), "reply", resolved)).toBe("conflict");
    expect(decide(member("viewer"), "reply", open)).toBe("forbidden");
    expect(decide(member("viewer", true), "reply", open)).toBe("allowed");
    expect(decide(member("editor"), "reply", { ...open, targetArchived: true })).toBe("conflict");
  });

  it("lets a member edit and delete only their own comment, and an owner hide anyone's", () => {
    const mine = (m: Member, state: "visible" | "deleted" | "hidden" = "visible") =>
      ({ kind: "comment", authorId: m.userId, state, targetArchived: false }) as const;
    const someoneElses = {
      kind: "comment",
      authorId: "someone-else",
      state: "visible",
      targetArchived: false,
    } as const;
    for (const role of ["owner", "editor", "commenter"] as const) {
      const m = member(role);
      expect(can(m, "edit", mine(m)), role).toBe(true);
      expect(can(m, "delete", mine(m)), role).toBe(true);
      expect(decide(m, "edit", someoneElses), role).toBe("forbidden");
      expect(decide(m, "delete", someoneElses), role).toBe("forbidden");
    }
    expect(allowedRoles((m) => can(m, "hide", someoneElses))).toEqual(["owner"]);
    const owner = member("owner");
    expect(decide(owner, "edit", mine(owner, "deleted"))).toBe("conflict");
    expect(decide(owner, "hide", { ...someoneElses, state: "hidden" })).toBe("conflict");
    // A commenter demoted to viewer keeps their words but may no longer change them.
    const demoted = member("viewer", false, "u-commenter");
    expect(decide(demoted, "edit", mine(member("commenter")))).toBe("forbidden");
    expect(decide(demoted, "delete", mine(member("commenter")))).toBe("allowed");
  });

  it("treats an author who left (null) as nobody's own comment", () => {
    const orphan = { kind: "comment", authorId: null, state: "visible", targetArchived: false } as const;
    expect(can(member("owner"), "edit", orphan)).toBe(false);
    expect(can(member("owner"), "hide", orphan)).toBe(true);
  });
});

describe("policy: voters without an account (issue 13)", () => {
  const poll = (state: PollState, eligibleGroups: StakeholderGroup[] | null = null) =>
    ({ kind: "poll", state, resultsLive: false, eligibleRoles: null, eligibleGroups }) as const;
  const states: PollState[] = ["draft", "open", "closed", "published"];
  const table = (action: "mint_codes" | "see_codes" | "enter_paper") =>
    Object.fromEntries(states.map((s) => [s, roles.map((r) => decide(member(r), action, poll(s)))]));

  it("lets owners mint codes until the vote closes, and read their counts always", () => {
    expect(table("mint_codes")).toEqual({
      // A draft is hidden from commenters and viewers altogether.
      draft: ["allowed", "forbidden", "forbidden", "forbidden"],
      open: ["allowed", "forbidden", "forbidden", "forbidden"],
      closed: ["conflict", "forbidden", "forbidden", "forbidden"],
      published: ["conflict", "forbidden", "forbidden", "forbidden"],
    });
    for (const s of states)
      expect(
        allowedRoles((m) => can(m, "see_codes", poll(s))),
        s,
      ).toEqual(["owner"]);
    expect(decide(null, "mint_codes", poll("open"))).toBe("not_member");
  });

  it("lets owners and editors enter paper ballots while the vote is open or closed, not yet published", () => {
    expect(table("enter_paper")).toEqual({
      draft: ["conflict", "conflict", "forbidden", "forbidden"],
      open: ["allowed", "allowed", "forbidden", "forbidden"],
      closed: ["allowed", "allowed", "forbidden", "forbidden"],
      published: ["conflict", "conflict", "forbidden", "forbidden"],
    });
  });

  it("lets a code's holder vote while the vote is open, as a group it invites", () => {
    expect(states.map((s) => decideCodeBallot(poll(s), null))).toEqual(["conflict", "allowed", "conflict", "conflict"]);
    const families = poll("open", ["family"]);
    expect(decideCodeBallot(families, "family")).toBe("allowed");
    expect(decideCodeBallot(families, "cabinet")).toBe("forbidden");
    // Not said yet: the ballot opens, and the group is asked.
    expect(decideCodeBallot(families, null)).toBe("allowed");
    expect(decideCodeBallot(poll("closed", ["family"]), "cabinet")).toBe("forbidden");
  });
});
