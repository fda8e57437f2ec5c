import { useState, type FormEvent } from "react";
import { Button } from "../../components/ui/button";
import { Dialog, DialogClose } from "../../components/ui/dialog";
import { Field } from "../../components/ui/field";
import { parseLinkUrl } from "../../domain/link-url";
import { useT } from "../../i18n/react";
import type { MessageKey } from "../../i18n/translate";

const refusalMessage: Record<"empty" | "scheme" | "invalid", MessageKey> = {
  empty: "editor.linkEmpty",
  scheme: "editor.linkScheme",
  invalid: "editor.linkInvalid",
};

/**
 * Adds, changes or removes the link at the selection. Only web and e-mail addresses are
 * accepted (see domain/link-url); anything else is refused with a message beside the field.
 */
export function LinkDialog({
  open,
  current,
  onOpenChange,
  onSave,
  onRemove,
  onClosed,
}: {
  open: boolean;
  /** The selection's link address, or null when it has none. */
  current: string | null;
  onOpenChange: (open: boolean) => void;
  onSave: (href: string) => void;
  onRemove: () => void;
  /** Where focus goes once it closes (back into the document). */
  onClosed: () => void;
}) {
  const t = useT();
  const [error, setError] = useState<MessageKey | null>(null);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = parseLinkUrl(String(new FormData(event.currentTarget).get("href") ?? ""));
    if (!parsed.ok) return setError(refusalMessage[parsed.reason]);
    onSave(parsed.href);
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) setError(null);
        onOpenChange(next);
      }}
      onCloseAutoFocus={(event) => {
        event.preventDefault();
        onClosed();
      }}
      title={t(current ? "editor.linkEditTitle" : "editor.linkAddTitle")}
    >
      <form onSubmit={submit} noValidate className="stack">
        <Field
          label={t("editor.linkAddress")}
          name="href"
          type="url"
          inputMode="url"
          autoComplete="url"
          defaultValue={current ?? ""}
          hint={t("editor.linkHint")}
          error={error ? t(error) : null}
          onChange={() => error && setError(null)}
        />
        <div className="actions">
          <Button type="submit">{t("editor.linkSave")}</Button>
          {current ? (
            <Button variant="danger" onClick={onRemove}>
              {t("editor.linkRemove")}
            </Button>
          ) : null}
          <DialogClose asChild>
            <Button variant="quiet">{t("ui.cancel")}</Button>
          </DialogClose>
        </div>
      </form>
    </Dialog>
  );
}
