import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
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
import { getLocale } from "./i18n/locale.server";
import { defaultLocale } from "./i18n/locales";
import { LocaleProvider, useT } from "./i18n/react";
import { getAuth } from "./utils/session.server";
import { useNonce } from "./utils/nonce";
import styles from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.ico", sizes: "any" },
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await getAuth(request, context);
  return json({
    locale: getLocale(request),
    user: auth ? { id: auth.user.id, name: auth.user.name, email: auth.user.email } : null,
  });
}

export type RootData = typeof loader;

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<RootData>("root");
  const nonce = useNonce();
  const locale = data?.locale ?? defaultLocale;
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

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, body] =
    status === 404
      ? [t("error.notFoundTitle"), t("error.notFoundBody")]
      : status === 403
      ? [t("error.forbiddenTitle"), t("error.forbiddenBody")]
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
