import type { AnyExtension } from "@tiptap/core";
import { TaskItem, TaskList, type TaskItemOptions } from "@tiptap/extension-list";
import { Table, TableCell, TableHeader, TableRow } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import { DataViewNode } from "./data-view-node";
import { EmbedNode } from "./embed-node";

/**
 * The plan document's node and mark types. The browser editor and the server
 * (templates, exports) build the same schema from this one list.
 */
export function contentExtensions(
  options: { dataView?: AnyExtension; embed?: AnyExtension; taskItemA11y?: TaskItemOptions["a11y"] } = {},
): AnyExtension[] {
  return [
    // Undo/redo comes from the collaboration extension (per user), not ProseMirror's history.
    StarterKit.configure({ undoRedo: false, link: { openOnClick: false, autolink: true } }),
    Table.configure({ resizable: false }),
    TableRow,
    TableHeader,
    TableCell,
    TaskList,
    // The checkbox's accessible name (browser only; the schema is the same either way).
    TaskItem.configure({ nested: true, a11y: options.taskItemA11y }),
    // The browser swaps in the same nodes with their live views. `dataView` is the embed of a
    // view from before embeds had kinds: stored plans hold it, so the schema keeps it.
    options.dataView ?? DataViewNode,
    options.embed ?? EmbedNode,
  ];
}
