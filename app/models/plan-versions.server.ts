import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { planVersions, users, type PlanVersion } from "../../db/schema";
import { readPlanState } from "./plan-storage.server";
import type { PlanChanges } from "../load-context";
import { replaceContent } from "./plan-content.server";
import { isPlanId } from "./plans.server";

export type VersionSummary = Pick<PlanVersion, "id" | "kind" | "name" | "createdAt"> & { createdByName: string | null };

/** A plan's versions, newest first, with who saved them. */
export async function listVersions(db: Database, planId: string, limit = 200): Promise<VersionSummary[]> {
  return db
    .select({
      id: planVersions.id,
      kind: planVersions.kind,
      name: planVersions.name,
      createdAt: planVersions.createdAt,
      createdByName: users.name,
    })
    .from(planVersions)
    .leftJoin(users, eq(users.id, planVersions.createdBy))
    .where(eq(planVersions.planId, planId))
    .orderBy(desc(planVersions.createdAt))
    .limit(limit);
}

/** One version of one plan; a version id of another plan finds nothing. */
export async function getVersion(db: Database, planId: string, versionId: string): Promise<PlanVersion | undefined> {
  if (!isPlanId(versionId)) return undefined;
  const [row] = await db
    .select()
    .from(planVersions)
    .where(and(eq(planVersions.planId, planId), eq(planVersions.id, versionId)));
  return row;
}

/** Saves the plan's stored text as a version (named, or the safety copy taken before a restore). */
export async function saveVersion(
  db: Database,
  input: { planId: string; kind: "named" | "before_restore"; name?: string | null; createdBy: string },
): Promise<PlanVersion> {
  return db.transaction(async (tx) => {
    const state = await readPlanState(tx, input.planId);
    const [row] = await tx
      .insert(planVersions)
      .values({ planId: input.planId, kind: input.kind, name: input.name ?? null, state, createdBy: input.createdBy })
      .returning();
    return row!;
  });
}

/**
 * Saves an automatic version unless one is younger than `everyMs`. Serialized
 * per plan across processes, so two servers never save two in one interval.
 * Returns when the newest automatic version was taken.
 */
export async function saveAutoVersion(
  db: Database,
  input: { planId: string; createdBy: string | null; everyMs: number; now?: Date },
): Promise<{ created: boolean; latestAt: Date }> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"versions:" + input.planId}))`);
    const [latest] = await tx
      .select({ createdAt: planVersions.createdAt })
      .from(planVersions)
      .where(and(eq(planVersions.planId, input.planId), eq(planVersions.kind, "auto")))
      .orderBy(desc(planVersions.createdAt))
      .limit(1);
    const now = input.now ?? new Date();
    if (latest && now.getTime() - latest.createdAt.getTime() < input.everyMs) {
      return { created: false, latestAt: latest.createdAt };
    }
    const state = await readPlanState(tx, input.planId);
    await tx
      .insert(planVersions)
      .values({ planId: input.planId, kind: "auto", state, createdBy: input.createdBy, createdAt: now });
    return { created: true, latestAt: now };
  });
}

/**
 * Restores a version as a new change everyone connected sees live. The text it
 * replaces is first saved as a version, so a restore never erases anything.
 */
export async function restoreVersion(
  db: Database,
  plans: PlanChanges,
  input: { planId: string; version: PlanVersion; userId: string },
): Promise<void> {
  await saveVersion(db, { planId: input.planId, kind: "before_restore", createdBy: input.userId });
  await plans.changePlan(input.planId, input.userId, (doc) => replaceContent(doc, input.version.state));
}
