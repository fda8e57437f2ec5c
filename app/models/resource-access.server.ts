import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client";
import {
  comments,
  commentThreads,
  dataViews,
  districts,
  plans,
  pollAccessCodes,
  polls,
  workspaceMemberships,
  workspaces,
  type Comment,
  type CommentThread,
  type DataView,
  type District,
  type Plan,
  type PollAccessCodeRow,
  type PollRow,
  type Workspace,
  type WorkspaceMembership,
} from "../../db/schema";
import {
  decide,
  decideCodeBallot,
  memberWithRole,
  workspacePermissions,
  type Actions,
  type Decision,
  type Member,
  type Resource,
  type WorkspacePermissions,
} from "../domain/policy";
import { pollStateAt } from "../domain/polls";
import type { StakeholderGroup } from "../domain/roles";
import { hashToken } from "../utils/tokens.server";
import { isPlanId as isUuid } from "./plans.server";

/** A resource inside a workspace, named the way requests name it. */
export type ResourceRef =
  | { kind: "workspace"; slug: string }
  | { kind: "plan"; id: string }
  | { kind: "view"; id: string }
  | { kind: "thread"; id: string }
  | { kind: "comment"; id: string }
  | { kind: "poll"; id: string };

/** What an authorization decision needs: the resource, its workspace, and the caller's membership (if any). */
export type ResourceAccess = {
  workspace: Workspace;
  district: District;
  membership: WorkspaceMembership | null;
  plan?: Plan;
  view?: DataView;
  thread?: CommentThread;
  /** A thread's plan (for its archived state), when the thread is on one. */
  threadPlan?: Plan | null;
  comment?: Comment;
  poll?: PollRow;
};

/**
 * Loads a resource with the caller's membership of its workspace in one query;
 * undefined when the resource does not exist.
 */
export async function loadResourceAccess(
  db: Database,
  ref: ResourceRef,
  userId: string,
): Promise<ResourceAccess | undefined> {
  const membership = () =>
    and(eq(workspaceMemberships.workspaceId, workspaces.id), eq(workspaceMemberships.userId, userId));
  const base = { workspace: workspaces, district: districts, membership: workspaceMemberships };
  switch (ref.kind) {
    case "workspace": {
      const [row] = await db
        .select(base)
        .from(workspaces)
        .innerJoin(districts, eq(districts.id, workspaces.districtId))
        .leftJoin(workspaceMemberships, membership())
        .where(eq(workspaces.slug, ref.slug));
      return row;
    }
    case "plan": {
      if (!isUuid(ref.id)) return undefined;
      const [row] = await db
        .select({ ...base, plan: plans })
        .from(plans)
        .innerJoin(workspaces, eq(workspaces.id, plans.workspaceId))
        .innerJoin(districts, eq(districts.id, workspaces.districtId))
        .leftJoin(workspaceMemberships, membership())
        .where(eq(plans.id, ref.id));
      return row;
    }
    case "view": {
      if (!isUuid(ref.id)) return undefined;
      const [row] = await db
        .select({ ...base, view: dataViews })
        .from(dataViews)
        .innerJoin(workspaces, eq(workspaces.id, dataViews.workspaceId))
        .innerJoin(districts, eq(districts.id, workspaces.districtId))
        .leftJoin(workspaceMemberships, membership())
        .where(eq(dataViews.id, ref.id));
      return row;
    }
    case "thread": {
      if (!isUuid(ref.id)) return undefined;
      const [row] = await db
        .select({ ...base, thread: commentThreads, threadPlan: plans })
        .from(commentThreads)
        .innerJoin(workspaces, eq(workspaces.id, commentThreads.workspaceId))
        .innerJoin(districts, eq(districts.id, workspaces.districtId))
        .leftJoin(plans, eq(plans.id, commentThreads.planId))
        .leftJoin(workspaceMemberships, membership())
        .where(eq(commentThreads.id, ref.id));
      return row;
    }
    case "comment": {
      if (!isUuid(ref.id)) return undefined;
      const [row] = await db
        .select({ ...base, comment: comments, thread: commentThreads, threadPlan: plans })
        .from(comments)
        .innerJoin(commentThreads, eq(commentThreads.id, comments.threadId))
        .innerJoin(workspaces, eq(workspaces.id, commentThreads.workspaceId))
        .innerJoin(districts, eq(districts.id, workspaces.districtId))
        .leftJoin(plans, eq(plans.id, commentThreads.planId))
        .leftJoin(workspaceMemberships, membership())
        .where(eq(comments.id, ref.id));
      return row;
    }
    case "poll": {
      if (!isUuid(ref.id)) return undefined;
      const [row] = await db
        .select({ ...base, poll: polls })
        .from(polls)
        .innerJoin(workspaces, eq(workspaces.id, polls.workspaceId))
        .innerJoin(districts, eq(districts.id, workspaces.districtId))
        .leftJoin(workspaceMemberships, membership())
        .where(eq(polls.id, ref.id));
      return row;
    }
  }
}

