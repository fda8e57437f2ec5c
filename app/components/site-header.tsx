import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { LogOut, Menu } from "lucide-react";
import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { useLocale, useT } from "../i18n/react";
import { NotificationBell } from "./notification-bell";

// The sheet (Radix Dialog) loads on the first tap of Menu: every page downloads the header,
// and on wide screens the menu is never used.
const Sheet = lazy(() => import("./ui/sheet").then((m) => ({ default: m.Sheet })));

type HeaderUser = { name: string; email: string; unread: number } | null;

/**
 * The site header. On wide screens the navigation is laid out in it; below 48em (phones)
 * it collapses into a Menu button that opens the same links in a sheet, so the header
 * stays one line high. CSS picks which one shows: both render on the server alike.
 */
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
          <nav aria-label={t("nav.main")} className="site-nav site-header__wide">
            <NavLinks />
          </nav>
        ) : null}
        {/* Without JavaScript the Menu button cannot open: keep the full header instead. */}
        <noscript
          dangerouslySetInnerHTML={{
            __html:
              "<style>.site-header__wide{display:flex!important}.site-header__narrow{display:none!important}.site-header__inner{flex-wrap:wrap!important}</style>",
          }}
        />
        <div className="site-header__tools">
          {/* Signed in, on a phone, the language is in the menu (the header has room for one button). */}
          <LanguageSwitcher className={user ? "site-header__wide" : undefined} />
          {user ? (
            <>
              <NotificationBell unread={user.unread} revision={user} />
              <SignOut className="site-header__wide" />
              <PhoneMenu />
            </>
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

function NavLinks() {
  const t = useT();
  const links = [
    ["/workspaces", t("nav.workspaces")],
    ["/districts", t("nav.districts")],
    ["/account", t("nav.account")],
  ] as const;
  return (
    <>
      {links.map(([to, label]) => (
        <NavLink key={to} to={to}>
          {label}
        </NavLink>
      ))}
    </>
  );
}

function SignOut({ className }: { className?: string }) {
  const t = useT();
  return (
    <Form method="post" action="/logout" className={className}>
      <button type="submit" className="button button--quiet">
        {t("nav.signOut")}
      </button>
    </Form>
  );
}

/** The navigation at phone width: a Menu button and a sheet with the links and Sign out. */
function PhoneMenu() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [wanted, setWanted] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const navigated = useRef(false);
  const location = useLocation();
  // Any navigation (a link here, Back) closes the menu.
  useEffect(() => {
    navigated.current = true;
    setOpen(false);
  }, [location.key]);
  return (
    <>
      <button
        ref={button}
        type="button"
        className="button button--quiet button--with-icon site-header__narrow"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => {
          navigated.current = false;
          setWanted(true);
          setOpen(true);
        }}
      >
        <Menu aria-hidden="true" size={20} />
        {t("nav.menu")}
      </button>
      {wanted ? (
        <Suspense fallback={null}>
          <Sheet
            open={open}
            onOpenChange={setOpen}
            title={t("nav.menu")}
            className="phone-menu"
            // Start on the first link (Radix skips links when it chooses where focus starts).
            onOpenAutoFocus={(event) => {
              event.preventDefault();
              (event.currentTarget as HTMLElement | null)?.querySelector<HTMLElement>(".phone-menu__nav a")?.focus();
            }}
            // Back to the Menu button when closed in place; after following a link, focus stays with the new page.
            onCloseAutoFocus={(event) => {
              event.preventDefault();
              if (!navigated.current) button.current?.focus();
            }}
          >
            <nav aria-label={t("nav.main")} className="phone-menu__nav">
              <NavLinks />
            </nav>
            <div className="phone-menu__tools">
              <LanguageSwitcher />
            </div>
            <Form method="post" action="/logout" className="phone-menu__signout">
              <button type="submit" className="button button--secondary button--with-icon">
                <LogOut aria-hidden="true" size={18} />
                {t("nav.signOut")}
              </button>
            </Form>
          </Sheet>
        </Suspense>
      ) : null}
    </>
  );
}

function LanguageSwitcher({ className }: { className?: string | undefined }) {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const other = locale === "en" ? { code: "es", label: "Español" } : { code: "en", label: "English" };
  return (
    <Form
      method="post"
      action="/set-language"
      className={className ? `language-switcher ${className}` : "language-switcher"}
    >
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
