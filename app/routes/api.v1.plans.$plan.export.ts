import type { LoaderFunctionArgs } from "@remix-run/node";
import { toHtmlFragment, toHtmlPage, toMarkdown } from "../domain/plan-export";
import { can } from "../domain/permissions";
import type { DocNode } from "../domain/plan-document";
import { embeddedViewIds, expandDataViews, viewAsDocNodes } from "../domain/diagnostics/view-to-doc";
import { viewToSvg } from "../domain/diagnostics/view-to-svg";
import type { ComputedView } from "../domain/diagnostics/view-spec";
import type { Text } from "../domain/diagnostics/views";
import { getLocale } from "../i18n/locale.server";
import type { Locale } from "../i18n/locales";
import { isMessageKey, translator } from "../i18n/translate";
import { getDataViewAccess, renderDataView } from "../models/data-views.server";
import { planDocument } from "../models/plan-content.server";
import { getPlanAccess } from "../models/plans.server";
import { apiError, apiRequireUser, notFoundError } from "../utils/api.server";

const FORMATS = ["md", "html", "json"] as const;

/** A plan's stored text as Markdown, a print-ready HTML page, or the document JSON. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = await apiRequireUser(request, context);
  const access = await getPlanAccess(context.db, params.plan ?? "", user.id);
  if (!access) throw notFoundError();
  const format = new URL(request.url).searchParams.get("format") ?? "md";
  if (!(FORMATS as readonly string[]).includes(format)) {
    return apiError(400, "bad_request", "format must be md, html or json.");
  }
  const locale = getLocale(request);
  const doc = await planDocument(context.db, access.plan.id);
  const title = access.plan.title;
  const filename =
    title
      .replace(/[^\p{L}\p{N} _-]+/gu, "")
      .trim()
      .replace(/\s+/g, "-")
      .slice(0, 80) || "plan";
  if (format === "json") {
    return new Response(JSON.stringify({ id: access.plan.id, title, document: doc }), {
      headers: { "Content-Type": "application/json; charset=utf-8" },
    });
  }
  const embedded = await embeddedViews(context, doc, user.id, locale);
  if (format === "html") {
    // Each embedded view: a drawing of its chart, then its data as a table.
    const dataView = (id: string) => {
      const view = embedded.views.get(id) ?? null;
      const table = toHtmlFragment({ type: "doc", content: embedded.nodes(id) });
      return view
        ? `<figure class="chart">${viewToSvg(view, embedded.labels(view), embedded.format)}</figure>\n${table}`
        : table;
    };
    return new Response(toHtmlPage(doc, { title, lang: locale, dataView }), {
      headers: { "Content-Type": "text/html; charset=utf-8" },
    });
  }
  return new Response(toMarkdown(expandDataViews(doc, embedded.nodes), title), {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}.md"`,
    },
  });
}

/** The data views a plan embeds, each computed for this reader (their suppression rules). */
async function embeddedViews(context: LoaderFunctionArgs["context"], doc: DocNode, userId: string, locale: Locale) {
  const t = translator(locale);
  const tx = (text: Text) => {
    const params = Object.fromEntries(
      Object.entries(text.params ?? {}).map(([k, v]) => [k, typeof v === "string" && isMessageKey(v) ? t(v) : v])
    );
    return isMessageKey(text.key) ? t(text.key, params) : text.key;
  };
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const format = (v: number) => number.format(v);
  const views = new Map<string, ComputedView | null>();
  for (const id of embeddedViewIds(doc)) {
    const access = await getDataViewAccess(context.db, id, userId);
    const rendered =
      access && can(access.role, "read")
        ? await renderDataView(context.db, {
            view: access.view,
            districtId: access.districtId,
            readerGroup: access.stakeholderGroup,
          })
        : null;
    views.set(id, rendered?.view ?? null);
  }
  return {
    views,
    format,
    nodes: (id: string) => viewAsDocNodes(views.get(id) ?? null, tx, format),
    labels: (view: ComputedView) => ({
      title: tx(view.title),
      categories: view.axes ? [tx(view.axes.x)] : view.categories.map(tx),
      series: view.series.map((s) => tx(s.label)),
      hidden: t("diag.hidden"),
    }),
  };
}
