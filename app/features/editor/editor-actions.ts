import type { Editor } from "@tiptap/core";
import type { LucideIcon } from "lucide-react";
import {
  Bold,
  ChartColumn,
  Heading2,
  Heading3,
  Italic,
  Link,
  List,
  ListOrdered,
  ListTodo,
  Redo2,
  Table,
  TextQuote,
  Underline,
  Undo2,
  Vote,
} from "lucide-react";
import type { MessageKey } from "../../i18n/translate";

export type EditorActionId =
  | "undo"
  | "redo"
  | "heading2"
  | "heading3"
  | "bold"
  | "italic"
  | "underline"
  | "link"
  | "bulletList"
  | "orderedList"
  | "taskList"
  | "blockquote"
  | "table"
  | "dataView"
  | "pollResults";

export type EditorAction = {
  id: EditorActionId;
  /** The one label of this action: the toolbar button's name and the slash menu's entry. */
  label: MessageKey;
  icon: LucideIcon;
  /** Its keyboard shortcut in tiptap's notation (Mod is ⌘ on a Mac, Ctrl elsewhere). */
  shortcut?: string;
  /** Runs it; actions without one open a dialog the editor provides (link, data view). */
  run?: (e: Editor) => void;
  active?: (e: Editor) => boolean;
  can?: (e: Editor) => boolean;
};

/** Every editor action, once: the toolbar and the slash menu both read labels from here. */
export const editorActions: Record<EditorActionId, EditorAction> = {
  undo: {
    id: "undo",
    label: "editor.undo",
    icon: Undo2,
    shortcut: "Mod-z",
    run: (e) => e.chain().focus().undo().run(),
    can: (e) => e.can().undo(),
  },
  redo: {
    id: "redo",
    label: "editor.redo",
    icon: Redo2,
    shortcut: "Mod-Shift-z",
    run: (e) => e.chain().focus().redo().run(),
    can: (e) => e.can().redo(),
  },
  heading2: {
    id: "heading2",
    label: "editor.heading2",
    icon: Heading2,
    shortcut: "Mod-Alt-2",
    run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
    active: (e) => e.isActive("heading", { level: 2 }),
  },
  heading3: {
    id: "heading3",
    label: "editor.heading3",
    icon: Heading3,
    shortcut: "Mod-Alt-3",
    run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(),
    active: (e) => e.isActive("heading", { level: 3 }),
  },
  bold: {
    id: "bold",
    label: "editor.bold",
    icon: Bold,
    shortcut: "Mod-b",
    run: (e) => e.chain().focus().toggleBold().run(),
    active: (e) => e.isActive("bold"),
  },
  italic: {
    id: "italic",
    label: "editor.italic",
    icon: Italic,
    shortcut: "Mod-i",
    run: (e) => e.chain().focus().toggleItalic().run(),
    active: (e) => e.isActive("italic"),
  },
  underline: {
    id: "underline",
    label: "editor.underline",
    icon: Underline,
    shortcut: "Mod-u",
    run: (e) => e.chain().focus().toggleUnderline().run(),
    active: (e) => e.isActive("underline"),
  },
  link: { id: "link", label: "editor.link", icon: Link, shortcut: "Mod-k", active: (e) => e.isActive("link") },
  bulletList: {
    id: "bulletList",
    label: "editor.bulletList",
    icon: List,
    shortcut: "Mod-Shift-8",
    run: (e) => e.chain().focus().toggleBulletList().run(),
    active: (e) => e.isActive("bulletList"),
  },
  orderedList: {
    id: "orderedList",
    label: "editor.orderedList",
    icon: ListOrdered,
    shortcut: "Mod-Shift-7",
    run: (e) => e.chain().focus().toggleOrderedList().run(),
    active: (e) => e.isActive("orderedList"),
  },
  taskList: {
    id: "taskList",
    label: "editor.taskList",
    icon: ListTodo,
    shortcut: "Mod-Shift-9",
    run: (e) => e.chain().focus().toggleTaskList().run(),
    active: (e) => e.isActive("taskList"),
  },
  blockquote: {
    id: "blockquote",
    label: "editor.blockquote",
    icon: TextQuote,
    shortcut: "Mod-Shift-b",
    run: (e) => e.chain().focus().toggleBlockquote().run(),
    active: (e) => e.isActive("blockquote"),
  },
  table: {
    id: "table",
    label: "editor.table",
    icon: Table,
    run: (e) => e.chain().focus().insertTable({ rows: 2, cols: 3, withHeaderRow: true }).run(),
  },
  dataView: { id: "dataView", label: "view.insert", icon: ChartColumn },
  pollResults: { id: "pollResults", label: "poll.insert", icon: Vote },
};

/** The toolbar's groups, by purpose, each with a name for screen readers. */
export const toolbarGroups: { label: MessageKey; actions: EditorActionId[] }[] = [
  { label: "editor.groupHistory", actions: ["undo", "redo"] },
  { label: "editor.groupText", actions: ["heading2", "heading3", "bold", "italic", "underline", "link"] },
  { label: "editor.groupLists", actions: ["bulletList", "orderedList", "taskList", "blockquote"] },
  { label: "editor.groupInsert", actions: ["table", "dataView", "pollResults"] },
];

const MAC_SYMBOLS: Record<string, string> = { Mod: "⌘", Shift: "⇧", Alt: "⌥", Ctrl: "⌃" };
const MAC_ORDER = ["Ctrl", "Alt", "Shift", "Mod"];

/**
 * A shortcut as people read it: "Ctrl+Shift+8" on Windows and Linux, "⇧⌘8" on a Mac
 * (Apple's modifier order, no separators).
 */
export function formatShortcut(shortcut: string, mac: boolean): string {
  const parts = shortcut.split("-");
  const key = parts.pop()!.toUpperCase();
  if (mac) {
    const mods = [...parts].sort((a, b) => MAC_ORDER.indexOf(a) - MAC_ORDER.indexOf(b));
    return mods.map((m) => MAC_SYMBOLS[m] ?? m).join("") + key;
  }
  return [...parts.map((m) => (m === "Mod" ? "Ctrl" : m)), key].join("+");
}

/** The shortcut as aria-keyshortcuts wants it ("Control+Shift+8", "Meta+B"). */
export function ariaShortcut(shortcut: string, mac: boolean): string {
  const parts = shortcut.split("-");
  const key = parts.pop()!.toUpperCase();
  const name = (m: string) => (m === "Mod" ? (mac ? "Meta" : "Control") : m === "Ctrl" ? "Control" : m);
  return [...parts.map(name), key].join("+");
}
