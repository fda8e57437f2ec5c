import { numberFormatter } from "../../i18n/numbers";
import { useWorkspacePath } from "./paths";
import { Link } from "@remix-run/react";
import type { WorkspaceHome } from "../../models/workspace-home.server";
import { useLocale, useT } from "../../i18n/react";
import { formatDate } from "../../utils/format";
import { useViewText } from "./view-text";

type Props = { data: WorkspaceHome["data"]; canManageData: boolean; districtSlug: string };

/**
 * The district's latest data version and its headline findings, as the diagnostic shows them
 * to this member (the loader already hid what they may not see); when there is no data, who imports it.
 */
export function DataSection({ data, canManageData, districtSlug }: Props) {
  const path = useWorkspacePath();
  const t = useT();
  const locale = useLocale();
  const formatCount = numberFormatter(locale, 0);
  const text = useViewText();
  return (
    <section aria-labelledby="data-heading" className="card">
      <h2 id="data-heading">{t("wsData.heading")}</h2>
      {data ? (
        <>
          <p className="muted">
            {data.importedBy
              ? t("wsData.versionBy", {
                  version: data.version,
                  date: formatDate(data.importedAt, locale),
                  name: data.importedBy,
                  schools: formatCount(data.schools),
                })
              : t("wsData.version", {
                  version: data.version,
                  date: formatDate(data.importedAt, locale),
                  schools: formatCount(data.schools),
                })}
          </p>
          {data.headlines.length ? (
            <>
              <h3>{t("wsData.findings")}</h3>
              <ul className="headlines">
                {data.headlines.map((h) => (
                  <li key={h.dimension}>
                    <p>{text(h.finding)}</p>
                    <Link to={path(`diagnostic/${h.dimension}`)}>
                      {t("wsData.seeDimension", { dimension: t(`dimension.${h.dimension}`) })}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {data.suppressed ? <p className="muted">{t("diag.suppressedNote")}</p> : null}
          <p>
            <Link to={path("diagnostic")} className="button button--secondary">
              {t("wsData.openDiagnostic")}
            </Link>
          </p>
        </>
      ) : canManageData ? (
        <div className="empty-state">
          <p>{t("wsData.emptyAdmin")}</p>
          <Link to={`/districts/${districtSlug}/data`} className="button">
            {t("wsData.import")}
          </Link>
        </div>
      ) : (
        <p className="empty-state">{t("wsData.emptyWhoCan")}</p>
      )}
    </section>
  );
}
