import { Link } from "@remix-run/react";
import { useT } from "../i18n/react";

type Props = {
  /** The site's origin, so the example looks like the links people actually receive. */
  origin: string;
  /** Districts the reader belongs to (without a workspace yet). */
  districts: { slug: string; name: string }[];
  /** Whether this account may create a district (an administrator, or DISTRICT_CREATION=anyone). */
  canCreateDistrict: boolean;
};

/** For someone with no workspace: people join through an invitation from their district. */
export function HowToJoin({ origin, districts, canCreateDistrict }: Props) {
  const t = useT();
  return (
    <>
      <section aria-labelledby="join-heading" className="card how-to-join">
        <h2 id="join-heading">{t("join.heading")}</h2>
        <p>{t("join.lead")}</p>
        <p>{t("join.linkLooksLike")}</p>
        <p>
          {/* An example, not a link: a made-up token would only lead to "not valid". */}
          <code className="how-to-join__example">{`${origin}/invite/k7Qm2xV9…`}</code>
        </p>
        <p>{t("join.open")}</p>
        <h3>{t("join.whoToAskHeading")}</h3>
        <p>{t("join.whoToAsk")}</p>
      </section>
      {districts.length ? (
        <section aria-labelledby="join-districts-heading" className="card">
          <h2 id="join-districts-heading">{t("join.districtsHeading")}</h2>
          <p>{t("join.districts")}</p>
          <ul>
            {districts.map((d) => (
              <li key={d.slug}>
                <Link to={`/districts/${d.slug}`}>{d.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {canCreateDistrict ? (
        <section aria-labelledby="join-create-heading" className="card">
          <h2 id="join-create-heading">{t("join.createHeading")}</h2>
          <p>{t("join.createHelp")}</p>
          <p>
            <Link to="/districts" className="button button--secondary">
              {t("workspaces.startDistrict")}
            </Link>
          </p>
        </section>
      ) : null}
    </>
  );
}
