import type { LoaderFunctionArgs } from "@remix-run/node";
import { expandDataViews } from "../domain/diagnostics/view-to-doc";
import { toHtmlPage, toMarkdown } from "../domain/plan-export";
import { getLocale } from "../i18n/locale.server";
import { planDocument } from "../models/plan-content.server";
import { embeddedViews } from "../models/plan-embeds.server";
import { apiError } from "../utils/api.server";
import { answerBrowsers } from "../utils/browser-refusal.server";
import { attachmentDisposition } from "../utils/content-disposition";
import { apiRequirePlan } from "../utils/plan-access.server";

const FORMATS = ["md", "html", "json"] as const;

/** A plan's stored text as Markdown, a print-ready HTML page, or the document JSON. Linked from the plan page. */
export const loader = answerBrowsers(exportPlan, () => ({ href: "/workspaces", label: "data.backToWorkspaces" }));

async function exportPlan({ request, context, params }: LoaderFunctionArgs) {
  const access = await apiRequirePlan(request, context, params.plan);
  const { user } = access.auth;
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
  const embedded = await embeddedViews(context.db, doc, user.id, locale);
  if (format === "html") {
    return new Response(toHtmlPage(doc, { title, lang: locale, dataView: embedded.html }), {
      headers: { "Content-Type": "text/html; charset=utf-8" },
    });
  }
  return new Response(toMarkdown(expandDataViews(doc, embedded.nodes), title), {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": attachmentDisposition(`${filename}.md`),
    },
  });
}
