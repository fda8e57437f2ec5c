import { FormMessage } from "./ui/field";
import { useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";

export type IntentResult = { intent: string; success?: MessageKey; formError?: MessageKey };

/** The outcome of a page's multi-form action, shown beside the form whose intent produced it. */
export function IntentMessage({ result, intents }: { result: IntentResult | undefined; intents: string[] }) {
  const t = useT();
  if (!result || !intents.includes(result.intent)) return null;
  // Removing a member, a token or an invitation takes the focused button with its row.
  if (result.success)
    return (
      <FormMessage kind="success" catchFocus>
        {t(result.success)}
      </FormMessage>
    );
  if (result.formError) return <FormMessage catchFocus>{t(result.formError)}</FormMessage>;
  return null;
}
