import { FormMessage } from "./ui/field";
import { useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";

export type IntentResult = { intent: string; success?: MessageKey; formError?: MessageKey };

/** The outcome of a page's multi-form action, shown beside the form whose intent produced it. */
export function IntentMessage({ result, intents }: { result: IntentResult | undefined; intents: string[] }) {
  const t = useT();
  if (!result || !intents.includes(result.intent)) return null;
  if (result.success) return <FormMessage kind="success">{t(result.success)}</FormMessage>;
  if (result.formError) return <FormMessage>{t(result.formError)}</FormMessage>;
  return null;
}
