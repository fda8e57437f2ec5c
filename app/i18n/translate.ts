import type { MessageKey } from "./messages/en";
import type { Locale } from "./locales";
import { intlLocale, numberFormatter } from "./numbers";
// On the server, every language. The browser build gets an empty module here (a `.server`
// file): it receives only the reader's language, as root loader data (registerMessages), so
// no page makes a visitor download both dictionaries as JavaScript (tests/unit budget test).
import { serverDictionaries } from "./dictionaries.server";

export type { MessageKey };
export type Messages = Record<MessageKey, string>;
const dictionaries: Partial<Record<Locale, Messages>> = { ...serverDictionaries };

/** Makes a language's messages available to `translate` in the browser (the root layout does it). */
export function registerMessages(locale: Locale, messages: Messages): void {
  if (dictionaries[locale] !== messages) dictionaries[locale] = messages;
}

export type Vars = Record<string, string | number>;

export function isMessageKey(key: string): key is MessageKey {
  return Object.values(dictionaries).some((d) => Object.prototype.hasOwnProperty.call(d, key));
}

/** The message for a key in a language, with {placeholders} filled in. Unknown keys fall back to English. */
export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const template = dictionaries[locale]?.[key] ?? dictionaries.en?.[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export type Translate = (key: MessageKey, vars?: Vars) => string;

export function translator(locale: Locale): Translate {
  return (key, vars) => translate(locale, key, vars);
}

/** Message keys counted with plural forms: `<base>.one` and `<base>.other` both exist. */
export type CountKey = {
  [K in MessageKey]: K extends `${infer Base}.other` ? (`${Base}.one` extends MessageKey ? Base : never) : never;
}[MessageKey];

/**
 * The message for a count, in the form the language's plural rules pick (Intl.PluralRules):
 * "1 reply" / "3 replies", "1 respuesta" / "3 respuestas". `{count}` is the count, written
 * for the reader. Categories a catalogue lacks (Spanish has "many") fall back to "other".
 */
export function translateCount(locale: Locale, key: CountKey, count: number, vars?: Vars): string {
  const category = new Intl.PluralRules(intlLocale(locale)).select(count);
  const form = (category === "one" ? `${key}.one` : `${key}.other`) as MessageKey;
  return translate(locale, form, { count: numberFormatter(locale, 0)(count), ...vars });
}
