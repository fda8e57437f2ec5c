import type { MessageKey, Translate } from "../../i18n/translate";
import { editorActions, type EditorActionId } from "./editor-actions";

export type SlashItemId = Extract<
  EditorActionId,
  | "heading2"
  | "heading3"
  | "bulletList"
  | "orderedList"
  | "taskList"
  | "table"
  | "blockquote"
  | "dataView"
  | "pollResults"
>;

export type SlashItem = { id: SlashItemId; label: MessageKey; keywords: MessageKey };

// The label is the editor action's, so the menu and the toolbar name an action the same way.
const item = (id: SlashItemId, keywords: MessageKey): SlashItem => ({ id, label: editorActions[id].label, keywords });

/** The slash menu's entries, in the order shown when nothing is typed yet. */
export const slashItems: readonly SlashItem[] = [
  item("heading2", "slash.heading2Keywords"),
  item("heading3", "slash.heading3Keywords"),
  item("bulletList", "slash.bulletListKeywords"),
  item("orderedList", "slash.orderedListKeywords"),
  item("taskList", "slash.taskListKeywords"),
  item("table", "slash.tableKeywords"),
  item("blockquote", "slash.blockquoteKeywords"),
  item("dataView", "slash.dataViewKeywords"),
  item("pollResults", "slash.pollKeywords"),
];

// Accents are ignored, so "/titulo" finds "Título" and "/vinetas" finds "viñetas".
const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
const words = (s: string) =>
  fold(s)
    .split(/[\s()/,.-]+/)
    .filter(Boolean);

function rank(item: SlashItem, query: string, t: Translate): number {
  const label = t(item.label);
  if (fold(label).startsWith(query)) return 0;
  if (words(label).some((w) => w.startsWith(query))) return 1;
  if (words(t(item.keywords)).some((w) => w.startsWith(query))) return 2;
  return -1;
}

/**
 * The entries matching what was typed after "/", in the reader's language: labels that
 * start with the query first, then labels with a word that does, then keyword matches.
 */
export function filterSlashItems(query: string, t: Translate): SlashItem[] {
  const q = fold(query);
  if (q === "") return [...slashItems];
  return slashItems
    .map((item, index) => ({ item, index, rank: rank(item, q, t) }))
    .filter((r) => r.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((r) => r.item);
}
