import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { json } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { SiteHeader } from "./components/site-header";
import { messagesFor } from "./i18n/dictionaries.server";
import { getLocale, signedInLocale } from "./i18n/locale.server";
import { unreadNotificationCount } from "./models/notifications.server";
import { defaultLocale, isLocale, type Locale } from "./i18n/locales";
import { LocaleProvider, useT } from "./i18n/react";
import { registerMessages } from "./i18n/translate";
import { BODY_LIMITS } from "./utils/body-limits";
import { getAuth } from "./utils/session.server";
import { useNonce } from "./utils/nonce";
import styles from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.ico", sizes: "any" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await getAuth(request, context);
  const locale = auth ? signedInLocale(request, context, auth.user.locale) : getLocale(request);
  return json({
    locale,
    // The reader's language only, as data: the browser bundle carries no dictionary.
    messages: messagesFor(locale),
    user: auth
      ? {
          id: auth.user.id,
          name: auth.user.name,
          email: auth.user.email,
          // The bell's count; it follows actions (the root revalidates after them) and live events.
          unread: await unreadNotificationCount(context.db, auth.user.id),
        }
      : null,
  });
}

export type RootData = typeof loader;

// The root's data (who is signed in, their language and its messages) changes only through
// actions (sign-in, sign-out, account, language); a link or a search does not re-send the dictionary.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod !== undefined && formMethod.toUpperCase() !== "GET" ? defaultShouldRevalidate : false;

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<RootData>("root");
  const error = useRouteError();
  const nonce = useNonce();
  const locale = data?.locale ?? localeOfRefusal(error) ?? defaultLocale;
  // Before anything below translates (titles in <Meta />, the header): idempotent.
  if (data?.messages && data.locale === locale) registerMessages(locale, data.messages);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <LocaleProvider locale={locale}>
          <SiteHeader user={data?.user ?? null} />
          <main id="main" tabIndex={-1}>
            {children}
          </main>
        </LocaleProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

// A refused action (utils/forms.server.ts pageRefusal) names the language to answer in.
function localeOfRefusal(error: unknown): Locale | null {
  if (!isRouteErrorResponse(error)) return null;
  const locale: unknown = (error.data as { locale?: unknown } | null)?.locale;
  return isLocale(locale) ? locale : null;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, body] =
    status === 404
      ? [t("error.notFoundTitle"), t("error.notFoundBody")]
      : status === 403
        ? [t("error.forbiddenTitle"), t("error.forbiddenBody")]
        : status === 413
          ? [t("error.tooLargeTitle"), t("error.tooLargeBody", { size: `${BODY_LIMITS.form / 1024} KB` })]
          : status === 400 || status === 415
            ? [t("error.badRequestTitle"), t("error.badRequestBody")]
            : [t("error.serverTitle"), t("error.serverBody")];
  return (
    <div className="page narrow">
      <title>{title}</title>
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <a href="/">{t("error.backHome")}</a>
      </p>
    </div>
  );
}
