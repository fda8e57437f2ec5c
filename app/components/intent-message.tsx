import { RemovalMessage } from "./ui/removal-message";
import { useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";

export type IntentResult = { intent: string; success?: MessageKey; formError?: MessageKey };

/** The outcome of a page's multi-form action, shown beside the form whose intent produced it. */
export function IntentMessage({ result, intents }: { result: IntentResult | undefined; intents: string[] }) {
  const t = useT();
  if (!result || !intents.includes(result.intent)) return null;
  // Removing a member, a token or an invitation takes the focused button with its row.
  if (result.success) return <RemovalMessage kind="success">{t(result.success)}</RemovalMessage>;
  if (result.formError) return <RemovalMessage>{t(result.formError)}</RemovalMessage>;
  return null;
}
