import { useWorkspacePath } from "./paths";
import { Link } from "@remix-run/react";
import { useT } from "../../i18n/react";

type Props = { views: { id: string; title: string }[]; canCreate: boolean; creators: string[] };

/** The workspace's saved charts; when there are none, how to make one or who can. */
export function ViewsSection({ views, canCreate, creators }: Props) {
  const path = useWorkspacePath();
  const t = useT();
  return (
    <section aria-labelledby="views-heading" className="card">
      <h2 id="views-heading">{t("wsViews.heading")}</h2>
      {views.length ? (
        <>
          <ul className="list">
            {views.map((v) => (
              <li key={v.id}>{v.title}</li>
            ))}
          </ul>
          <p>
            <Link to={path("views")}>{t("wsViews.all", { count: views.length })}</Link>
          </p>
        </>
      ) : canCreate ? (
        <div className="empty-state">
          <p>{t("wsViews.emptyCreate")}</p>
          <Link to={path("views")} className="button button--secondary">
            {t("wsViews.build")}
          </Link>
        </div>
      ) : (
        <p className="empty-state">{t("wsViews.emptyWhoCan", { names: creators.join(", ") })}</p>
      )}
    </section>
  );
}
