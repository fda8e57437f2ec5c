import { NodeViewWrapper, ReactNodeViewRenderer, type NodeViewProps } from "@tiptap/react";
import { useEffect, useState } from "react";
import type { ComputedView } from "../../domain/diagnostics/view-spec";
import { useT } from "../../i18n/react";
import { DataViewFigure } from "../data-views/data-view-figure";
import { DataViewNode } from "./data-view-node";

type Loaded =
  | { state: "loading" }
  | { state: "missing" }
  | { state: "ready"; view: ComputedView | null; version: number | null };

// New data versions reach open plans within this interval.
const REFRESH_MS = 15_000;

function DataViewEmbed({ node, selected }: NodeViewProps) {
  const t = useT();
  const viewId = node.attrs.viewId as string | null;
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  useEffect(() => {
    if (!viewId) return setLoaded({ state: "missing" });
    let stop = false;
    const load = async () => {
      if (document.visibilityState === "hidden") return;
      try {
        const res = await fetch(`/api/v1/views/${encodeURIComponent(viewId)}`, { credentials: "same-origin" });
        if (stop) return;
        if (!res.ok) return setLoaded({ state: "missing" });
        const body = (await res.json()) as { view: ComputedView | null; version: number | null };
        // Only re-render when the data changed: a new version, or a first load.
        setLoaded((prev) =>
          prev.state === "ready" && prev.version === body.version
            ? prev
            : { state: "ready", view: body.view, version: body.version }
        );
      } catch {
        // Offline: keep showing what was loaded; the next round tries again.
      }
    };
    void load();
    const timer = setInterval(load, REFRESH_MS);
    document.addEventListener("visibilitychange", load);
    return () => {
      stop = true;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", load);
    };
  }, [viewId]);

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
        <DataViewFigure view={loaded.view} />
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
