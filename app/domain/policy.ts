import { isEligible, type Eligibility, type PollState } from "./polls";
import type { StakeholderGroup, WorkspaceRole } from "./roles";

/**
 * One resource-aware authorization for everything inside a workspace: who may do what to
 * which resource, given its owner and its state. Pages, the API, event streams and the
 * socket ask this (through `authorize` on the server); the UI asks it to hide controls.
 */

/** A workspace member, as the rules need them; `null` is anyone who is not a member. */
export type Member = {
  userId: string;
  role: WorkspaceRole;
  /** The workspace lets viewers comment (families are often invited as viewers). */
  viewersMayComment: boolean;
  /** Their stakeholder group in the workspace: who may vote in a poll can depend on it. */
  group?: StakeholderGroup | null;
};

export type CommentState = "visible" | "deleted" | "hidden";

export type Resource =
  | { kind: "workspace" }
  | { kind: "plan"; archived: boolean }
  | { kind: "view" }
  | { kind: "thread"; resolved: boolean; targetArchived: boolean }
  | { kind: "comment"; authorId: string | null; state: CommentState; targetArchived: boolean }
  | ({ kind: "poll"; state: PollState; resultsLive: boolean } & Eligibility);

export type ResourceKind = Resource["kind"];

/** What can be done to each kind of resource. */
export type Actions = {
  workspace:
    "read" | "manage_members" | "manage_settings" | "create_plan" | "create_view" | "create_poll" | "comment" | "vote";
  plan: "read" | "edit" | "archive" | "unarchive" | "delete" | "comment";
  view: "read" | "edit" | "delete" | "comment";
  thread: "read" | "reply" | "resolve" | "reopen";
  comment: "read" | "edit" | "delete" | "hide";
  poll:
    | "read"
    | "edit"
    | "open"
    | "close"
    | "publish"
    | "vote"
    | "see_results"
    | "mint_codes"
    | "see_codes"
    | "enter_paper";
};

/**
 * Why an action is refused, which decides the answer: a non-member learns nothing (404),
 * a member whose role or ownership does not allow it is refused (403), and a resource in
 * the wrong state (an archived plan, a resolved thread) is a conflict (409).
 */
export type Decision = "allowed" | "not_member" | "forbidden" | "conflict";

const EDITORS: readonly WorkspaceRole[] = ["owner", "editor"];

/** Commenting: owners, editors and commenters; viewers too where the workspace allows it. */
function mayComment(member: Member): boolean {
  return member.role !== "viewer" || member.viewersMayComment;
}

