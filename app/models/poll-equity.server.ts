import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { workspaceMemberships, type PollRow } from "../../db/schema";
import { packageFor } from "../domain/disclosure";
import type { DataPackage } from "../domain/district-data/types";
import { requiresSmallCellSuppression } from "../domain/metrics";
import { optionContexts, representativeness } from "../domain/poll-equity";
import type { StakeholderGroup } from "../domain/roles";
import { loadDataVersion } from "./district-data.server";

/** The district's latest data as this reader may see it (restricted unless cabinet or district staff). */
export async function readerPackage(
  db: Database,
  districtId: string,
  readerGroup: StakeholderGroup,
): Promise<DataPackage | null> {
  const latest = await loadDataVersion(db, districtId, null);
  if (!latest) return null;
  return packageFor(latest.data, { suppressSmallCells: requiresSmallCellSuppression(readerGroup) });
}

/** Each option's schools in the reader's copy of the latest data, by option code. */
export async function pollOptionContexts(
  db: Database,
  options: readonly { code: string; schools: readonly string[] }[],
  reader: { districtId: string; group: StakeholderGroup },
) {
  if (!options.some((o) => o.schools.length)) return {};
  const data = await readerPackage(db, reader.districtId, reader.group);
  return data ? Object.fromEntries(optionContexts(data, options)) : {};
}

/** Members invited to vote, per stakeholder group. */
async function eligibleMembers(db: Database, poll: PollRow): Promise<Map<StakeholderGroup, number>> {
  const filters = [eq(workspaceMemberships.workspaceId, poll.workspaceId)];
  if (poll.eligibleRoles) filters.push(inArray(workspaceMemberships.role, poll.eligibleRoles));
  if (poll.eligibleGroups) filters.push(inArray(workspaceMemberships.stakeholderGroup, poll.eligibleGroups));
  const rows = await db
    .select({ group: workspaceMemberships.stakeholderGroup, n: sql<number>`count(*)::int` })
    .from(workspaceMemberships)
    .where(and(...filters))
    .groupBy(workspaceMemberships.stakeholderGroup);
  const counts = new Map<StakeholderGroup, number>(rows.map((r) => [r.group, r.n]));
  // Invited groups with no member yet still show, with nobody to count.
  for (const group of poll.eligibleGroups ?? []) if (!counts.has(group)) counts.set(group, 0);
  return counts;
}

/** Whose voices a poll's ballots carry (domain/poll-equity), for this reader. */
export async function pollRepresentativeness(
  db: Database,
  poll: PollRow,
  counted: readonly { group: StakeholderGroup | null; schoolId: string | null }[],
  reader: { districtId: string; group: StakeholderGroup },
) {
  const [members, data] = await Promise.all([
    eligibleMembers(db, poll),
    readerPackage(db, reader.districtId, reader.group),
  ]);
  return representativeness(counted, members, data);
}
