import { useEffect, useState } from "react";
import { Dialog, DialogClose } from "../../components/ui/dialog";
import { useT } from "../../i18n/react";

type Choice = { id: string; title: string };

/** The kit's dialog listing the workspace's saved views; Escape, Close or Cancel closes it. */
export function ViewPicker({
  workspace,
  onPick,
  onClose,
}: {
  workspace: string;
  onPick: (id: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [views, setViews] = useState<Choice[] | null>(null);
  useEffect(() => {
    let stop = false;
    void fetch(`/api/v1/workspaces/${encodeURIComponent(workspace)}/views`, { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : { views: [] }))
      .then((body: { views: Choice[] }) => !stop && setViews(body.views));
    return () => {
      stop = true;
    };
  }, [workspace]);
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t("view.choose")}
      // The editor takes focus back itself (onClose), at the place the view goes.
      onCloseAutoFocus={(event) => event.preventDefault()}
    >
      {views === null ? (
        <p className="muted" role="status">
          {t("view.loading")}
        </p>
      ) : views.length === 0 ? (
        <p>{t("view.none")}</p>
      ) : (
        <ul className="list">
          {views.map((v) => (
            <li key={v.id}>
              <button type="button" className="button button--quiet" onClick={() => onPick(v.id)}>
                {v.title}
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
