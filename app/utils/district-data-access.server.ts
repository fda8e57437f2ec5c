import type { AppLoadContext } from "@remix-run/node";
import { loadDataVersion } from "../models/district-data.server";
import { apiError, apiRequireDistrict, notFoundError } from "./api.server";

/**
 * A district's data for the JSON API: district members only (404 otherwise),
 * the latest version or the one named by `?version=`. `role` is null for a
 * caller who reads the district as a member of one of its workspaces.
 */
export async function apiRequireDistrictData(request: Request, context: AppLoadContext, slug: string | undefined) {
  const { district, role } = await apiRequireDistrict(request, context, slug, "read");
  const raw = new URL(request.url).searchParams.get("version");
  let version: number | null = null;
  if (raw !== null) {
    version = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(version) || version < 1) {
      throw apiError(400, "bad_request", "version must be a positive whole number.");
    }
  }
  const found = await loadDataVersion(context.db, district.id, version);
  if (!found) throw version === null ? apiError(404, "not_found", "This district has no data yet.") : notFoundError();
  return { district, role, ...found };
}
