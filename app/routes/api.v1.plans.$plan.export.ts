import type { LoaderFunctionArgs } from "@remix-run/node";
import { expandEmbeds } from "../domain/plan-embeds";
import { toHtmlPage, toMarkdown } from "../domain/plan-export";
import { notesHtml, notesMarkdown, type NoteLabels } from "../domain/plan-notes";
import { getLocale } from "../i18n/locale.server";
import { translate } from "../i18n/translate";
import { planDocument } from "../models/plan-content.server";
import { embeddedObjects } from "../models/plan-embeds.server";
import { planWithNotes } from "../models/plan-notes.server";
import { apiError } from "../utils/api.server";
import { answerBrowsers } from "../utils/browser-refusal.server";
import { attachmentDisposition } from "../utils/content-disposition";
import { apiRequirePlan } from "../utils/plan-access.server";

const FORMATS = ["md", "html", "json"] as const;

/**
 * A plan's stored text as Markdown, a print-ready HTML page, or the document JSON. Linked from
 * the plan page. `comments=1` adds its open threads as numbered notes (Markdown and HTML).
 */
export const loader = answerBrowsers(exportPlan, () => ({ href: "/workspaces", label: "data.backToWorkspaces" }));

async function exportPlan({ request, context, params }: LoaderFunctionArgs) {
  const { plan, auth } = await apiRequirePlan(request, context, params.plan);
  const user = auth.user;
  const search = new URL(request.url).searchParams;
  const format = search.get("format") ?? "md";
  if (!(FORMATS as readonly string[]).includes(format)) {
    return apiError(400, "bad_request", "format must be md, html or json.");
  }
  const comments = search.get("comments");
  if (comments !== null && comments !== "0" && comments !== "1") {
    return apiError(400, "bad_request", "comments must be 1 (include the open threads) or 0.");
  }
  const locale = getLocale(request);
  const title = plan.title;
  const filename =
    title
      .replace(/[^\p{L}\p{N} _-]+/gu, "")
      .trim()
      .replace(/\s+/g, "-")
      .slice(0, 80) || "plan";
  if (format === "json") {
    const doc = await planDocument(context.db, plan.id);
    return new Response(JSON.stringify({ id: plan.id, title, document: doc }), {
      headers: { "Content-Type": "application/json; charset=utf-8" },
    });
  }
  const { doc, notes } =
    comments === "1"
      ? await planWithNotes(context.db, plan, locale)
      : { doc: await planDocument(context.db, plan.id), notes: [] };
  const labels: NoteLabels = {
    heading: translate(locale, "export.commentsHeading"),
    removed: translate(locale, "export.passageRemoved"),
    deleted: translate(locale, "export.commentDeleted"),
    hidden: translate(locale, "export.commentHidden"),
  };
  const embedded = await embeddedObjects(context.db, doc, user.id, locale);
  if (format === "html") {
    return new Response(
      toHtmlPage(doc, { title, lang: locale, embed: embedded.html, appendix: notesHtml(notes, labels) }),
      { headers: { "Content-Type": "text/html; charset=utf-8" } },
    );
  }
  return new Response(toMarkdown(expandEmbeds(doc, embedded.nodes), title, notesMarkdown(notes, labels)), {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": attachmentDisposition(`${filename}${comments === "1" ? "-comments" : ""}.md`),
    },
  });
}
