import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { listDataVersions } from "../models/district-data.server";
import { apiRequireDistrict, methodNotAllowed } from "../utils/api.server";

/** The district's data versions: for its admins and staff, who may also download them. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { district } = await apiRequireDistrict(request, context, params.district, "read_data_files");
  const versions = await listDataVersions(context.db, district.id);
  const base = `/api/v1/districts/${district.slug}/data/versions`;
  return json({
    versions: versions.map((v) => ({
      version: v.version,
      schools: v.schools,
      measures: v.measures,
      warnings: v.warnings.length,
      createdAt: v.createdAt.toISOString(),
      createdBy: v.createdByName,
      files: { schools: `${base}/${v.version}/schools.csv`, measures: `${base}/${v.version}/measures.csv` },
    })),
  });
}

export const action = () => methodNotAllowed(["GET"]);
