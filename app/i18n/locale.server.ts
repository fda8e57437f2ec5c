import { isLocale, negotiateLocale, type Locale } from "./locales";

export const LOCALE_COOKIE = "lang";

/** The reader's language: their saved choice, else what their browser asks for. */
export function getLocale(request: Request): Locale {
  const cookie = request.headers.get("Cookie") ?? "";
  const match = /(?:^|;\s*)lang=([a-z]{2})/.exec(cookie);
  if (match && isLocale(match[1])) return match[1];
  return negotiateLocale(request.headers.get("Accept-Language"));
}

export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}
