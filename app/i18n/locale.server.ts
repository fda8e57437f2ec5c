import { isLocale, negotiateLocale, type Locale } from "./locales";

export const LOCALE_COOKIE = "lang";

/** The reader's language: their saved choice, else what their browser asks for. */
export function getLocale(request: Request): Locale {
  return localeFrom(request.headers.get("Cookie"), request.headers.get("Accept-Language"));
}

/** The same choice from raw header values, for answers given before the app runs. */
export function localeFrom(cookie: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  const match = /(?:^|;\s*)lang=([a-z]{2})/.exec(cookie ?? "");
  if (match && isLocale(match[1])) return match[1];
  return negotiateLocale(acceptLanguage ?? null);
}

export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
