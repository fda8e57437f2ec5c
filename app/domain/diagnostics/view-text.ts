import type { Locale } from "../../i18n/locales";
import { moneyFormatter, numberFormatter } from "../../i18n/numbers";
import { isMessageKey, translator } from "../../i18n/translate";
import type { Text, Unit } from "./views";

/**
 * A view's text in the reader's language: parameters that are message keys are
 * translated, amounts of money and numbers formatted for the reader. The one
 * translation of view texts, for the browser charts and the server exports alike.
 */
export function viewTextRenderer(locale: Locale): (text: Text) => string {
  const t = translator(locale);
  const signed = moneyFormatter(locale, { signed: true });
  const money = moneyFormatter(locale);
  const number = numberFormatter(locale, 1);
  return (text) => {
    const params = Object.fromEntries(
      Object.entries(text.params ?? {}).map(([k, v]) => [
        k,
        typeof v === "object"
          ? (v.signed ? signed : money)(v.usd)
          : typeof v === "number"
            ? number(v)
            : isMessageKey(v)
              ? t(v)
              : v,
      ]),
    );
    return isMessageKey(text.key) ? t(text.key, params) : text.key;
  };
}

/** A figure of a view in its unit, for the reader: dollars, percents, plain numbers. */
export function unitFormatter(unit: Unit, locale: Locale): (value: number) => string {
  if (unit === "usd") return moneyFormatter(locale);
  const number = numberFormatter(locale, unit === "per1000" ? 2 : 1);
  return unit === "percent" ? (v) => `${number(v)}%` : number;
}