export function decide<K extends ResourceKind>(
  member: Member | null,
  action: Actions[K],
  resource: Extract<Resource, { kind: K }>,
): Decision {
  if (!member) return "not_member";
  const r = resource as Resource;
  const role = member.role;
  const allow = (ok: boolean): Decision => (ok ? "allowed" : "forbidden");
  // A rule that holds for the role but not for the resource's current state.
  const unless = (ok: boolean, blocked: boolean): Decision => (!ok ? "forbidden" : blocked ? "conflict" : "allowed");
  switch (r.kind) {
    case "workspace":
      switch (action as Actions["workspace"]) {
        case "read":
        case "vote":
          return "allowed";
        case "manage_members":
        case "manage_settings":
          return allow(role === "owner");
        case "create_plan":
        case "create_view":
        case "create_poll":
          return allow(EDITORS.includes(role));
        case "comment":
          return allow(mayComment(member));
      }
      break;
    case "plan":
      switch (action as Actions["plan"]) {
        case "read":
          return "allowed";
        case "edit":
          return unless(EDITORS.includes(role), r.archived);
        case "archive":
          return unless(EDITORS.includes(role), r.archived);
        case "unarchive":
          return unless(EDITORS.includes(role), !r.archived);
        case "delete":
          return allow(role === "owner");
        case "comment":
          return unless(mayComment(member), r.archived);
      }
      break;
    case "view":
      switch (action as Actions["view"]) {
        case "read":
          return "allowed";
        case "edit":
        case "delete":
          return allow(EDITORS.includes(role));
        case "comment":
          return allow(mayComment(member));
      }
      break;
    case "thread":
      switch (action as Actions["thread"]) {
        case "read":
          return "allowed";
        case "reply":
          return unless(mayComment(member), r.targetArchived || r.resolved);
        case "resolve":
          return unless(mayComment(member), r.targetArchived || r.resolved);
        case "reopen":
          return unless(mayComment(member), r.targetArchived || !r.resolved);
      }
      break;
    case "comment": {
      const own = r.authorId !== null && r.authorId === member.userId;
      switch (action as Actions["comment"]) {
        case "read":
          return "allowed";
        case "edit":
          // One's own words, while one may still comment and they are still shown.
          return unless(own && mayComment(member), r.targetArchived || r.state !== "visible");
        case "delete":
          return unless(own, r.state !== "visible");
        case "hide":
          // Moderation: an owner hides anyone's comment (the text is kept for the audit log).
          return unless(role === "owner", r.state !== "visible");
      }
      break;
    }
    case "poll": {
      const editor = EDITORS.includes(role);
      // A draft is being prepared: hidden from everyone who may not change it.
      if (r.state === "draft" && !editor) return "forbidden";
      switch (action as Actions["poll"]) {
        case "read":
          return "allowed";
        case "edit":
        case "open":
          return unless(editor, r.state !== "draft");
        case "close":
          return unless(editor, r.state !== "open");
        case "publish":
          return unless(editor, r.state !== "closed");
        case "vote":
          return unless(isEligible(r, { role, group: member.group ?? null }), r.state !== "open");
        case "see_results":
          // Counts only, never who chose what. Editors follow a poll as it runs; everyone
          // else once it is published, or while it runs when it says results are live.
          if (r.state === "draft") return unless(editor, true);
          return allow(editor || r.state === "published" || r.resultsLive);
        case "mint_codes":
          // Codes hand out ballots, as invitations hand out seats: owners only, until the vote closes.
          return unless(role === "owner", r.state === "closed" || r.state === "published");
        case "see_codes":
          return allow(role === "owner");
        case "enter_paper":
          // Papers collected until the close are entered until the results are published.
          return unless(editor, r.state !== "open" && r.state !== "closed");
      }
      break;
    }
  }
  return "forbidden";
}

/**
 * Someone without an account holding one of a poll's access codes: they may cast the one
 * ballot it opens while the poll is open, as a group the poll invites (`group` null while
 * they have not said it yet). Roles are for members; a code stands in for the invitation.
 */
export function decideCodeBallot(
  poll: Extract<Resource, { kind: "poll" }>,
  group: StakeholderGroup | null,
): Exclude<Decision, "not_member"> {
  if (group !== null && poll.eligibleGroups !== null && !poll.eligibleGroups.includes(group)) return "forbidden";
  return poll.state === "open" ? "allowed" : "conflict";
}

/** Whether `member` may do `action` to `resource` now. */
export function can<K extends ResourceKind>(
  member: Member | null,
  action: Actions[K],
  resource: Extract<Resource, { kind: K }>,
): boolean {
  return decide(member, action, resource) === "allowed";
}

/** The role a resource-less question is asked of: members of a workspace, by role. */
export function memberWithRole(
  role: WorkspaceRole,
  viewersMayComment: boolean,
  userId = "",
  group: StakeholderGroup | null = null,
): Member {
  return { userId, role, viewersMayComment, group };
}

/**
 * A member's workspace-wide rights, for the UI and the API's `permissions` object; the
 * keys are the API's (docs/api.md), each answered by the policy above.
 */
export function workspacePermissions(member: Member | null) {
  const workspace = { kind: "workspace" } as const;
  return {
    read: can(member, "read", workspace),
    // Plan text, on a plan that is not archived.
    edit_plan_text: can(member, "edit", { kind: "plan", archived: false }),
    comment: can(member, "comment", workspace),
    vote: can(member, "vote", workspace),
    create_content: can(member, "create_plan", workspace),
    create_poll: can(member, "create_poll", workspace),
    manage_members: can(member, "manage_members", workspace),
  };
}

export type WorkspacePermissions = ReturnType<typeof workspacePermissions>;
