import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useLocale, useT } from "../i18n/react";

type HeaderUser = { name: string; email: string } | null;

export function SiteHeader({ user }: { user: HeaderUser }) {
  const t = useT();
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <div className="site-header__inner">
        <Link to="/" className="brand">
          {t("app.name")}
        </Link>
        {user ? (
          <nav aria-label={t("nav.main")} className="site-nav">
            <NavLink to="/workspaces">{t("nav.workspaces")}</NavLink>
            <NavLink to="/districts">{t("nav.districts")}</NavLink>
            <NavLink to="/account">{t("nav.account")}</NavLink>
          </nav>
        ) : null}
        <div className="site-header__tools">
          <LanguageSwitcher />
          {user ? (
            <Form method="post" action="/logout">
              <button type="submit" className="button button--quiet">
                {t("nav.signOut")}
              </button>
            </Form>
          ) : (
            <Link to="/login" className="button button--quiet">
              {t("nav.signIn")}
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}

function LanguageSwitcher() {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const other = locale === "en" ? { code: "es", label: "Español" } : { code: "en", label: "English" };
  return (
    <Form method="post" action="/set-language" className="language-switcher">
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button
        type="submit"
        name="lang"
        value={other.code}
        className="button button--quiet"
        aria-label={t("nav.switchLanguage", { language: other.label })}
      >
        {/* Only the language's own name is in that language; the spoken label is in the page's. */}
        <span lang={other.code}>{other.label}</span>
      </button>
    </Form>
  );
}