type ActionOf<R extends ResourceRef> = Actions[R["kind"]];

/** A member's access to one resource, with the policy's answers for it at hand. */
export type Granted<R extends ResourceRef = ResourceRef> = ResourceAccess & {
  member: Member;
  membership: NonNullable<ResourceAccess["membership"]>;
  /** The policy's decision for another action on the same resource (the UI's buttons, a form's intents). */
  decision: (action: ActionOf<R>) => Decision;
  may: (action: ActionOf<R>) => boolean;
  /** The member's workspace-wide rights (the UI's `can`, the API's `permissions`). */
  permissions: WorkspacePermissions;
};

export type AuthorizeOutcome<R extends ResourceRef = ResourceRef> =
  { ok: true; access: Granted<R> } | { ok: false; status: 404 | 403 | 409; access?: Granted<R> };

/**
 * The one decision for a resource inside a workspace: loads it and the caller's
 * membership once, then asks the policy. A non-member gets 404 exactly as for a
 * resource that does not exist; a member without the right 403; a resource in the
 * wrong state (archived, resolved) 409. Pages, the API, event streams and the plan
 * socket all come here.
 */
export async function authorizeIn<R extends ResourceRef>(
  db: Database,
  userId: string,
  ref: R,
  action: ActionOf<R>,
): Promise<AuthorizeOutcome<R>> {
  const access = await loadResourceAccess(db, ref, userId);
  if (!access?.membership) return { ok: false, status: 404 };
  const { role, stakeholderGroup } = access.membership;
  const member = memberWithRole(role, access.workspace.viewersMayComment, userId, stakeholderGroup);
  const resource = resourceOf(ref, access, new Date());
  const decision = (a: ActionOf<R>) => decide(member, a as never, resource as never);
  const granted: Granted<R> = {
    ...access,
    membership: access.membership,
    member,
    decision,
    may: (a) => decision(a) === "allowed",
    permissions: workspacePermissions(member),
  };
  const answer = decision(action);
  if (answer === "allowed") return { ok: true, access: granted };
  if (answer === "conflict") return { ok: false, status: 409, access: granted };
  return { ok: false, status: answer === "not_member" ? 404 : 403 };
}

function resourceOf(ref: ResourceRef, a: ResourceAccess, now: Date): Resource {
  const targetArchived = Boolean(a.threadPlan?.archivedAt);
  switch (ref.kind) {
    case "workspace":
      return { kind: "workspace" };
    case "plan":
      return { kind: "plan", archived: a.plan!.archivedAt !== null };
    case "view":
      return { kind: "view" };
    case "thread":
      return { kind: "thread", resolved: a.thread!.resolvedAt !== null, targetArchived };
    case "comment":
      return { kind: "comment", authorId: a.comment!.authorId, state: a.comment!.state, targetArchived };
    case "poll":
      return pollResource(a.poll!, now);
  }
}

function pollResource(poll: PollRow, now: Date): Extract<Resource, { kind: "poll" }> {
  return {
    kind: "poll",
    state: pollStateAt(poll, now),
    resultsLive: poll.results === "live",
    eligibleRoles: poll.eligibleRoles,
    eligibleGroups: poll.eligibleGroups,
  };
}

/** What a one-time access code opens: the code, its poll, and where the poll lives. */
export type CodeAccess = {
  code: PollAccessCodeRow;
  poll: PollRow;
  workspace: Workspace;
  district: District;
  /** The group the ballot is cast as: the code's own, else the one the voter said (null until then). */
  group: StakeholderGroup | null;
};

export type CodeOutcome =
  | { ok: true; access: CodeAccess }
  | { ok: false; reason: "unknown" }
  | { ok: false; reason: "used" | "not_open" | "not_eligible"; access: CodeAccess };

/**
 * The decision for someone without an account who holds an access code (normalized,
 * app/domain/access-codes.ts): found by its hash, unused, for a poll the policy lets them
 * vote in now, as the group they say. An unknown code and a malformed one are alike.
 */
