import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { parseDataPackage } from "../domain/district-data/parse";
import { createDataVersion, listDataVersions } from "../models/district-data.server";
import { apiError, apiRequireDistrict, methodNotAllowed } from "../utils/api.server";
import { isRefusal, readDataUpload } from "../utils/data-upload.server";

/** The latest version's summary, or 404 when the district has imported nothing yet. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { district } = await apiRequireDistrict(request, context, params.district, "read");
  const [latest] = await listDataVersions(context.db, district.id);
  if (!latest) return apiError(404, "not_found", "This district has no data yet.");
  return json({ version: latest.version, schools: latest.schools, measures: latest.measures });
}

/** Imports a data package (multipart `schools`, `measures`): all or nothing. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const { auth, district } = await apiRequireDistrict(request, context, params.district, "manage");
  const upload = await readDataUpload(request);
  if (isRefusal(upload)) return apiError(upload.status, upload.code, upload.message);
  const result = parseDataPackage({ schools: upload.schools, measures: upload.measures });
  if (!result.ok) {
    return apiError(422, "invalid_data_package", "The data package has errors; nothing was imported.", result.errors);
  }
  const created = await createDataVersion(context.db, {
    districtId: district.id,
    data: result.data,
    warnings: result.warnings,
    createdBy: auth.user.id,
  });
  return json({ ...created, warnings: result.warnings }, { status: 201 });
}
