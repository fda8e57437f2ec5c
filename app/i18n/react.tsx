import { createContext, useContext, useMemo, type ReactNode } from "react";
import { defaultLocale, type Locale } from "./locales";
import { translateCount, translator, type CountKey, type Translate, type Vars } from "./translate";

const LocaleContext = createContext<Locale>(defaultLocale);

export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

/** The translate function for the reader's language. */
export function useT(): Translate {
  const locale = useLocale();
  return useMemo(() => translator(locale), [locale]);
}

/** Counted messages in the reader's language: `tc("comments.replies", 3)` → "3 replies". */
export function useTc(): (key: CountKey, count: number, vars?: Vars) => string {
  const locale = useLocale();
  return useMemo(() => (key, count, vars) => translateCount(locale, key, count, vars), [locale]);
}
