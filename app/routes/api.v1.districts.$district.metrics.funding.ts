import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { publishedFunding } from "../domain/diagnostics/published-metrics";
import { methodNotAllowed } from "../utils/api.server";
import { apiRequireDistrictData } from "../utils/district-data-access.server";

/** Spending and novice teachers by poverty quartile, the Q4/Q1 ratio and the progressivity slope. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { version, data, role } = await apiRequireDistrictData(request, context, params.district);
  // Readers who reach the district through one of its workspaces get the restricted table, as everywhere.
  return json({ version, ...publishedFunding(data, { suppressSmallCells: role === null }) });
}

export const action = () => methodNotAllowed(["GET"]);
