import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { parseNeedWeights, simulateFunding } from "../domain/diagnostics/funding-simulator";
import { diagnosticViews } from "../domain/diagnostics/views";
import { requiresSmallCellSuppression } from "../domain/metrics";
import { dimensions, type Dimension } from "../domain/plan-templates";
import { DataViewFigure } from "../features/data-views/data-view-figure";
import { FundingSimulator } from "../features/funding-simulator/funding-simulator";
import { useT } from "../i18n/react";
import { loadDataVersion } from "../models/district-data.server";
import { notFound, requireWorkspace } from "../utils/guards.server";
import { pageTitle } from "../utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "diag.title");

/** The district's data, dimension by dimension, as every member of the workspace may see it. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { district, membership, workspace } = await requireWorkspace(request, context, params.workspace, "read");
  const dimension = (params.dimension ?? "school_funding") as Dimension;
  if (!dimensions.includes(dimension)) throw notFound();
  const found = await loadDataVersion(context.db, district.id, null);
  // Small cells are removed here, on the server: hidden figures never reach these members' browsers.
  const suppress = requiresSmallCellSuppression(membership.stakeholderGroup);
  // School funding carries the need-weighted simulator; its weights come from the query string.
  const weights = found && dimension === "school_funding" ? parseNeedWeights(new URL(request.url).searchParams) : null;
  return json({
    workspace: workspace.slug,
    dimension,
    version: found?.version ?? null,
    suppressed: suppress,
    views: found ? diagnosticViews(found.data, dimension, { suppressSmallCells: suppress }) : [],
    simulator:
      found && weights
        ? {
            values: weights.values,
            errors: weights.ok ? null : weights.errors,
            simulation: weights.ok
              ? simulateFunding(found.data, weights.weights, { suppressSmallCells: suppress })
              : null,
          }
        : null,
  });
}

export default function Diagnostic() {
  const { workspace, dimension, version, suppressed, views, simulator } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section aria-labelledby="diagnostic-heading" className="diagnostic">
      <h2 id="diagnostic-heading">{t("diag.title")}</h2>
      {version === null ? (
        <p>{t("diag.noData")}</p>
      ) : (
        <>
          <p className="lead">{t("diag.lead", { version })}</p>
          <nav aria-label={t("diag.dimensions")} className="dimension-nav">
            <ul>
              {dimensions.map((d) => (
                <li key={d}>
                  {/* Absolute: a relative link resolves against the optional dimension segment
                      (…/diagnostic/diagnostic/x). The default dimension is current on …/diagnostic too. */}
                  <Link
                    to={`/workspaces/${workspace}/diagnostic/${d}`}
                    aria-current={d === dimension ? "page" : undefined}
                  >
                    {t(`dimension.${d}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          <h3 className="dimension-title">{t(`dimension.${dimension}`)}</h3>
          {suppressed ? <p className="muted">{t("diag.suppressedNote")}</p> : null}
          {views.map((v) => (
            <DataViewFigure
              key={v.id}
              view={v}
              headingLevel={4}
              threads={{ kind: "diagnostic", id: `${dimension}.${v.id}`, workspace }}
            />
          ))}
          {simulator ? <FundingSimulator {...simulator} /> : null}
        </>
      )}
    </section>
  );
}
