import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useT } from "../i18n/react";
import { pageTitle } from "../utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "deletedAccount.title");

/** Where a deleted account lands, signed out. It says nothing about anyone: anybody may open it. */
export default function AccountDeleted() {
  const t = useT();
  return (
    <div className="page narrow">
      <h1>{t("deletedAccount.heading")}</h1>
      <p>{t("deletedAccount.body")}</p>
      <p>
        <Link to="/">{t("app.name")}</Link> · <Link to="/signup">{t("home.createAccount")}</Link>
      </p>
    </div>
  );
}
