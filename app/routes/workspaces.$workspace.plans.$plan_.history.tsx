import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { IntentMessage, type IntentResult } from "../components/intent-message";
import { Field } from "../components/ui/field";
import { fieldErrors, versionSchema } from "../domain/validation";
import { useLocale, useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";
import { getVersion, listVersions, restoreVersion, saveVersion } from "../models/plan-versions.server";
import { readForm } from "../utils/forms.server";
import { formatDateTime } from "../utils/format";
import { notFound } from "../utils/guards.server";
import { requirePlan } from "../utils/plan-access.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.plan.title ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { plan, workspace, may } = await requirePlan(request, context, params);
  const versions = await listVersions(context.db, plan.id);
  return json({
    plan: {
      id: plan.id,
      title: plan.title,
      url: `/workspaces/${workspace.slug}/plans/${plan.id}`,
      archived: plan.archivedAt !== null,
    },
    canEdit: may("edit"),
    versions: versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
  });
}

type ActionData = IntentResult & { fields?: Record<string, string>; name?: string };

export async function action({ request, context, params }: ActionFunctionArgs) {
  // Saving and restoring change the plan's text: editors and owners only.
  const { auth, plan, conflict } = await requirePlan(request, context, params, "edit");
  const { values } = await readForm(request);
  const intent = values.intent ?? "";
  if (intent !== "save" && intent !== "restore") {
    return json<ActionData>({ intent, formError: "error.unknownAction" }, { status: 400 });
  }
  // An archived plan is frozen: no new versions and no restores until the plan itself is restored.
  if (conflict) {
    return json<ActionData>({ intent, formError: "plan.archivedReadOnly" }, { status: 409 });
  }
  if (intent === "save") {
    const parsed = versionSchema.safeParse(values);
    if (!parsed.success) {
      // The name comes back, so that a page rendered without JavaScript keeps what was typed.
      return json<ActionData>({ intent, fields: fieldErrors(parsed.error), name: values.name ?? "" }, { status: 400 });
    }
    await saveVersion(context.db, { planId: plan.id, kind: "named", name: parsed.data.name, createdBy: auth.user.id });
    return json<ActionData>({ intent, success: "history.saved" });
  }
  const version = await getVersion(context.db, plan.id, values.version ?? "");
  if (!version) throw notFound();
  await restoreVersion(context.db, context.plans, { planId: plan.id, version, userId: auth.user.id });
  return json<ActionData>({ intent, success: "history.restored" });
}

export default function PlanHistory() {
  const { plan, canEdit, versions } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const locale = useLocale();
  const saveForm = useRef<HTMLFormElement>(null);
  // A saved name is done with: clear the field for the next one. On an error it stays, to be corrected.
  useEffect(() => {
    if (data?.intent === "save" && data.success) saveForm.current?.reset();
  }, [data]);
  const label = (v: (typeof versions)[number]) =>
    v.kind === "named" ? v.name! : v.kind === "before_restore" ? t("history.beforeRestore") : t("history.auto");
  return (
    <article className="plan-history">
      <p>
        <Link to={plan.url}>← {t("history.back")}</Link>
      </p>
      <h2>{t("history.title", { plan: plan.title })}</h2>
      <p className="lead">{t("history.lead")}</p>
      {plan.archived ? <p className="readonly-note">{t("plan.isArchived")}</p> : null}
      <IntentMessage result={data} intents={["save", "restore"]} />
      {canEdit ? (
        <Form method="post" className="card stack" ref={saveForm}>
          <input type="hidden" name="intent" value="save" />
          <Field
            label={t("history.name")}
            name="name"
            defaultValue={data?.intent === "save" && data.fields ? data.name : undefined}
            required
            maxLength={120}
            error={data?.fields?.name ? t(data.fields.name as MessageKey) : null}
          />
          <button type="submit" className="button button--secondary">
            {t("history.saveNamed")}
          </button>
        </Form>
      ) : null}
      <section aria-labelledby="versions-heading" className="card">
        <h3 id="versions-heading">{t("history.versions")}</h3>
        {versions.length === 0 ? (
          <p>{t("history.none")}</p>
        ) : (
          <ul className="list version-list">
            {versions.map((v) => {
              const when = formatDateTime(v.createdAt, locale);
              return (
                <li key={v.id}>
                  <span>
                    <strong>{label(v)}</strong>
                    <br />
                    <span className="muted">
                      {v.createdByName ? t("history.by", { date: when, name: v.createdByName }) : when}
                    </span>
                  </span>
                  <span className="actions">
                    <Link
                      to={`${plan.url}/history/${v.id}`}
                      aria-label={`${t("history.preview")}: ${label(v)}, ${when}`}
                    >
                      {t("history.preview")}
                    </Link>
                    {canEdit ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="restore" />
                        <input type="hidden" name="version" value={v.id} />
                        <button
                          type="submit"
                          className="button button--quiet"
                          aria-label={`${t("history.restore")}: ${label(v)}, ${when}`}
                        >
                          {t("history.restore")}
                        </button>
                      </Form>
                    ) : null}
                  </span>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </article>
  );
}
