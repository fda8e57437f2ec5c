import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { fundingByQuartile, valueOrNull } from "../domain/metrics";
import { methodNotAllowed } from "../utils/api.server";
import { apiRequireDistrictData } from "../utils/district-data-access.server";

/** Spending and novice teachers by poverty quartile, the Q4/Q1 ratio and the progressivity slope. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { version, data } = await apiRequireDistrictData(request, context, params.district);
  const result = fundingByQuartile(data);
  return json({
    version,
    quartiles: result.quartiles.map((q) => ({
      quartile: q.quartile,
      schools: q.schools,
      enrollment: q.enrollment,
      perPupilSpending: valueOrNull(q.perPupilSpending),
      noviceTeacherShare: valueOrNull(q.noviceTeacherShare),
    })),
    ratioQ4toQ1: valueOrNull(result.ratioQ4toQ1),
    progressivitySlopePer10pts: valueOrNull(result.progressivitySlopePer10pts),
  });
}

export const action = () => methodNotAllowed(["GET"]);
