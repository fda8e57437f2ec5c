import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { dataViews, workspaceMemberships, workspaces, type DataView } from "../../db/schema";
import {
  computeView,
  neighborhoodsOf,
  unknownFilterValues,
  newViewSpecSchema,
  viewSpecSchema,
  type ComputedView,
  type ViewSpec,
} from "../domain/diagnostics/view-spec";
import { requiresSmallCellSuppression } from "../domain/metrics";
import type { StakeholderGroup, WorkspaceRole } from "../domain/roles";
import { loadDataVersion } from "./district-data.server";
import { isPlanId as isUuid } from "./plans.server";

export type CreateDataViewResult = { ok: true; view: DataView } | { ok: false; fields: Record<string, string> };

/**
 * Saves a view whose spec is valid and whose filters name only what its data
 * version has (the pinned one, else the latest); otherwise saves nothing and
 * returns the bad fields ("spec.neighborhoods.0" → message key).
 */
export async function createDataView(
  db: Database,
  input: {
    workspaceId: string;
    districtId: string;
    title: string;
    caption: string | null;
    spec: unknown;
    dataVersion: number | null;
    createdBy: string;
  },
): Promise<CreateDataViewResult> {
  const { districtId, ...values } = input;
  const spec = newViewSpecSchema.parse(input.spec);
  const fields = await checkDataViewFilters(db, { districtId, spec, dataVersion: input.dataVersion });
  if (fields) return { ok: false, fields };
  const [row] = await db
    .insert(dataViews)
    .values({ ...values, spec: spec as unknown as Record<string, unknown> })
    .returning();
  return { ok: true, view: row! };
}

/**
 * Field errors for filter values the view's data version does not have, or
 * null when there are none. Without any data every named neighborhood is unknown.
 */
export async function checkDataViewFilters(
  db: Database,
  input: { districtId: string; spec: ViewSpec; dataVersion: number | null },
): Promise<Record<string, string> | null> {
  const found = await loadDataVersion(db, input.districtId, input.dataVersion);
  const issues = unknownFilterValues(found?.data ?? { schools: [], measures: [] }, input.spec);
  if (issues.length === 0) return null;
  return Object.fromEntries(issues.map((i) => [["spec", ...i.path].join("."), i.message]));
}

/** The neighborhoods a view over this data version (the latest when null) can be filtered by. */
export async function dataViewNeighborhoods(db: Database, districtId: string, dataVersion: number | null) {
  const found = await loadDataVersion(db, districtId, dataVersion);
  return found ? neighborhoodsOf(found.data) : [];
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
  userId: string,
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
      and(eq(workspaceMemberships.workspaceId, dataViews.workspaceId), eq(workspaceMemberships.userId, userId)),
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
  },
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