export async function authorizeCodeIn(
  db: Database,
  code: string,
  saidGroup: StakeholderGroup | null,
): Promise<CodeOutcome> {
  const [row] = await db
    .select({ code: pollAccessCodes, poll: polls, workspace: workspaces, district: districts })
    .from(pollAccessCodes)
    .innerJoin(polls, eq(polls.id, pollAccessCodes.pollId))
    .innerJoin(workspaces, eq(workspaces.id, polls.workspaceId))
    .innerJoin(districts, eq(districts.id, workspaces.districtId))
    .where(eq(pollAccessCodes.codeHash, hashToken(code)));
  if (!row) return { ok: false, reason: "unknown" };
  const access = { ...row, group: row.code.stakeholderGroup ?? saidGroup };
  if (row.code.usedAt) return { ok: false, reason: "used", access };
  const decision = decideCodeBallot(pollResource(row.poll, new Date()), access.group);
  if (decision === "allowed") return { ok: true, access };
  return { ok: false, reason: decision === "forbidden" ? "not_eligible" : "not_open", access };
}

/** Every membership of the workspaces of these plans, with what the policy needs: for re-checking many sockets at once. */
export async function loadPlanMemberships(db: Database, planIds: string[]) {
  if (!planIds.length) return [];
  return db
    .select({
      planId: plans.id,
      archivedAt: plans.archivedAt,
      userId: workspaceMemberships.userId,
      role: workspaceMemberships.role,
      viewersMayComment: workspaces.viewersMayComment,
    })
    .from(plans)
    .innerJoin(workspaces, eq(workspaces.id, plans.workspaceId))
    .innerJoin(workspaceMemberships, eq(workspaceMemberships.workspaceId, plans.workspaceId))
    .where(inArray(plans.id, planIds));
}

/** The policy's answer for a plan, from a row of `loadPlanMemberships`. */
export function planDecision(
  row:
    | { userId: string; role: WorkspaceMembership["role"]; viewersMayComment: boolean; archivedAt: Date | null }
    | undefined,
  action: Actions["plan"],
): Decision {
  const member = row ? memberWithRole(row.role, row.viewersMayComment, row.userId) : null;
  return decide(member, action, { kind: "plan", archived: row?.archivedAt != null });
}

/**
 * `authorizeIn` for many members of one workspace at once, in one query: what each of
 * `userIds` is answered for `action` on the workspace ("not_member" for those who are not).
 * Event streams re-check every follower before each event with it.
 */
export async function authorizeMany(
  db: Database,
  workspaceId: string,
  userIds: string[],
  action: Actions["workspace"],
): Promise<Map<string, Decision>> {
  const rows = userIds.length
    ? await db
        .select({
          userId: workspaceMemberships.userId,
          role: workspaceMemberships.role,
          viewersMayComment: workspaces.viewersMayComment,
        })
        .from(workspaceMemberships)
        .innerJoin(workspaces, eq(workspaces.id, workspaceMemberships.workspaceId))
        .where(and(eq(workspaceMemberships.workspaceId, workspaceId), inArray(workspaceMemberships.userId, userIds)))
    : [];
  const members = new Map(rows.map((r) => [r.userId, memberWithRole(r.role, r.viewersMayComment, r.userId)]));
  return new Map(userIds.map((id) => [id, decide(members.get(id) ?? null, action, { kind: "workspace" })]));
}

/**
 * Which of `userIds` may vote in a poll now: the policy's decision for each, as authorizeIn
 * would give it, from one query (for mail to many members at once).
 */
export async function pollVoters(db: Database, poll: PollRow, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db
    .select({
      userId: workspaceMemberships.userId,
      role: workspaceMemberships.role,
      stakeholderGroup: workspaceMemberships.stakeholderGroup,
      viewersMayComment: workspaces.viewersMayComment,
    })
    .from(workspaceMemberships)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMemberships.workspaceId))
    .where(and(eq(workspaceMemberships.workspaceId, poll.workspaceId), inArray(workspaceMemberships.userId, userIds)));
  const resource = pollResource(poll, new Date());
  return new Set(
    rows
      .filter(
        (r) =>
          decide(memberWithRole(r.role, r.viewersMayComment, r.userId, r.stakeholderGroup), "vote", resource) ===
          "allowed",
      )
      .map((r) => r.userId),
  );
}
