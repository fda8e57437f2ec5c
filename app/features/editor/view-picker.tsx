import { useEffect, useRef, useState } from "react";
import { useT } from "../../i18n/react";

type Choice = { id: string; title: string };

/** A small dialog listing the workspace's saved views; Escape or Cancel closes it. */
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
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let stop = false;
    void fetch(`/api/v1/workspaces/${encodeURIComponent(workspace)}/views`, { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : { views: [] }))
      .then((body: { views: Choice[] }) => !stop && setViews(body.views));
    return () => {
      stop = true;
    };
  }, [workspace]);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>("button")?.focus();
  }, [views]);
  return (
    <div
      ref={ref}
      className="view-picker card"
      role="dialog"
      aria-modal="false"
      aria-labelledby="view-picker-title"
      onKeyDown={(e) => e.key === "Escape" && onClose()}
    >
      <h3 id="view-picker-title">{t("view.choose")}</h3>
      {views === null ? (
        <p className="muted">{t("view.loading")}</p>
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
      <button type="button" className="button button--secondary" onClick={onClose}>
        {t("plan.cancel")}
      </button>
    </div>
  );
}
