import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { parseNeedWeights, simulateFunding } from "../domain/diagnostics/funding-simulator";
import { translate } from "../i18n/translate";
import { apiError, methodNotAllowed } from "../utils/api.server";
import { apiRequireDistrictData } from "../utils/district-data-access.server";

/** Each school's current and need-weighted allocation at the same total budget, for the weights in the query. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { version, data, role } = await apiRequireDistrictData(request, context, params.district);
  const parsed = parseNeedWeights(new URL(request.url).searchParams);
  if (!parsed.ok) {
    const fields = Object.fromEntries(Object.entries(parsed.errors).map(([k, key]) => [k, translate("en", key)]));
    return apiError(422, "validation_failed", "Some weights are not valid.", { fields });
  }
  // District admins and staff see every school; a caller who reads the district through one of
  // its workspaces gets small schools hidden, as the workspace's diagnostic does for most members.
  const suppress = role === null;
  const result = simulateFunding(data, parsed.weights, { suppressSmallCells: suppress });
  return json({
    version,
    weights: {
      low_income: parsed.weights.lowIncome,
      english_learner: parsed.weights.englishLearners,
      disability: parsed.weights.studentsWithDisabilities,
    },
    smallCellsHidden: suppress,
    totalBudget: result.totalBudget,
    schools: result.schools,
    excluded: result.excluded,
    summary: result.summary,
  });
}

export const action = () => methodNotAllowed(["GET"]);
