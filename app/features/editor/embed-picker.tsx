import { useEffect, useState } from "react";
import { Dialog, DialogClose } from "../../components/ui/dialog";
import type { EmbedKind } from "../../domain/plan-embeds";
import { useT } from "../../i18n/react";
import type { MessageKey } from "../../i18n/translate";

type Choice = { id: string; title: string; state?: string; workspaceName?: string };

/** Where each kind's choices come from, and how the dialog speaks of them. */
const kinds: Record<
  EmbedKind,
  { list: (workspace: string) => string; key: string; title: MessageKey; none: MessageKey }
> = {
  view: { list: (w) => `/api/v1/workspaces/${w}/views`, key: "views", title: "view.choose", none: "view.none" },
  poll: {
    list: (w) => `/api/v1/workspaces/${w}/polls?scope=district`,
    key: "polls",
    title: "poll.choose",
    none: "poll.none",
  },
};

/** The kit's dialog listing the workspace's saved views or votes; Escape, Close or Cancel closes it. */
export function EmbedPicker({
  kind,
  workspace,
  onPick,
  onClose,
}: {
  kind: EmbedKind;
  workspace: string;
  onPick: (id: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [choices, setChoices] = useState<Choice[] | null>(null);
  const source = kinds[kind];
  useEffect(() => {
    let stop = false;
    void fetch(source.list(encodeURIComponent(workspace)), { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : {}))
      .then((body: Record<string, Choice[] | undefined>) => !stop && setChoices(body[source.key] ?? []));
    return () => {
      stop = true;
    };
  }, [workspace, source]);
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t(source.title)}
      // The editor takes focus back itself (onClose), at the place the object goes.
      onCloseAutoFocus={(event) => event.preventDefault()}
    >
      {choices === null ? (
        <p className="muted" role="status">
          {t("view.loading")}
        </p>
      ) : choices.length === 0 ? (
        <p>{t(source.none)}</p>
      ) : (
        <ul className="list">
          {choices.map((c) => (
            <li key={c.id}>
              <button type="button" className="button button--quiet" onClick={() => onPick(c.id)}>
                {c.title}
                {c.state
                  ? ` (${[c.workspaceName, t(`polls.state.${c.state}` as MessageKey)].filter(Boolean).join(" · ")})`
                  : ""}
              </button>
            </li>
          ))}
        </ul>
      )}
      <DialogClose asChild>
        <button type="button" className="button button--secondary">
          {t("plan.cancel")}
        </button>
      </DialogClose>
    </Dialog>
  );
}
