import type { Locale } from "./locales";
import { en, type MessageKey } from "./messages/en";
import { es } from "./messages/es";

/** Every language's messages: the server renders in any of them. */
export const serverDictionaries: Record<Locale, Record<MessageKey, string>> = { en, es };

/** One language's messages, for the root loader to hand the browser (it gets no dictionary as JavaScript). */
export function messagesFor(locale: Locale): Record<MessageKey, string> {
  return serverDictionaries[locale];
}
