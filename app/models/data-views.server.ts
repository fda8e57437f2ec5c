import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { dataViews, workspaceMemberships, workspaces, type DataView } from "../../db/schema";
import { computeView, viewSpecSchema, type ComputedView } from "../domain/diagnostics/view-spec";
import { requiresSmallCellSuppression } from "../domain/metrics";
import type { StakeholderGroup, WorkspaceRole } from "../domain/roles";
import { loadDataVersion } from "./district-data.server";
import { isPlanId as isUuid } from "./plans.server";

export async function createDataView(
  db: Database,
  input: {
    workspaceId: string;
    title: string;
    caption: string | null;
    spec: unknown;
    dataVersion: number | null;
    createdBy: string;
  }
): Promise<DataView> {
  const spec = viewSpecSchema.parse(input.spec);
  const [row] = await db
    .insert(dataViews)
    .values({ ...input, spec: spec as unknown as Record<string, unknown> })
    .returning();
  return row!;
}

export async function listDataViews(db: Database, workspaceId: string): Promise<DataView[]> {
  return db.select().from(dataViews).where(eq(dataViews.workspaceId, workspaceId)).orderBy(desc(dataViews.createdAt));
}

export type DataViewAccess = {
  view: DataView;
  districtId: string;
  workspaceSlug: string;
  role: WorkspaceRole;
  stakeholderGroup: StakeholderGroup;
};

/** A view with the reader's membership of its workspace; undefined for unknown views and non-members alike. */
export async function getDataViewAccess(
  db: Database,
  viewId: string,
  userId: string
): Promise<DataViewAccess | undefined> {
  if (!isUuid(viewId)) return undefined;
  const [row] = await db
    .select({
      view: dataViews,
      districtId: workspaces.districtId,
      workspaceSlug: workspaces.slug,
      role: workspaceMemberships.role,
      stakeholderGroup: workspaceMemberships.stakeholderGroup,
    })
    .from(dataViews)
    .innerJoin(workspaces, eq(workspaces.id, dataViews.workspaceId))
    .innerJoin(
      workspaceMemberships,
      and(eq(workspaceMemberships.workspaceId, dataViews.workspaceId), eq(workspaceMemberships.userId, userId))
    )
    .where(eq(dataViews.id, viewId));
  return row;
}

/**
 * A view as one reader may see it: computed over its data version (the latest
 * unless pinned), with small cells removed on the server for that reader.
 */
export async function renderDataView(
  db: Database,
  input: {
    view: Pick<DataView, "id" | "title" | "caption" | "spec" | "dataVersion">;
    districtId: string;
    readerGroup: StakeholderGroup;
  }
): Promise<{ version: number; view: ComputedView } | null> {
  const found = await loadDataVersion(db, input.districtId, input.view.dataVersion);
  if (!found) return null;
  const spec = viewSpecSchema.parse(input.view.spec);
  const view = computeView(found.data, spec, {
    suppressSmallCells: requiresSmallCellSuppression(input.readerGroup),
    title: input.view.title,
    caption: input.view.caption,
  });
  return { version: found.version, view: { ...view, id: input.view.id } };
}
