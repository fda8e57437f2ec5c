import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database } from "../../db/client";
import { planUpdates, planVersions, plans, users, workspaceMemberships, workspaces, type Plan } from "../../db/schema";
import type { PlanTemplate } from "../domain/plan-templates";
import type { Locale } from "../i18n/locales";
import { templateUpdate } from "./plan-content.server";
import type { WorkspaceRole } from "../domain/roles";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Plan ids come from URLs; anything that is not a UUID cannot name a plan. */
export function isPlanId(value: string): boolean {
  return UUID.test(value);
}

/** Creates a plan; a template's content is stored as the document's first update. */
export async function createPlan(
  db: Database,
  input: { workspaceId: string; title: string; template: PlanTemplate; locale: Locale; createdBy: string },
): Promise<Plan> {
  return db.transaction(async (tx) => {
    const [plan] = await tx
      .insert(plans)
      .values({
        workspaceId: input.workspaceId,
        title: input.title.trim(),
        template: input.template,
        createdBy: input.createdBy,
      })
      .returning();
    if (input.template !== "blank") {
      await tx.insert(planUpdates).values({
        planId: plan!.id,
        update: templateUpdate(input.template, input.locale),
        userId: input.createdBy,
      });
    }
    return plan!;
  });
}

export async function renamePlan(db: Database, planId: string, title: string): Promise<void> {
  await db.update(plans).set({ title: title.trim(), updatedAt: new Date() }).where(eq(plans.id, planId));
}

export async function setPlanArchived(db: Database, planId: string, archived: boolean): Promise<void> {
  await db
    .update(plans)
    .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
    .where(eq(plans.id, planId));
}

/** Deletes a plan with its whole history. */
export async function deletePlan(db: Database, planId: string): Promise<void> {
  await db.delete(plans).where(eq(plans.id, planId));
}

/** A workspace's plans, most recently changed first; archived ones only when asked for. */
export async function listPlans(db: Database, workspaceId: string, options: { archived?: boolean } = {}) {
  return db
    .select()
    .from(plans)
    .where(
      and(
        eq(plans.workspaceId, workspaceId),
        options.archived ? isNotNull(plans.archivedAt) : isNull(plans.archivedAt),
      ),
    )
    .orderBy(desc(plans.updatedAt));
}

export type PlanWithLastEdit = Plan & { lastEdit: { by: string; at: Date } | null };

/**
 * A workspace's plans (as `listPlans`) with who edited each last and when, in one query
 * however many plans there are. Edits are stored updates with their author; compaction folds
 * old updates away, so automatic versions (which keep the last editor before them) stand in.
 */
export async function listPlansWithLastEdit(
  db: Database,
  workspaceId: string,
  options: { archived?: boolean } = {},
): Promise<PlanWithLastEdit[]> {
  const lastUpdate = db
    .select({ userId: planUpdates.userId, at: planUpdates.createdAt })
    .from(planUpdates)
    .where(and(eq(planUpdates.planId, plans.id), isNotNull(planUpdates.userId)))
    .orderBy(desc(planUpdates.id))
    .limit(1)
    .as("last_update");
  const lastVersion = db
    .select({ userId: planVersions.createdBy, at: planVersions.createdAt })
    .from(planVersions)
    .where(and(eq(planVersions.planId, plans.id), isNotNull(planVersions.createdBy)))
    .orderBy(desc(planVersions.createdAt))
    .limit(1)
    .as("last_version");
  const updateAuthor = alias(users, "update_author");
  const versionAuthor = alias(users, "version_author");
  const rows = await db
    .select({
      plan: plans,
      updateBy: updateAuthor.name,
      updateAt: lastUpdate.at,
      versionBy: versionAuthor.name,
      versionAt: lastVersion.at,
    })
    .from(plans)
    .leftJoinLateral(lastUpdate, sql`true`)
    .leftJoinLateral(lastVersion, sql`true`)
    .leftJoin(updateAuthor, eq(updateAuthor.id, lastUpdate.userId))
    .leftJoin(versionAuthor, eq(versionAuthor.id, lastVersion.userId))
    .where(
      and(
        eq(plans.workspaceId, workspaceId),
        options.archived ? isNotNull(plans.archivedAt) : isNull(plans.archivedAt),
      ),
    )
    .orderBy(desc(plans.updatedAt));
  return rows.map((r) => {
    const edits = [
      r.updateBy && r.updateAt ? { by: r.updateBy, at: r.updateAt } : null,
      r.versionBy && r.versionAt ? { by: r.versionBy, at: r.versionAt } : null,
    ].filter((e) => e !== null);
    const lastEdit = edits.sort((a, b) => b.at.getTime() - a.at.getTime())[0] ?? null;
    return { ...r.plan, lastEdit };
  });
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
