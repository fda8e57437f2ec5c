import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { studentGroups, type StudentGroup } from "../domain/district-data/types";
import { algebraAccess, valueOrNull, type AlgebraGroupAccess } from "../domain/metrics";
import { algebraFiguresShown } from "../domain/diagnostics/views";
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
  const result = algebraAccess(data, reference, focal);
  // Readers who reach the district through one of its workspaces (not its admins and
  // staff) get small groups hidden, decided as in the diagnostic's own view.
  const shown = algebraFiguresShown(data, [reference, focal], { suppressSmallCells: role === null });
  const figures = ["access", "assignment", "rate"] as const;
  const hidden = [result.reference, result.focal].some((g) =>
    figures.some((k) => shown.get(g.group)![k] === null && valueOrNull(g[k]) !== null)
  );
  const group = (g: AlgebraGroupAccess) => ({ group: g.group, ...shown.get(g.group)! });
  // The gap and its parts would give a hidden figure back.
  const derived = (f: Parameters<typeof valueOrNull>[0]) => (hidden ? null : valueOrNull(f));
  return json({
    version,
    reference: group(result.reference),
    focal: group(result.focal),
    gap: derived(result.gap),
    accessPart: derived(result.accessPart),
    assignmentPart: derived(result.assignmentPart),
    accessShare: derived(result.accessShare),
    smallCellsHidden: hidden,
  });
}

export const action = () => methodNotAllowed(["GET"]);
