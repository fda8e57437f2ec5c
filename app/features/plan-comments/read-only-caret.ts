import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";

const moves: Record<string, [Parameters<Selection["modify"]>[1], Parameters<Selection["modify"]>[2]]> = {
  ArrowLeft: ["backward", "character"],
  ArrowRight: ["forward", "character"],
  ArrowUp: ["backward", "line"],
  ArrowDown: ["forward", "line"],
  Home: ["backward", "lineboundary"],
  End: ["forward", "lineboundary"],
};

/**
 * Keyboard selection in a read-only document, so a commenter can select a passage without a
 * mouse: the arrow keys (with Shift to extend, Ctrl for words) move the browser's selection,
 * which ProseMirror follows. A read-only editor is not contenteditable, so the browser would
 * otherwise only scroll.
 */
export const ReadOnlyCaret = Extension.create({
  name: "readOnlyCaret",
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey("readOnlyCaret"),
        props: {
          handleDOMEvents: {
            keydown(view, event) {
              const move = moves[event.key];
              if (view.editable || !move || event.altKey || event.metaKey) return false;
              const selection = view.dom.ownerDocument.getSelection();
              if (!selection?.modify) return false;
              if (!selection.anchorNode || !view.dom.contains(selection.anchorNode)) {
                // Start from the document's first character.
                const walker = view.dom.ownerDocument.createTreeWalker(view.dom, NodeFilter.SHOW_TEXT);
                const first = walker.nextNode();
                if (!first) return false;
                selection.collapse(first, 0);
                if (!event.shiftKey) {
                  event.preventDefault();
                  return true;
                }
              }
              const [direction, unit] = move;
              const granularity =
                event.ctrlKey && (unit === "character" || unit === "line")
                  ? unit === "character"
                    ? "word"
                    : "paragraphboundary"
                  : unit;
              selection.modify(event.shiftKey ? "extend" : "move", direction, granularity);
              event.preventDefault();
              return true;
            },
          },
        },
      }),
    ];
  },
});
