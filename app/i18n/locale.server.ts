import type { AppLoadContext } from "@remix-run/node";
import { isLocale, negotiateLocale, type Locale } from "./locales";

export const LOCALE_COOKIE = "lang";

/** The reader's language: their choice on this device, else their account's as last seen here, else what their browser asks for. */
export function getLocale(request: Request): Locale {
  return localeFrom(request.headers.get("Cookie"), request.headers.get("Accept-Language"));
}

/** The same choice from raw header values, for answers given before the app runs. */
export function localeFrom(cookie: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  return (
    chosenLocaleFrom(cookie) ?? cookieLocale(cookie, ACCOUNT_LOCALE_COOKIE) ?? negotiateLocale(acceptLanguage ?? null)
  );
}

/** The language picked on this device with the language switcher, if any. */
export function chosenLocale(request: Request): Locale | null {
  return chosenLocaleFrom(request.headers.get("Cookie"));
}

const chosenLocaleFrom = (cookie: string | null | undefined) => cookieLocale(cookie, LOCALE_COOKIE);

function cookieLocale(cookie: string | null | undefined, name: string): Locale | null {
  const match = new RegExp(`(?:^|;\\s*)${name}=([a-z]{2})`).exec(cookie ?? "");
  return match && isLocale(match[1]) ? match[1] : null;
}

/**
 * The account's language as last seen on this device, kept apart from a choice made here: a
 * choice made on the device wins over the account's (a shared computer keeps its language), the
 * account's over the browser's. Answers that read only the request (exports, refusals, polls) see
 * it through this cookie; the root loader keeps it up to date.
 */
export const ACCOUNT_LOCALE_COOKIE = "account_lang";

/** A signed-in reader's language: this device's choice, else the account's (written to the device for later answers). */
export function signedInLocale(request: Request, context: AppLoadContext, accountLocale: Locale): Locale {
  const chosen = chosenLocale(request);
  if (chosen) return chosen;
  if (cookieLocale(request.headers.get("Cookie"), ACCOUNT_LOCALE_COOKIE) !== accountLocale) {
    context.responseCookies.push(accountLocaleCookie(accountLocale));
  }
  return accountLocale;
}

export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

export function accountLocaleCookie(locale: Locale): string {
  return `${ACCOUNT_LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

/** Forgets the account's language on this device: the account is gone. */
export function clearedAccountLocaleCookie(): string {
  return `${ACCOUNT_LOCALE_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
}
