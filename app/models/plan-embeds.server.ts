import type { Database } from "../../db/client";
import type { DocNode } from "../domain/plan-document";
import { toHtmlFragment } from "../domain/plan-export";
import { embeddedViewIds, viewAsDocNodes } from "../domain/diagnostics/view-to-doc";
import { viewToSvg } from "../domain/diagnostics/view-to-svg";
import type { ComputedView } from "../domain/diagnostics/view-spec";
import { unitFormatter, viewTextRenderer } from "../domain/diagnostics/view-text";
import type { Locale } from "../i18n/locales";
import { numberFormatter } from "../i18n/numbers";
import { translator } from "../i18n/translate";
import { renderDataView } from "./data-views.server";
import { authorizeIn } from "./resource-access.server";

/**
 * The data views a plan's document embeds, each computed for this reader (their
 * membership and suppression rules), for the exports and the version preview:
 * `nodes` gives a view as document nodes (title, table, notes), `html` as a
 * drawing of its chart followed by its data table.
 */
export async function embeddedViews(db: Database, doc: DocNode, userId: string, locale: Locale) {
  const t = translator(locale);
  const tx = viewTextRenderer(locale);
  const number = numberFormatter(locale, 1);
  // Bars in their unit ("$14,000"); a scatter's columns differ in unit, so plain numbers there.
  const formatOf = (view: ComputedView | null) => (view && !view.points ? unitFormatter(view.unit, locale) : number);
  const views = new Map<string, ComputedView | null>();
  for (const id of embeddedViewIds(doc)) {
    const outcome = await authorizeIn(db, userId, { kind: "view", id }, "read");
    const rendered = outcome.ok
      ? await renderDataView(db, {
          view: outcome.access.view!,
          districtId: outcome.access.district.id,
          readerGroup: outcome.access.membership.stakeholderGroup,
        })
      : null;
    views.set(id, rendered?.view ?? null);
  }
  const nodes = (id: string) => viewAsDocNodes(views.get(id) ?? null, tx, formatOf(views.get(id) ?? null));
  const labels = (view: ComputedView) => ({
    title: tx(view.title),
    categories: view.axes ? [tx(view.axes.x)] : view.categories.map(tx),
    series: view.series.map((s) => tx(s.label)),
    hidden: t("diag.hidden"),
  });
  return {
    nodes,
    html(id: string): string {
      const view = views.get(id) ?? null;
      const table = toHtmlFragment({ type: "doc", content: nodes(id) });
      return view ? `<figure class="chart">${viewToSvg(view, labels(view), formatOf(view))}</figure>\n${table}` : table;
    },
  };
}
