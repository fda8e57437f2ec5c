import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { toHtmlFragment } from "../domain/plan-export";
import { getLocale } from "../i18n/locale.server";
import { useLocale, useT } from "../i18n/react";
import { stateToJSON } from "../models/plan-content.server";
import { embeddedObjects } from "../models/plan-embeds.server";
import { getVersion } from "../models/plan-versions.server";
import { formatDateTime } from "../utils/format";
import { notFound } from "../utils/guards.server";
import { requirePlan } from "../utils/plan-access.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.plan.title ?? "" }];

/** A saved version, read-only, rendered by the same code as the exports (embedded views as this reader sees them). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, plan, workspace } = await requirePlan(request, context, params);
  const version = await getVersion(context.db, plan.id, params.version ?? "");
  if (!version) throw notFound();
  const doc = stateToJSON(version.state);
  const embedded = await embeddedObjects(context.db, doc, auth.user.id, getLocale(request));
  return json({
    plan: { id: plan.id, title: plan.title, url: `/workspaces/${workspace.slug}/plans/${plan.id}` },
    version: { kind: version.kind, name: version.name, createdAt: version.createdAt.toISOString() },
    html: toHtmlFragment(doc, { embed: embedded.html }),
  });
}

export default function VersionPreview() {
  const { plan, version, html } = useLoaderData<typeof loader>();
  const t = useT();
  const locale = useLocale();
  const when = formatDateTime(version.createdAt, locale);
  const name =
    version.kind === "named"
      ? version.name!
      : `${version.kind === "before_restore" ? t("history.beforeRestore") : t("history.auto")} · ${when}`;
  return (
    <article className="plan-history">
      <p>
        <Link to={`${plan.url}/history`}>← {t("history.versions")}</Link>
      </p>
      <h2>{t("history.previewTitle", { name })}</h2>
      <p className="readonly-note">{t("history.previewNote")}</p>
      <p className="muted">{plan.title}</p>
      {/* Built from escaped text only (plan-export), never raw user HTML. */}
      <div className="version-preview" dangerouslySetInnerHTML={{ __html: html }} />
    </article>
  );
}
