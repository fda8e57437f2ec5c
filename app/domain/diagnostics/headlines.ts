import type { Dimension } from "../plan-templates";
import type { DataPackage } from "../district-data/types";
import { diagnosticViews, type Text, type ViewOptions } from "./views";

/** The dimensions whose first finding a workspace's home shows, in this order: money, courses, attendance. */
export const HEADLINE_DIMENSIONS: readonly Dimension[] = ["school_funding", "rigorous_content", "school_climate"];

export type Headline = { dimension: Dimension; viewId: string; finding: Text };

/**
 * The first finding of each headline dimension, taken from the diagnostic's own views for
 * this reader, so a finding here is word for word the one the diagnostic shows them, with
 * the same figures hidden; a dimension without a finding is left out.
 */
export function headlineFindings(data: DataPackage, options: ViewOptions): Headline[] {
  return HEADLINE_DIMENSIONS.flatMap((dimension) => {
    const view = diagnosticViews(data, dimension, options).find((v) => v.finding !== null);
    return view?.finding ? [{ dimension, viewId: view.id, finding: view.finding }] : [];
  });
}
