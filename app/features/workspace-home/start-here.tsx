import { useWorkspacePath } from "./paths";
import { Link } from "@remix-run/react";
import { useT } from "../../i18n/react";

type Props = {
  district: string;
  plans: { id: string; title: string }[];
  hasData: boolean;
};

/**
 * For a member who reads rather than writes (a family, a coalition): the one thing the
 * workspace invites them to do, before anything else on the page. A plan first (each open
 * plan, so a plan kept in two languages offers both); else the district's data.
 */
export function StartHere({ district, plans, hasData }: Props) {
  const path = useWorkspacePath();
  const t = useT();
  if (plans.length === 0 && !hasData) return null;
  return (
    <section aria-labelledby="start-heading" className="card start-here">
      <h2 id="start-heading">{t("wsHome.startHere")}</h2>
      <p>{t(plans.length ? "wsHome.startHerePlan" : "wsHome.startHereData", { district })}</p>
      <p className="actions">
        {plans.length ? (
          plans.slice(0, 2).map((p) => (
            <Link key={p.id} to={path(`plans/${p.id}`)} className="button">
              {t("wsHome.readPlan", { title: p.title })}
            </Link>
          ))
        ) : (
          <Link to={path("diagnostic")} className="button">
            {t("wsHome.seeData")}
          </Link>
        )}
      </p>
    </section>
  );
}
