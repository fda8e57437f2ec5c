import type { Editor } from "@tiptap/react";
import { useEditorState } from "@tiptap/react";
import { MessageSquarePlus } from "lucide-react";
import { IconButton } from "../../components/ui/button";
import { useT } from "../../i18n/react";

/** A small "Comment" button beside a non-empty selection (Ctrl+Alt+M does the same). */
export function SelectionCommentButton({ editor, onComment }: { editor: Editor; onComment: () => void }) {
  const t = useT();
  const place = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      if (!e || e.isDestroyed || e.state.selection.empty) return null;
      try {
        const box = e.view.dom.parentElement?.getBoundingClientRect();
        const end = e.view.coordsAtPos(e.state.selection.to);
        if (!box) return null;
        return {
          top: Math.round(end.top - box.top),
          left: Math.round(Math.min(end.right - box.left + 4, box.width - 40)),
        };
      } catch {
        return null;
      }
    },
    equalityFn: (a, b) => a?.top === b?.top && a?.left === b?.left,
  });
  if (!place) return null;
  return (
    <IconButton
      icon={MessageSquarePlus}
      label={t("planComments.add")}
      shortcut="Ctrl+Alt+M"
      aria-keyshortcuts="Control+Alt+M"
      className="selection-comment"
      style={{ top: place.top, left: Math.max(0, place.left) }}
      // Keep the selection while clicking.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onComment}
    />
  );
}
