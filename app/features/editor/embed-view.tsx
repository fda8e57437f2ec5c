import { NodeViewWrapper, ReactNodeViewRenderer, type NodeViewProps } from "@tiptap/react";
import { useEffect, useRef, useState } from "react";
import type { ComputedView } from "../../domain/diagnostics/view-spec";
import { embedRefOf } from "../../domain/plan-embeds";
import { DataViewNode } from "../../domain/plan-schema/data-view-node";
import { EmbedNode } from "../../domain/plan-schema/embed-node";
import { useT } from "../../i18n/react";
import { useDataVersion } from "../data-views/data-version";
import { DataViewFigure } from "../data-views/data-view-figure";
import { PollEmbed } from "../polls/poll-embed";

type Loaded =
  | { state: "loading" }
  | { state: "missing" }
  | { state: "ready"; viewId: string; view: ComputedView | null; version: number | null; pinned: boolean };

/** A saved view, computed for this reader; fetched again when an import announces a newer version. */
function ViewEmbed({ viewId }: { viewId: string }) {
  const t = useT();
  const latest = useDataVersion();
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const current = useRef(loaded);
  current.current = loaded;
  // Loads the view, and again when an import announces a version it does not show
  // (a view pinned to a version never changes).
  useEffect(() => {
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

  return loaded.state === "loading" ? (
    <p className="muted">{t("view.loading")}</p>
  ) : loaded.state === "missing" ? (
    <p className="readonly-note">{t("view.unavailable")}</p>
  ) : loaded.view ? (
    <DataViewFigure view={loaded.view} threads={{ kind: "view", id: loaded.viewId }} />
  ) : (
    <p className="muted">{t("view.noData")}</p>
  );
}

/** Every embedded object's live view: the node names a kind and an id, the reader's copy is fetched. */
function EmbedView({ node, selected }: NodeViewProps) {
  const t = useT();
  const ref = embedRefOf({ type: node.type.name, attrs: node.attrs });
  return (
    <NodeViewWrapper
      className={`data-view-embed${selected ? " data-view-embed--selected" : ""}`}
      data-embed-kind={ref?.kind ?? ""}
      // Kept for views: what stylesheets and the browser tests have always found a view by.
      data-view-id={ref?.kind === "view" ? ref.id : undefined}
    >
      {!ref ? (
        <p className="readonly-note">{t("view.unavailable")}</p>
      ) : ref.kind === "view" ? (
        <ViewEmbed viewId={ref.id} />
      ) : (
        <PollEmbed pollId={ref.id} />
      )}
    </NodeViewWrapper>
  );
}

const withView = { addNodeView: () => ReactNodeViewRenderer(EmbedView) };

/** The embed nodes with their live views, for the browser editor only. */
export const EmbedWithView = EmbedNode.extend(withView);
export const DataViewWithView = DataViewNode.extend(withView);
