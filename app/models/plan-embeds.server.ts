import type { Database } from "../../db/client";
import type { DocNode } from "../domain/plan-document";
import { embeddedRefs, embedKey, type EmbedRef } from "../domain/plan-embeds";
import { toHtmlFragment } from "../domain/plan-export";
import { pollResults } from "../domain/poll-results";
import { pollAsDocNodes } from "../domain/poll-to-doc";
import { viewAsDocNodes } from "../domain/diagnostics/view-to-doc";
import { viewToSvg } from "../domain/diagnostics/view-to-svg";
import type { ComputedView } from "../domain/diagnostics/view-spec";
import { unitFormatter, viewTextRenderer } from "../domain/diagnostics/view-text";
import type { Locale } from "../i18n/locales";
import { decimalMoney, numberFormatter } from "../i18n/numbers";
import { translator } from "../i18n/translate";
import { renderDataView } from "./data-views.server";
import { countedBallots, pollOptionsOf } from "./polls.server";
import { authorizeIn } from "./resource-access.server";

/** The embedded results' rule: the one the ballot page names (Method of Equal Shares, add1). */
const EMBED_QUERY = { rule: "equal-shares", utility: "cost", completion: "add1" } as const;

/**
 * The objects a plan's document embeds, each computed for this reader through the one
 * policy (their membership, suppression rules, whether a vote's results are theirs to
 * see yet), for the exports and the version preview: `nodes` gives an object as document
 * nodes, `html` as the drawing of a view's chart (if any) followed by those nodes.
 */
export async function embeddedObjects(db: Database, doc: DocNode, userId: string, locale: Locale) {
  const t = translator(locale);
  const tx = viewTextRenderer(locale);
  const money = decimalMoney(locale);
  const number = numberFormatter(locale, 1);
  // Bars in their unit ("$14,000"); a scatter's columns differ in unit, so plain numbers there.
  const formatOf = (view: ComputedView | null) => (view && !view.points ? unitFormatter(view.unit, locale) : number);
  const views = new Map<string, ComputedView | null>();
  const polls = new Map<string, DocNode[]>();

  for (const ref of embeddedRefs(doc)) {
    if (ref.kind === "view") {
      const outcome = await authorizeIn(db, userId, { kind: "view", id: ref.id }, "read");
      const rendered = outcome.ok
        ? await renderDataView(db, {
            view: outcome.access.view!,
            districtId: outcome.access.district.id,
            readerGroup: outcome.access.membership.stakeholderGroup,
          })
        : null;
      views.set(ref.id, rendered?.view ?? null);
    } else {
      const seen = await authorizeIn(db, userId, { kind: "poll", id: ref.id }, "read");
      const poll = seen.ok ? seen.access.poll! : null;
      const results = poll && (await authorizeIn(db, userId, { kind: "poll", id: ref.id }, "see_results")).ok;
      polls.set(
        ref.id,
        pollAsDocNodes(
          poll,
          poll && results
            ? pollResults(
                { ...poll, options: await pollOptionsOf(db, poll.id) },
                await countedBallots(db, poll.id),
                EMBED_QUERY,
                t,
                money,
              )
            : null,
          t,
          money,
        ),
      );
    }
  }

  const nodes = (ref: EmbedRef): DocNode[] => {
    if (ref.kind === "poll") return polls.get(ref.id) ?? [];
    const view = views.get(ref.id) ?? null;
    return viewAsDocNodes(view, tx, formatOf(view));
  };
  const labels = (view: ComputedView) => ({
    title: tx(view.title),
    categories: view.axes ? [tx(view.axes.x)] : view.categories.map(tx),
    series: view.series.map((s) => tx(s.label)),
    hidden: t("diag.hidden"),
  });
  return {
    nodes,
    html(ref: EmbedRef): string {
      const table = toHtmlFragment({ type: "doc", content: nodes(ref) });
      const view = ref.kind === "view" ? (views.get(ref.id) ?? null) : null;
      const figure = view ? `<figure class="chart">${viewToSvg(view, labels(view), formatOf(view))}</figure>\n` : "";
      return `<div class="embed" data-embed="${embedKey(ref)}">${figure}${table}</div>`;
    },
  };
}
