import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { IntentMessage, type IntentResult } from "../components/intent-message";
import { Field } from "../components/ui/field";
import type { Actions } from "../domain/policy";
import { fieldErrors, planSchema } from "../domain/validation";
import { PlanEditor } from "../features/editor/plan-editor";
import { useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";
import { deletePlan, renamePlan, setPlanArchived } from "../models/plans.server";
import { readForm } from "../utils/forms.server";
import { forbidden } from "../utils/guards.server";
import { planCommentRights } from "../utils/comment-rights";
import { requirePlan } from "../utils/plan-access.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.plan.title ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, plan, workspace, member, may, decision } = await requirePlan(request, context, params);
  return json({
    workspaceSlug: workspace.slug,
    plan: { id: plan.id, title: plan.title, archived: plan.archivedAt !== null },
    user: { id: auth.user.id, name: auth.user.name },
    can: {
      edit: may("edit"),
      // Archive or restore, whichever the plan's state offers.
      manage: decision("archive") !== "forbidden",
      delete: may("delete"),
    },
    comments: planCommentRights(member, plan.archivedAt !== null),
  });
}

type ActionData = IntentResult & { fields?: Record<string, string> };

/** The right each form intent needs. */
const intentAction: Record<string, Actions["plan"]> = {
  rename: "edit",
  archive: "archive",
  restore: "unarchive",
  delete: "delete",
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { plan, workspace, decision } = await requirePlan(request, context, params);
  const { values } = await readForm(request);
  const intent = values.intent ?? "";
  const needed = Object.hasOwn(intentAction, intent) ? decision(intentAction[intent]!) : null;
  // The same 403 as the guards give a member whose role lacks the right: the app's error page.
  if (needed === "forbidden") throw forbidden();
  switch (intent) {
    case "rename": {
      // The role was checked above; what is left is the plan being archived.
      if (needed === "conflict") {
        return json<ActionData>({ intent, formError: "plan.archivedReadOnly" }, { status: 409 });
      }
      const parsed = planSchema.pick({ title: true }).safeParse(values);
      if (!parsed.success) return json<ActionData>({ intent, fields: fieldErrors(parsed.error) }, { status: 400 });
      await renamePlan(context.db, plan.id, parsed.data.title);
      return json<ActionData>({ intent, success: "plan.renamed" });
    }
    case "archive":
    case "restore":
      // Archiving an archived plan (a second click) changes nothing and says so as before.
      await setPlanArchived(context.db, plan.id, intent === "archive");
      context.plans.rightsChanged();
      return json<ActionData>({ intent, success: intent === "archive" ? "plan.archived" : "plan.restored" });
    case "delete":
      if (values.confirm !== "yes")
        return json<ActionData>({ intent, formError: "plan.deleteConfirmMissing" }, { status: 400 });
      await deletePlan(context.db, plan.id);
      return redirect(`/workspaces/${workspace.slug}`);
    default:
      return json<ActionData>({ intent, formError: "error.unknownAction" }, { status: 400 });
  }
}

export default function PlanPage() {
  const { plan, user, workspaceSlug, can: allowed, comments } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  return (
    <article className="plan">
      <h2 className="plan__title">{plan.title}</h2>
      {/* In the page itself, so it shows before the editor loads, and without JavaScript. */}
      {plan.archived ? <p className="readonly-note">{t("plan.isArchived")}</p> : null}
      {/* A plain GET form: the file downloads (or the print page opens) without JavaScript, with or without notes. */}
      <form method="get" action={`/api/v1/plans/${plan.id}/export`} className="actions plan__exports">
        <span className="muted">{t("plan.export")}:</span>
        <label className="checkbox">
          <input type="checkbox" name="comments" value="1" />
          {t("export.includeComments")}
        </label>
        <button type="submit" name="format" value="md" className="button button--quiet">
          {t("plan.exportMarkdown")}
        </button>
        <button type="submit" name="format" value="html" formTarget="_blank" className="button button--quiet">
          {t("plan.exportPrint")}
        </button>
      </form>
      <p>
        <Link to={`/workspaces/${workspaceSlug}/plans/${plan.id}/history`}>{t("plan.history")}</Link>
      </p>
      <PlanEditor
        key={plan.id}
        planId={plan.id}
        workspace={workspaceSlug}
        canEdit={allowed.edit}
        readOnlyNote={plan.archived ? null : "editor.readOnly"}
        user={user}
        comments={comments}
      />
      {allowed.edit || allowed.manage ? (
        <details className="card plan__settings">
          <summary>{t("plan.settings")}</summary>
          <IntentMessage result={data} intents={["rename", "archive", "restore", "delete"]} />
          {allowed.edit ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="rename" />
              <Field
                label={t("plan.title")}
                name="title"
                defaultValue={plan.title}
                required
                error={data?.fields?.title ? t(data.fields.title as MessageKey) : null}
              />
              <button type="submit" className="button button--secondary">
                {t("plan.rename")}
              </button>
            </Form>
          ) : null}
          <div className="actions">
            {allowed.manage ? (
              <Form method="post">
                <input type="hidden" name="intent" value={plan.archived ? "restore" : "archive"} />
                <button type="submit" className="button button--secondary">
                  {plan.archived ? t("plan.restore") : t("plan.archive")}
                </button>
              </Form>
            ) : null}
            {allowed.delete ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="delete" />
                <label className="checkbox">
                  <input type="checkbox" name="confirm" value="yes" required />
                  {t("plan.deleteConfirm")}
                </label>
                <button type="submit" className="button button--danger">
                  {t("plan.delete")}
                </button>
              </Form>
            ) : null}
          </div>
        </details>
      ) : null}
    </article>
  );
}
