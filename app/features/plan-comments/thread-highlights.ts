import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet, type EditorView } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";

/** A thread's passage as the API gives it: base64 Yjs relative positions. */
export type ThreadAnchorInput = { id: string; start: string; end: string };
type Decoded = { id: string; start: Y.RelativePosition; end: Y.RelativePosition };
type HighlightState = { anchors: Decoded[]; active: string | null; decorations: DecorationSet };
type Meta = { anchors?: Decoded[]; active?: string | null };

export const threadHighlightsKey = new PluginKey<HighlightState>("threadHighlights");

const decode = (b64: string) => Y.decodeRelativePosition(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));

/** Sets the threads to highlight (and which one is open). */
export function setThreadHighlights(view: EditorView, anchors: ThreadAnchorInput[], active: string | null) {
  const decoded = anchors.flatMap((a) => {
    try {
      return [{ id: a.id, start: decode(a.start), end: decode(a.end) }];
    } catch {
      return [];
    }
  });
  view.dispatch(view.state.tr.setMeta(threadHighlightsKey, { anchors: decoded, active } satisfies Meta));
}

/** Where each highlighted thread's passage is now, by thread id (threads on removed text are absent). */
export function threadRanges(state: EditorState): Map<string, { from: number; to: number }> {
  const ranges = new Map<string, { from: number; to: number }>();
  for (const d of threadHighlightsKey.getState(state)?.decorations.find() ?? []) {
    const id = (d.spec as { threadId: string }).threadId;
    const seen = ranges.get(id);
    ranges.set(
      id,
      seen ? { from: Math.min(seen.from, d.from), to: Math.max(seen.to, d.to) } : { from: d.from, to: d.to },
    );
  }
  return ranges;
}

/** The threads whose passage covers `pos`, innermost (shortest) first. */
export function threadsAt(state: EditorState, pos: number): string[] {
  return [...threadRanges(state)]
    .filter(([, r]) => r.from <= pos && pos <= r.to)
    .sort(([, a], [, b]) => a.to - a.from - (b.to - b.from))
    .map(([id]) => id);
}

/**
 * Resolves each anchor against the Y.Doc through the sync binding's mapping (as the collaboration
 * carets do), so a passage is found wherever concurrent edits moved it; a passage whose range is
 * gone draws nothing (the panel lists its thread as on removed text).
 */
function decorate(state: EditorState, anchors: Decoded[], active: string | null): DecorationSet {
  const ystate = ySyncPluginKey.getState(state) as
    { doc: Y.Doc; type: Y.XmlFragment; binding: { mapping: Map<unknown, unknown> } | null } | undefined;
  if (!ystate?.binding || anchors.length === 0) return DecorationSet.empty;
  const { doc, type, binding } = ystate;
  const decorations = anchors.flatMap((a) => {
    const at = (rel: Y.RelativePosition) => {
      try {
        return textPosition(doc, type, rel, binding.mapping);
      } catch {
        return null;
      }
    };
    const from = at(a.start);
    const to = at(a.end);
    if (from === null || to === null || to <= from || to > state.doc.content.size) return [];
    const attrs = {
      class: a.id === active ? "thread-highlight thread-highlight--active" : "thread-highlight",
      "data-thread-id": a.id,
    };
    return [Decoration.inline(from, to, attrs, { threadId: a.id })];
  });
  return DecorationSet.create(state.doc, decorations);
}

/**
 * The editor position of a relative position inside the plan's text, walking up from its text
 * to the root through the binding's mapping, as y-tiptap's relativePositionToAbsolutePosition
 * does; that helper refuses positions at the very start of the document (a quirk for carets),
 * where a passage can well begin. Null when the text or a block holding it is gone.
 */
function textPosition(doc: Y.Doc, root: Y.XmlFragment, rel: Y.RelativePosition, mapping: Map<unknown, unknown>) {
  const abs = Y.createAbsolutePositionFromRelativePosition(rel, doc);
  if (!abs || !(abs.type instanceof Y.XmlText)) return null;
  let type: { _item: Y.Item | null } = abs.type;
  let pos = abs.index;
  while (type !== root) {
    const item = type._item;
    if (!item || item.deleted) return null;
    const parent = item.parent as Y.XmlElement | Y.XmlFragment;
    pos += 1; // the parent's opening
    for (let n = parent._start; n !== null && n !== item; n = n.right) {
      if (n.deleted) continue;
      const child = (n.content as Y.ContentType).type;
      if (child instanceof Y.XmlText) pos += child.length;
      else {
        const node = mapping.get(child) as { nodeSize?: number } | undefined;
        if (typeof node?.nodeSize !== "number") return null;
        pos += node.nodeSize;
      }
    }
    type = parent;
  }
  // The root fragment has no opening of its own.
  return pos - 1;
}

type Options = {
  /** A highlight was chosen: clicked, or by keyboard (Enter / Alt+Enter with the caret in it). */
  onOpen: (threadId: string, byKeyboard: boolean) => void;
  /** Ctrl+Alt+M in the document: comment on the selection. */
  onComment: () => void;
};

/**
 * Highlights for comment threads: decorations drawn from each thread's anchor, never marks
 * in the shared document (commenters may not write to it, and marks travel with copy and paste).
 */
export const ThreadHighlights = Extension.create<Options>({
  name: "threadHighlights",
  addOptions: () => ({ onOpen: () => {}, onComment: () => {} }),
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<HighlightState>({
        key: threadHighlightsKey,
        state: {
          init: () => ({ anchors: [], active: null, decorations: DecorationSet.empty }),
          apply(tr, prev, _old, next) {
            const meta = tr.getMeta(threadHighlightsKey) as Meta | undefined;
            const anchors = meta?.anchors ?? prev.anchors;
            const active = meta && "active" in meta ? (meta.active ?? null) : prev.active;
            // Remote changes (and the binding's first render) come with the sync plugin's meta, after
            // its mapping is updated: resolve again. A local edit only needs the old set mapped.
            if (meta || tr.getMeta(ySyncPluginKey) !== undefined) {
              return { anchors, active, decorations: decorate(next, anchors, active) };
            }
            return tr.docChanged ? { ...prev, decorations: prev.decorations.map(tr.mapping, tr.doc) } : prev;
          },
        },
        props: {
          decorations: (state) => threadHighlightsKey.getState(state)?.decorations,
          handleClick(view, pos) {
            const [id] = threadsAt(view.state, pos);
            if (!id) return false;
            options.onOpen(id, false);
            return false;
          },
          // DOM keydown handlers run in a read-only editor too (handleKeyDown does not).
          handleDOMEvents: {
            keydown(view, event) {
              if (event.ctrlKey && event.altKey && !event.metaKey && event.code === "KeyM") {
                event.preventDefault();
                options.onComment();
                return true;
              }
              if (event.key === "Enter" && (event.altKey || !view.editable) && !event.ctrlKey && !event.metaKey) {
                const [id] = threadsAt(view.state, view.state.selection.from);
                if (!id) return false;
                event.preventDefault();
                options.onOpen(id, true);
                return true;
              }
              return false;
            },
          },
        },
      }),
    ];
  },
});
