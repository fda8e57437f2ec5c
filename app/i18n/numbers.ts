import type { Locale } from "./locales";

/**
 * The formatting locale of each interface language. Our readers are in US
 * districts and amounts are US dollars: Spanish readers get US Spanish
 * ("$14,000", "-$74"), as their dates already are (utils/format.ts), never
 * a mix with Spain's "14.000 US$".
 */
export function intlLocale(locale: Locale): string {
  return locale === "es" ? "es-US" : "en-US";
}

export type MoneyOptions = {
  /** "+$250" and "-$250": for differences. */
  signed?: boolean;
  /** "$1.2M": for axis ticks, where room is short. */
  compact?: boolean;
};

/** Formats US dollar amounts for a reader: the one place the app turns a number into money. */
export function moneyFormatter(locale: Locale, options: MoneyOptions = {}): (value: number) => string {
  const format = new Intl.NumberFormat(intlLocale(locale), {
    style: "currency",
    currency: "USD",
    signDisplay: options.signed ? "exceptZero" : "auto",
    ...(options.compact
      ? { notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1 }
      : { minimumFractionDigits: 0, maximumFractionDigits: 0 }),
  });
  // Rounded to whole dollars, -0.4 would print as "-$0".
  return (value) => format.format(Object.is(Math.round(value), -0) ? 0 : value);
}

export function formatMoney(value: number, locale: Locale, options: MoneyOptions = {}): string {
  return moneyFormatter(locale, options)(value);
}

/** Plain numbers for a reader ("1,234.5"), with at most `maximumFractionDigits` decimals. */
export function numberFormatter(locale: Locale, maximumFractionDigits = 1): (value: number) => string {
  const format = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits });
  return (value) => format.format(value);
}

/** Exact decimal amounts ("50000.5") as money with cents when there are any: "$50,000.50", "$40,000". */
export function decimalMoney(locale: Locale): (decimal: string) => string {
  const whole = new Intl.NumberFormat(intlLocale(locale), {
    style: "currency",
    currency: "USD",
    maximumFractionDigits: 0,
  });
  const cents = new Intl.NumberFormat(intlLocale(locale), {
    style: "currency",
    currency: "USD",
    minimumFractionDigits: 2,
  });
  return (decimal) => {
    const value = Number(decimal);
    return Number.isInteger(value) ? whole.format(value) : cents.format(value);
  };
}
