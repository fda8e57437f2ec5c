import type { Locale } from "../i18n/locales";
import { intlLocale } from "../i18n/numbers";

/** Dates in the reader's language, in UTC so server and browser render the same text. */
export function formatDateTime(iso: string, locale: Locale): string {
  return (
    new Intl.DateTimeFormat(intlLocale(locale), {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone: "UTC",
    }).format(new Date(iso)) + " UTC"
  );
}

export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: "medium", timeZone: "UTC" }).format(new Date(iso));
}
