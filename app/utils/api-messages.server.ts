import { isMessageKey, translate } from "../i18n/translate";

/** Field messages that are i18n keys, in English for API clients. */
export function translateMessages(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, isMessageKey(v) ? translate("en", v) : v]));
}
