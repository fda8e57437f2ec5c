import { redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useT } from "../i18n/react";
import { pageTitle } from "../utils/meta";
import { getAuth } from "../utils/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "home.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  if (await getAuth(request, context)) throw redirect("/workspaces");
  return null;
}

export default function Home() {
  const t = useT();
  return (
    <div className="page home">
      <div className="home__intro">
        <div>
          <h1>{t("home.heading")}</h1>
          <p className="lead">{t("home.lead")}</p>
          <p>{t("home.forWhom")}</p>
          <ul className="home__points">
            <li>{t("home.pointPlans")}</li>
            <li>{t("home.pointData")}</li>
            <li>{t("home.pointVoices")}</li>
          </ul>
          <p className="actions">
            <Link to="/signup" className="button">
              {t("home.createAccount")}
            </Link>
            <Link to="/login" className="button button--secondary">
              {t("nav.signIn")}
            </Link>
          </p>
        </div>
        {/* A static file from our own origin: allowed by the Content-Security-Policy's img-src 'self'. */}
        <img
          className="home__picture"
          src="/illustrations/plan-beside-data.svg"
          alt={t("home.illustrationAlt")}
          width={560}
          height={360}
        />
      </div>
      <section aria-labelledby="join-heading" className="card home__join">
        <h2 id="join-heading">{t("home.joinHeading")}</h2>
        <p>{t("home.joinBody")}</p>
        <p>
          {t("home.haveAccount")} <Link to="/login">{t("nav.signIn")}</Link>
        </p>
      </section>
    </div>
  );
}
