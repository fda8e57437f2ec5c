import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { studentGroups, type StudentGroup } from "../domain/district-data/types";
import { algebraAccess, valueOrNull, type AlgebraGroupAccess } from "../domain/metrics";
import { apiError, methodNotAllowed } from "../utils/api.server";
import { apiRequireDistrictData } from "../utils/district-data-access.server";

const isGroup = (g: string | null): g is StudentGroup => g !== null && (studentGroups as readonly string[]).includes(g);

/** The grade 8 Algebra 1 gap between two groups, split into access and assignment. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { version, data } = await apiRequireDistrictData(request, context, params.district);
  const search = new URL(request.url).searchParams;
  const reference = search.get("reference");
  const focal = search.get("focal");
  if (!isGroup(reference) || !isGroup(focal)) {
    return apiError(400, "bad_request", `reference and focal must be student groups: ${studentGroups.join(", ")}.`);
  }
  const result = algebraAccess(data, reference, focal);
  const group = (g: AlgebraGroupAccess) => ({
    group: g.group,
    access: valueOrNull(g.access),
    assignment: valueOrNull(g.assignment),
    rate: valueOrNull(g.rate),
  });
  return json({
    version,
    reference: group(result.reference),
    focal: group(result.focal),
    gap: valueOrNull(result.gap),
    accessPart: valueOrNull(result.accessPart),
    assignmentPart: valueOrNull(result.assignmentPart),
    accessShare: valueOrNull(result.accessShare),
  });
}

export const action = () => methodNotAllowed(["GET"]);
