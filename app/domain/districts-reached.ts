import type { DistrictRole, WorkspaceRole } from "./roles";

type Named = { slug: string; name: string };

/** A district as one person reaches it: their role in the district (if any) and the workspaces they belong to there. */
export type DistrictReached = Named & {
  districtRole: DistrictRole | null;
  workspaces: (Named & { role: WorkspaceRole })[];
};

/**
 * Every district a person reaches, directly (a district role) or through a
 * workspace membership — a coalition or family member belongs to a district's
 * workspace without a role in the district itself. Sorted by name, workspaces too.
 */
export function districtsReached(
  direct: readonly (Named & { role: DistrictRole })[],
  memberships: readonly { district: Named; workspace: Named; role: WorkspaceRole }[],
): DistrictReached[] {
  const bySlug = new Map<string, DistrictReached>();
  const entry = (d: Named) => {
    const found = bySlug.get(d.slug) ?? { slug: d.slug, name: d.name, districtRole: null, workspaces: [] };
    bySlug.set(d.slug, found);
    return found;
  };
  for (const d of direct) entry(d).districtRole = d.role;
  for (const m of memberships) entry(m.district).workspaces.push({ ...m.workspace, role: m.role });
  const byName = (a: Named, b: Named) => a.name.localeCompare(b.name) || a.slug.localeCompare(b.slug);
  return [...bySlug.values()].sort(byName).map((d) => ({ ...d, workspaces: d.workspaces.sort(byName) }));
}
