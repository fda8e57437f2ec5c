import type { MessageKey, Translate } from "../../i18n/translate";

export type SlashItemId =
  | "heading2"
  | "heading3"
  | "bulletList"
  | "orderedList"
  | "taskList"
  | "table"
  | "blockquote"
  | "dataView";

export type SlashItem = { id: SlashItemId; label: MessageKey; keywords: MessageKey };

/** The slash menu's entries, in the order shown when nothing is typed yet. */
export const slashItems: readonly SlashItem[] = [
  { id: "heading2", label: "slash.heading2", keywords: "slash.heading2Keywords" },
  { id: "heading3", label: "slash.heading3", keywords: "slash.heading3Keywords" },
  { id: "bulletList", label: "slash.bulletList", keywords: "slash.bulletListKeywords" },
  { id: "orderedList", label: "slash.orderedList", keywords: "slash.orderedListKeywords" },
  { id: "taskList", label: "slash.taskList", keywords: "slash.taskListKeywords" },
  { id: "table", label: "slash.table", keywords: "slash.tableKeywords" },
  { id: "blockquote", label: "slash.blockquote", keywords: "slash.blockquoteKeywords" },
  { id: "dataView", label: "slash.dataView", keywords: "slash.dataViewKeywords" },
];

// Accents are ignored, so "/titulo" finds "Título" and "/vinetas" finds "viñetas".
const fold = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().trim();
const words = (s: string) => fold(s).split(/[\s()/,.-]+/).filter(Boolean);

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
