import { en, type MessageKey } from "./messages/en";
import { es } from "./messages/es";
import type { Locale } from "./locales";

export type { MessageKey };
const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, es };

export type Vars = Record<string, string | number>;

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

/** The message for a key in a language, with {placeholders} filled in. Unknown keys fall back to English. */
export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const template = dictionaries[locale][key] ?? en[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export type Translate = (key: MessageKey, vars?: Vars) => string;

export function translator(locale: Locale): Translate {
  return (key, vars) => translate(locale, key, vars);
}
