import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import {
  comments,
  commentThreads,
  dataViews,
  districts,
  plans,
  workspaceMemberships,
  workspaces,
  type Comment,
  type CommentThread,
  type DataView,
  type District,
  type Plan,
  type Workspace,
  type WorkspaceMembership,
} from "../../db/schema";
import { isPlanId as isUuid } from "./plans.server";

/** A resource inside a workspace, named the way requests name it. */
export type ResourceRef =
  | { kind: "workspace"; slug: string }
  | { kind: "plan"; id: string }
  | { kind: "view"; id: string }
  | { kind: "thread"; id: string }
  | { kind: "comment"; id: string };

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
};

/**
 * Loads a resource with the caller's membership of its workspace in one query;
 * undefined when the resource does not exist.
 */
export async function loadResourceAccess(
  db: Database,
  ref: ResourceRef,
  userId: string
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
  }
}
