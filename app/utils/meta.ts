import type { MetaDescriptor } from "@remix-run/node";
import { isLocale } from "../i18n/locales";
import { translate, type MessageKey, type Vars } from "../i18n/translate";

type Match = { id: string; data: unknown };

/** A translated document title, from the language the root loader chose. */
export function pageTitle(matches: Match[], key: MessageKey, vars?: Vars): MetaDescriptor[] {
  const rootData = matches.find((m) => m.id === "root")?.data as { locale?: string } | undefined;
  const locale = isLocale(rootData?.locale) ? rootData.locale : "en";
  return [{ title: `${translate(locale, key, vars)} · ${translate(locale, "app.name")}` }];
}
