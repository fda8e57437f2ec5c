import { redirect, type LoaderFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { escapeHtml } from "../domain/plan-export";
import { getLocale } from "../i18n/locale.server";
import { translate, type MessageKey } from "../i18n/translate";
import styles from "../styles/app.css?url";

/**
 * Whether the request is a browser opening a page (a followed link, a typed
 * address) rather than a script or an API client. Browsers say so with
 * Sec-Fetch-Mode; older ones only by asking for HTML.
 */
export function isBrowserNavigation(request: Request): boolean {
  const mode = request.headers.get("Sec-Fetch-Mode");
  if (mode) return mode === "navigate";
  return /\btext\/html\b/i.test(request.headers.get("Accept") ?? "");
}

type Back = { href: string; label: MessageKey };

/** A refusal as a page in the reader's language, styled like the app, with the way back. */
export function htmlRefusalPage(request: Request, status: number, back: Back): Response {
  const t = (key: MessageKey) => translate(getLocale(request), key);
  const [title, body]: [MessageKey, MessageKey] =
    status === 403
      ? ["error.forbiddenTitle", "error.forbiddenBody"]
      : status === 404
        ? ["error.notFoundTitle", "error.notFoundBody"]
        : status >= 500
          ? ["error.serverTitle", "error.serverBody"]
          : ["error.badRequestTitle", "error.badRequestBody"];
  const html = `<!doctype html>
<html lang="${getLocale(request)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t(title))}</title>
<link rel="stylesheet" href="${escapeHtml(styles)}">
</head>
<body>
<main id="main"><div class="page narrow">
<h1>${escapeHtml(t(title))}</h1>
<p>${escapeHtml(t(body))}</p>
<p><a href="${escapeHtml(back.href)}">${escapeHtml(t(back.label))}</a></p>
</div></main>
</body>
</html>
`;
  return new Response(html, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "private, no-store" },
  });
}

/**
 * An API loader that links in the interface point to (downloads, exports): its
 * refusals stay JSON for programs, but a browser following the link gets a page
 * — sign-in for 401, an error page otherwise — never raw JSON.
 */
export function answerBrowsers(loader: LoaderFunction, back: (args: LoaderFunctionArgs) => Back): LoaderFunction {
  return async (args) => {
    const asPage = (response: Response): Response => {
      if (response.status < 400 || !isBrowserNavigation(args.request)) return response;
      if (response.status === 401) {
        const url = new URL(args.request.url);
        return redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
      }
      return htmlRefusalPage(args.request, response.status, back(args));
    };
    try {
      const result = await loader(args);
      return isResponse(result) ? asPage(result) : result;
    } catch (error) {
      if (isResponse(error)) throw asPage(error);
      throw error;
    }
  };
}

// Duck-typed as Remix does: a Response made by another copy of the fetch API fails `instanceof`.
function isResponse(value: unknown): value is Response {
  const v = value as Response | null;
  return v !== null && typeof v === "object" && typeof v.status === "number" && typeof v.headers?.get === "function";
}
