import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { studentGroups, type StudentGroup } from "../domain/district-data/types";
import { publishedAlgebraAccess } from "../domain/diagnostics/published-metrics";
import { apiError, methodNotAllowed } from "../utils/api.server";
import { apiRequireDistrictData } from "../utils/district-data-access.server";

const isGroup = (g: string | null): g is StudentGroup => g !== null && (studentGroups as readonly string[]).includes(g);

/** The grade 8 Algebra 1 gap between two groups, split into access and assignment. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { version, data, role } = await apiRequireDistrictData(request, context, params.district);
  const search = new URL(request.url).searchParams;
  const reference = search.get("reference");
  const focal = search.get("focal");
  if (!isGroup(reference) || !isGroup(focal)) {
    return apiError(400, "bad_request", `reference and focal must be student groups: ${studentGroups.join(", ")}.`);
  }
  // Readers who reach the district through one of its workspaces (not its admins and
  // staff) get the restricted table, as in the diagnostic's own view.
  return json({ version, ...publishedAlgebraAccess(data, reference, focal, { suppressSmallCells: role === null }) });
}

export const action = () => methodNotAllowed(["GET"]);
