import type { Database } from "../../db/client";
import type { District, Workspace, WorkspaceMembership } from "../../db/schema";
import { headlineFindings } from "../domain/diagnostics/headlines";
import { requiresSmallCellSuppression } from "../domain/metrics";
import { canInDistrict } from "../domain/permissions";
import { listDataViews } from "./data-views.server";
import { listDataVersions, loadDataVersion } from "./district-data.server";
import { getDistrictForUser } from "./districts.server";
import { listPlans, listPlansWithLastEdit } from "./plans.server";

/**
 * What a workspace's home shows one member: its plans with their last edit, the district's
 * latest data with its headline findings as the diagnostic shows them to this member (small
 * cells hidden for the same readers, on the server), and its saved views.
 */
export async function loadWorkspaceHome(
  db: Database,
  input: { workspace: Workspace; district: District; membership: WorkspaceMembership; userId: string },
) {
  const { workspace, district, membership, userId } = input;
  const suppressSmallCells = requiresSmallCellSuppression(membership.stakeholderGroup);
  const [plans, archivedPlans, versions, latest, views, districtRole] = await Promise.all([
    listPlansWithLastEdit(db, workspace.id),
    listPlans(db, workspace.id, { archived: true }),
    listDataVersions(db, district.id),
    loadDataVersion(db, district.id, null),
    listDataViews(db, workspace.id),
    getDistrictForUser(db, district.slug, userId),
  ]);
  const summary = latest ? versions.find((v) => v.version === latest.version) : undefined;
  return {
    plans: plans.map((p) => ({
      id: p.id,
      title: p.title,
      updatedAt: p.updatedAt.toISOString(),
      lastEdit: p.lastEdit ? { by: p.lastEdit.by, at: p.lastEdit.at.toISOString() } : null,
    })),
    archivedPlans: archivedPlans.map((p) => ({ id: p.id, title: p.title })),
    data:
      latest && summary
        ? {
            version: latest.version,
            schools: summary.schools,
            importedAt: summary.createdAt.toISOString(),
            importedBy: summary.createdByName,
            suppressed: suppressSmallCells,
            headlines: headlineFindings(latest.data, { suppressSmallCells }),
          }
        : null,
    views: views.map((v) => ({ id: v.id, title: v.title })),
    canManageData: canInDistrict(districtRole?.role, "manage"),
  };
}

export type WorkspaceHome = Awaited<ReturnType<typeof loadWorkspaceHome>>;
