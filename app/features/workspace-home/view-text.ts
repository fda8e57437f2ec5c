import { useMemo } from "react";
import { viewTextRenderer } from "../../domain/diagnostics/view-text";
import { useLocale } from "../../i18n/react";

/** Translates a diagnostic text (a finding) for the reader: keys, money and numbers, as the charts do. */
export function useViewText() {
  const locale = useLocale();
  return useMemo(() => viewTextRenderer(locale), [locale]);
}
