import type { AppLoadContext } from "@remix-run/node";
import { canInDistrict, canOnInstance, type DistrictAction, type InstanceAction } from "../domain/permissions";
import { getDistrictBySlug, getDistrictForUser, type DistrictWithRole } from "../models/districts.server";
import { isMemberOfAnyDistrictWorkspace } from "../models/workspaces.server";

export type Decision<T> = { ok: true; value: T } | { ok: false; status: 404 | 403 };

export type DistrictAccess = {
  district: DistrictWithRole["district"];
  role: DistrictWithRole["role"] | null;
  /** The same rule for another action in the district (the UI's manage and download links). */
  may: (action: DistrictAction) => boolean;
};

/**
 * District access: district members may read and admins manage; a member of
 * one of its workspaces may read (they already know it exists); anyone else gets 404.
 */
export async function authorizeDistrict(
  context: AppLoadContext,
  slug: string,
  userId: string,
  action: DistrictAction,
): Promise<Decision<DistrictAccess>> {
  const membership = await getDistrictForUser(context.db, slug, userId);
  if (membership) {
    const may = (a: DistrictAction) => canInDistrict(membership.role, a);
    return may(action) ? { ok: true, value: { ...membership, may } } : { ok: false, status: 403 };
  }
  const district = await getDistrictBySlug(context.db, slug);
  if (!district || !(await isMemberOfAnyDistrictWorkspace(context.db, district.id, userId))) {
    return { ok: false, status: 404 };
  }
  const may = (a: DistrictAction) => a === "read";
  return may(action) ? { ok: true, value: { district, role: null, may } } : { ok: false, status: 403 };
}

/**
 * Actions on the instance (create a district, name administrators), decided from the account
 * and the DISTRICT_CREATION setting. Creating a district is a known feature, so a refusal is 403;
 * administration stays hidden from everyone else (404).
 */
export function authorizeInstance(
  context: AppLoadContext,
  user: { isInstanceAdmin: boolean },
  action: InstanceAction,
): Decision<null> {
  if (canOnInstance(user, action, context.config)) return { ok: true, value: null };
  return { ok: false, status: action === "create_district" ? 403 : 404 };
}

/** What the UI may offer: the same decision, as booleans. */
export function instancePermissions(context: AppLoadContext, user: { isInstanceAdmin: boolean }) {
  return {
    createDistrict: authorizeInstance(context, user, "create_district").ok,
    manageInstanceAdmins: authorizeInstance(context, user, "manage_instance_admins").ok,
  };
}
