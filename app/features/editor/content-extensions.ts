import type { AnyExtension } from "@tiptap/core";
import { TaskItem, TaskList } from "@tiptap/extension-list";
import { Table, TableCell, TableHeader, TableRow } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import { DataViewNode } from "./data-view-node";

/**
 * The plan document's node and mark types. The browser editor and the server
 * (templates, exports) build the same schema from this one list.
 */
export function contentExtensions(options: { dataView?: AnyExtension } = {}): AnyExtension[] {
  return [
    // Undo/redo comes from the collaboration extension (per user), not ProseMirror's history.
    StarterKit.configure({ undoRedo: false, link: { openOnClick: false, autolink: true } }),
    Table.configure({ resizable: false }),
    TableRow,
    TableHeader,
    TableCell,
    TaskList,
    TaskItem.configure({ nested: true }),
    // The browser swaps in the same node with its live view.
    options.dataView ?? DataViewNode,
  ];
}
