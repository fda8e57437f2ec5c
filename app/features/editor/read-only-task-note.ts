import { Extension } from "@tiptap/core";
import { Plugin, PluginKey } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";

/**
 * For readers who may not edit: a visible sentence before each task list saying why its
 * boxes cannot be ticked. A read-only list otherwise looks like a ballot that ignores taps.
 * Only added to read-only editors; a decoration, so the stored document never holds it.
 */
export const ReadOnlyTaskNote = Extension.create<{ note: string }>({
  name: "readOnlyTaskNote",
  addOptions: () => ({ note: "" }),
  addProseMirrorPlugins() {
    const { note } = this.options;
    return [
      new Plugin({
        key: new PluginKey("readOnlyTaskNote"),
        props: {
          decorations(state) {
            const widgets: Decoration[] = [];
            state.doc.descendants((node, pos) => {
              if (node.type.name !== "taskList") return true;
              widgets.push(
                Decoration.widget(
                  pos,
                  () => {
                    const p = document.createElement("p");
                    p.className = "task-list-note";
                    p.contentEditable = "false";
                    p.textContent = note;
                    return p;
                  },
                  { side: -1, key: `task-note:${note}`, ignoreSelection: true },
                ),
              );
              // A nested list is covered by its outer list's note.
              return false;
            });
            return DecorationSet.create(state.doc, widgets);
          },
        },
      }),
    ];
  },
});
