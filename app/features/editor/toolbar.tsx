import type { Editor } from "@tiptap/react";
import { useEditorState } from "@tiptap/react";
import { useT } from "../../i18n/react";
import type { MessageKey } from "../../i18n/translate";

type Button = {
  key: MessageKey;
  run: (e: Editor) => void;
  active?: (e: Editor) => boolean;
  can?: (e: Editor) => boolean;
};

const groups: Button[][] = [
  [
    { key: "editor.undo", run: (e) => e.chain().focus().undo().run(), can: (e) => e.can().undo() },
    { key: "editor.redo", run: (e) => e.chain().focus().redo().run(), can: (e) => e.can().redo() },
  ],
  [
    {
      key: "editor.heading2",
      run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
      active: (e) => e.isActive("heading", { level: 2 }),
    },
    {
      key: "editor.heading3",
      run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
      active: (e) => e.isActive("heading", { level: 3 }),
    },
  ],
  [
    { key: "editor.bold", run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive("bold") },
    { key: "editor.italic", run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive("italic") },
    {
      key: "editor.underline",
      run: (e) => e.chain().focus().toggleUnderline().run(),
      active: (e) => e.isActive("underline"),
    },
  ],
  [
    {
      key: "editor.bulletList",
      run: (e) => e.chain().focus().toggleBulletList().run(),
      active: (e) => e.isActive("bulletList"),
    },
    {
      key: "editor.orderedList",
      run: (e) => e.chain().focus().toggleOrderedList().run(),
      active: (e) => e.isActive("orderedList"),
    },
    {
      key: "editor.taskList",
      run: (e) => e.chain().focus().toggleTaskList().run(),
      active: (e) => e.isActive("taskList"),
    },
    {
      key: "editor.blockquote",
      run: (e) => e.chain().focus().toggleBlockquote().run(),
      active: (e) => e.isActive("blockquote"),
    },
  ],
  [
    {
      key: "editor.table",
      run: (e) => e.chain().focus().insertTable({ rows: 2, cols: 3, withHeaderRow: true }).run(),
    },
  ],
];

/** Formatting controls; a real toolbar for screen readers, with pressed states. */
export function EditorToolbar({
  editor,
  onLink,
  onDataView,
}: {
  editor: Editor;
  onLink: () => void;
  onDataView: () => void;
}) {
  const t = useT();
  // Re-render when the selection or marks change so pressed states stay right.
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      groups.flat().map((b) => ({ active: b.active?.(e) ?? false, enabled: b.can?.(e) ?? true })),
  });
  let i = 0;
  return (
    <div className="editor-toolbar" role="toolbar" aria-label={t("editor.toolbar")}>
      {groups.map((group, g) => (
        <div className="editor-toolbar__group" key={g}>
          {group.map((b) => {
            const s = state[i++]!;
            return (
              <button
                key={b.key}
                type="button"
                className="tool"
                aria-pressed={b.active ? s.active : undefined}
                disabled={!s.enabled}
                onMouseDown={(ev) => ev.preventDefault()}
                onClick={() => b.run(editor)}
              >
                {t(b.key)}
              </button>
            );
          })}
          {g === groups.length - 1 ? (
            <button type="button" className="tool" onClick={onDataView} aria-haspopup="dialog">
              {t("view.insert")}
            </button>
          ) : null}
          {g === 2 ? (
            <button type="button" className="tool" aria-pressed={editor.isActive("link")} onClick={onLink}>
              {t("editor.link")}
            </button>
          ) : null}
        </div>
      ))}
    </div>
  );
}
