import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client";
import { plans, workspaceMemberships, workspaces, type Plan } from "../../db/schema";
import type { WorkspaceRole } from "../domain/roles";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Plan ids come from URLs; anything that is not a UUID cannot name a plan. */
export function isPlanId(value: string): boolean {
  return UUID.test(value);
}

export async function createPlan(
  db: Database,
  input: { workspaceId: string; title: string; template?: string | null; createdBy: string },
): Promise<Plan> {
  const [plan] = await db
    .insert(plans)
    .values({ workspaceId: input.workspaceId, title: input.title.trim(), template: input.template ?? null, createdBy: input.createdBy })
    .returning();
  return plan!;
}

export async function listPlans(db: Database, workspaceId: string, options: { archived?: boolean } = {}) {
  return db
    .select()
    .from(plans)
    .where(and(eq(plans.workspaceId, workspaceId), options.archived ? undefined : isNull(plans.archivedAt)))
    .orderBy(desc(plans.updatedAt));
}

export type PlanAccess = { plan: Plan; workspaceSlug: string; role: WorkspaceRole };

/** A plan with the user's role in its workspace, or undefined when there is no such plan or no membership. */
export async function getPlanAccess(db: Database, planId: string, userId: string): Promise<PlanAccess | undefined> {
  if (!isPlanId(planId)) return undefined;
  const [row] = await db
    .select({ plan: plans, workspaceSlug: workspaces.slug, role: workspaceMemberships.role })
    .from(plans)
    .innerJoin(workspaces, eq(plans.workspaceId, workspaces.id))
    .innerJoin(
      workspaceMemberships,
      and(eq(workspaceMemberships.workspaceId, plans.workspaceId), eq(workspaceMemberships.userId, userId)),
    )
    .where(eq(plans.id, planId));
  return row;
}

export async function touchPlan(db: Database, planId: string): Promise<void> {
  await db.update(plans).set({ updatedAt: new Date() }).where(eq(plans.id, planId));
}
