import { useEffect, useState } from "react";
import { useT } from "../i18n/react";

type Props = {
  /** The text to copy. */
  value: string;
  /** The id of the read-only field showing `value`: selected when the clipboard cannot be used. */
  fieldId: string;
  /** The button's text, e.g. "Copy link". */
  label: string;
};

/**
 * Copies a value shown once (an invitation link, a token) to the clipboard. Where the
 * clipboard is not available (an insecure origin, a refused permission) it selects the
 * field's text instead and says how to copy it. The outcome is announced to screen readers.
 */
export function CopyButton({ value, fieldId, label }: Props) {
  const t = useT();
  const [outcome, setOutcome] = useState<"copied" | "selected" | null>(null);
  // The button only works with JavaScript: without it, the field alone is shown (select and copy by hand).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  // A new value (another link created) has not been copied yet.
  useEffect(() => setOutcome(null), [value]);

  async function copy() {
    setOutcome(null);
    try {
      if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
      await navigator.clipboard.writeText(value);
      setOutcome("copied");
    } catch {
      const field = document.getElementById(fieldId);
      if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
        field.focus();
        field.select();
      }
      setOutcome("selected");
    }
  }

  return (
    <div className="copy-button">
      {hydrated ? (
        <button type="button" className="button button--secondary" onClick={copy}>
          {label}
        </button>
      ) : null}
      {/* Always rendered, so assistive technology is listening before the text changes. A live region
          without role="status": the page's own status message (e.g. "Invitation link created") stays the only one. */}
      <span className="copy-button__status" aria-live="polite" aria-atomic="true">
        {outcome === "copied" ? t("copy.done") : outcome === "selected" ? t("copy.selected") : ""}
      </span>
    </div>
  );
}
