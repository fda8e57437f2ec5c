import { NodeViewWrapper, ReactNodeViewRenderer, type NodeViewProps } from "@tiptap/react";
import { useEffect, useRef, useState } from "react";
import type { ComputedView } from "../../domain/diagnostics/view-spec";
import { useT } from "../../i18n/react";
import { useDataVersion } from "../data-views/data-version";
import { DataViewFigure } from "../data-views/data-view-figure";
import { DataViewNode } from "../../domain/plan-schema/data-view-node";

type Loaded =
  | { state: "loading" }
  | { state: "missing" }
  | { state: "ready"; viewId: string; view: ComputedView | null; version: number | null; pinned: boolean };

function DataViewEmbed({ node, selected }: NodeViewProps) {
  const t = useT();
  const viewId = node.attrs.viewId as string | null;
  const latest = useDataVersion();
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const current = useRef(loaded);
  current.current = loaded;
  // Loads the view, and again when an import announces a version it does not show
  // (a view pinned to a version never changes).
  useEffect(() => {
    if (!viewId) return setLoaded({ state: "missing" });
    const shown = current.current;
    // ProseMirror may hand this node view another node (a remote edit inserting a view
    // before this one): what is shown must then be that view, never the last one's.
    const same = shown.state === "ready" && shown.viewId === viewId;
    if (same && (shown.pinned || latest === null || shown.version === latest)) return;
    if (!same && shown.state !== "loading") setLoaded({ state: "loading" });
    let stop = false;
    void (async () => {
      try {
        const res = await fetch(`/api/v1/views/${encodeURIComponent(viewId)}`, { credentials: "same-origin" });
        if (stop) return;
        if (!res.ok) return setLoaded({ state: "missing" });
        const body = (await res.json()) as {
          view: ComputedView | null;
          version: number | null;
          pinnedVersion: number | null;
        };
        if (!stop)
          setLoaded({
            state: "ready",
            viewId,
            view: body.view,
            version: body.version,
            pinned: body.pinnedVersion !== null,
          });
      } catch {
        // Offline: keep showing what was loaded; the next announced version tries again.
      }
    })();
    return () => {
      stop = true;
    };
  }, [viewId, latest]);

  return (
    <NodeViewWrapper
      className={`data-view-embed${selected ? " data-view-embed--selected" : ""}`}
      data-view-id={viewId ?? ""}
    >
      {loaded.state === "loading" ? (
        <p className="muted">{t("view.loading")}</p>
      ) : loaded.state === "missing" ? (
        <p className="readonly-note">{t("view.unavailable")}</p>
      ) : loaded.view ? (
        <DataViewFigure view={loaded.view} threads={{ kind: "view", id: loaded.viewId }} />
      ) : (
        <p className="muted">{t("view.noData")}</p>
      )}
    </NodeViewWrapper>
  );
}

/** The data view node with its live React view, for the browser editor only. */
export const DataViewWithView = DataViewNode.extend({
  addNodeView() {
    return ReactNodeViewRenderer(DataViewEmbed);
  },
});
