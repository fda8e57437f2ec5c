import { useWorkspacePath } from "./paths";
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useLocale, useT } from "../../i18n/react";
import { formatDate } from "../../utils/format";

type Plan = { id: string; title: string; updatedAt: string; lastEdit: { by: string; at: string } | null };

type Props = {
  plans: Plan[];
  archivedPlans: { id: string; title: string }[];
  canCreate: boolean;
  /** Who may create plans, named for members who may not. */
  creators: string[];
  /** The full "create a plan" form, for members who may. */
  createForm: ReactNode;
};

/** The workspace's plans with who edited each last and when; when there are none, what to do next. */
export function PlansSection({ plans, archivedPlans, canCreate, creators, createForm }: Props) {
  const path = useWorkspacePath();
  const t = useT();
  const locale = useLocale();
  return (
    <section aria-labelledby="plans-heading" className="card">
      <h2 id="plans-heading">{t("plans.heading")}</h2>
      {plans.length ? (
        <ul className="list plan-list">
          {plans.map((p) => (
            <li key={p.id}>
              <Link to={path(`plans/${p.id}`)}>{p.title}</Link>
              <span className="muted">
                {p.lastEdit
                  ? t("plans.editedBy", { name: p.lastEdit.by, date: formatDate(p.lastEdit.at, locale) })
                  : t("plans.updated", { date: formatDate(p.updatedAt, locale) })}
              </span>
            </li>
          ))}
        </ul>
      ) : canCreate ? (
        <div className="empty-state">
          <p>{t("plans.emptyCreate")}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="create-plan" />
            <input type="hidden" name="template" value="equity_action_plan" />
            <input type="hidden" name="title" value={t("planTemplate.equity_action_plan")} />
            <button type="submit" className="button">
              {t("plans.startFromTemplate")}
            </button>
          </Form>
        </div>
      ) : (
        <p className="empty-state">{t("plans.emptyWhoCan", { names: creators.join(", ") })}</p>
      )}
      {archivedPlans.length ? (
        <details>
          <summary>{t("plans.archived", { count: archivedPlans.length })}</summary>
          <ul className="list">
            {archivedPlans.map((p) => (
              <li key={p.id}>
                <Link to={path(`plans/${p.id}`)}>{p.title}</Link>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {canCreate ? createForm : null}
    </section>
  );
}
