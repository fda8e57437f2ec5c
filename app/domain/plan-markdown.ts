import type { DocNode } from "./plan-document";
import { NOTE_MARK, noteNumber } from "./note-mark";

/*
 * A plan as Markdown (CommonMark with GFM tables and task lists) that a
 * renderer shows as text, never as markup the author did not intend: the
 * document's text is hostile input. So the output
 * - fences code (blocks and spans) with more backticks than the code holds,
 *   which is how CommonMark lets code contain backticks without closing early;
 * - never carries raw HTML: `<`, `>` and `&` in text become entities;
 * - backslash-escapes the characters that start inline syntax, and the ones
 *   that start a block at the beginning of a line;
 * - links only to http(s) and mailto; any other link is written as its text.
 */

type Context = {
  /** Hard breaks become spaces where a line break would end the block (headings, table cells). */
  singleLine: boolean;
  /** GFM splits table cells on `|` before reading code spans, so there it is escaped even in code. */
  inTable: boolean;
};

const BLOCK: Context = { singleLine: false, inTable: false };
const HEADING: Context = { singleLine: true, inTable: false };
const CELL: Context = { singleLine: true, inTable: true };

const ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };
// Characters that open emphasis, code, links, headings, tables, strikethrough or escapes anywhere in a line.
const INLINE_ACTIVE = /[\\`*_[\]#|~!]/g;

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => ENTITY[c]!).replace(INLINE_ACTIVE, "\\$&");
}

/** Text nodes should hold no line breaks; a hostile one would otherwise start a new block. */
function oneLine(text: string): string {
  return text.replace(/\r\n?|\n/g, " ");
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
}

/** The backtick fence for code holding these runs: longer than any of them (at least `minimum`). */
export function backtickFence(code: string, minimum: number): string {
  return "`".repeat(Math.max(minimum, longestBacktickRun(code) + 1));
}

function codeSpan(code: string, context: Context): string {
  const text = context.inTable ? code.replace(/\|/g, "\\|") : code;
  const fence = backtickFence(text, 1);
  // CommonMark strips one space from each end when both have one, and a
  // backtick at an end would merge with the fence: pad with a space then.
  const pad = /^[` ]|[` ]$/.test(text) && text.trim() !== "" ? " " : "";
  return fence + pad + text + pad + fence;
}

/** Only links a reader can follow safely from a downloaded file; the destination is percent-encoded so it cannot end early. */
export function markdownHref(href: unknown): string | null {
  if (typeof href !== "string") return null;
  const trimmed = href.trim();
  if (!/^(https?:\/\/|mailto:)/i.test(trimmed)) return null;
  return trimmed.replace(
    /[\u0000-\u0020\u007f()<>\\`"'[\]]/g,
    (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0"),
  );
}

function mdText(node: DocNode, context: Context): string {
  const raw = oneLine(node.text ?? "");
  if (raw === "") return "";
  const marks = node.marks ?? [];
  // A comment's marker (exports with comments): written by us, never from the document's text.
  const note = marks.find((m) => m.type === NOTE_MARK);
  if (note) {
    const n = noteNumber(note.attrs);
    return n === null ? "" : `[${n}]`;
  }
  const code = marks.some((m) => m.type === "code");
  // Emphasis delimiters next to whitespace do not count as emphasis: keep the whitespace outside them.
  const [, lead = "", core = "", trail = ""] = code ? ["", "", raw, ""] : /^(\s*)([\s\S]*?)(\s*)$/.exec(raw)!;
  if (core === "") return raw;
  let out = code ? codeSpan(core, context) : escapeText(core);
  for (const mark of marks) {
    if (mark.type === "bold") out = `**${out}**`;
    else if (mark.type === "italic") out = `_${out}_`;
    else if (mark.type === "strike") out = `~~${out}~~`;
    // Underline has no Markdown form, and raw HTML is never written: it stays plain text.
  }
  const link = marks.find((m) => m.type === "link");
  const href = link ? markdownHref(link.attrs?.href) : null;
  if (href) out = `[${out}](${href})`;
  return lead + out + trail;
}

/** What a text node's marks write in Markdown; underline writes nothing, a refused link nothing. */
function markKey(node: DocNode): string {
  const marks = node.marks ?? [];
  const kinds = ["bold", "italic", "strike", "code"].filter((k) => marks.some((m) => m.type === k));
  const link = marks.find((m) => m.type === "link");
  // Each comment marker stays its own node ("[2][3]" are two markers, not one).
  const note = marks.find((m) => m.type === NOTE_MARK);
  return JSON.stringify([
    kinds,
    link ? markdownHref(link.attrs?.href) : null,
    note ? (noteNumber(note.attrs) ?? "none") : null,
  ]);
}

/**
 * Neighbouring text written with the same marks becomes one node: two code
 * spans side by side would otherwise merge their fences into one longer run.
 */
function mergeText(nodes: DocNode[]): DocNode[] {
  const merged: DocNode[] = [];
  for (const node of nodes) {
    const last = merged.at(-1);
    if (node.type === "text" && last?.type === "text" && markKey(last) === markKey(node)) {
      merged[merged.length - 1] = { ...last, text: (last.text ?? "") + (node.text ?? "") };
    } else merged.push(node);
  }
  return merged;
}

/** Text and breaks in order, from inside any other inline node too. */
function flattenInline(nodes: DocNode[]): DocNode[] {
  return nodes.flatMap((n) => {
    if (n.type === "text") return n.text ? [n] : []; // an empty node would keep its neighbours apart, unmerged
    return n.type === "hardBreak" ? [n] : flattenInline(n.content ?? []);
  });
}

function mdInline(nodes: DocNode[] = [], context: Context): string {
  return mergeText(flattenInline(nodes))
    .map((n) => (n.type === "text" ? mdText(n, context) : context.singleLine ? " " : "\\\n"))
    .join("");
}

/**
 * At the start of a line, text could still open a block: a list item ("-", "+",
 * "1." or "1)"), a setext underline ("=", "-") or indented code (leading spaces).
 */
function escapeLineStarts(text: string): string {
  return text
    .split("\n")
    .map((line) =>
      line
        .replace(/^[ \t]+/, "")
        .replace(/^(\d+)([.)])/, "$1\\$2")
        .replace(/^[-+=]/, "\\$&"),
    )
    .join("\n");
}

function inlineBlock(nodes: DocNode[] | undefined, context: Context): string {
  return escapeLineStarts(mdInline(nodes, context));
}

function indent(text: string, prefix: string, first: string): string {
  return text
    .split("\n")
    .map((line, i) => (i === 0 ? first + line : line ? prefix + line : line))
    .join("\n");
}

function codeBlock(node: DocNode): string {
  // CommonMark also ends lines at "\r": as "\n" each line gets its container's prefix, or it would close the container.
  const code = (node.content ?? [])
    .map((t) => t.text ?? "")
    .join("")
    .replace(/\r\n?/g, "\n");
  const fence = backtickFence(code, 3);
  return `${fence}\n${code}\n${fence}`;
}

function mdBlock(node: DocNode): string {
  switch (node.type) {
    case "paragraph":
      return inlineBlock(node.content, BLOCK);
    case "heading": {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 1));
      return `${"#".repeat(level)} ${inlineBlock(node.content, HEADING)}`;
    }
    case "blockquote":
      return mdBlocks(node.content)
        .split("\n")
        .map((l) => (l ? `> ${l}` : ">"))
        .join("\n");
    case "codeBlock":
      return codeBlock(node);
    case "horizontalRule":
      return "---";
    case "bulletList":
      return (node.content ?? []).map((item) => indent(mdBlocks(item.content), "  ", "- ")).join("\n");
    case "orderedList": {
      // CommonMark list numbers have at most nine digits.
      const start = Math.min(999_999_000, Math.max(0, Math.floor(Number(node.attrs?.start)) || 1));
      return (node.content ?? [])
        .map((item, i) => {
          const marker = `${start + i}. `;
          return indent(mdBlocks(item.content), " ".repeat(marker.length), marker);
        })
        .join("\n");
    }
    case "taskList":
      return (node.content ?? [])
        .map((item) => indent(mdBlocks(item.content), "  ", item.attrs?.checked ? "- [x] " : "- [ ] "))
        .join("\n");
    case "table":
      return mdTable(node);
    default:
      return mdBlocks(node.content);
  }
}

function mdBlocks(nodes: DocNode[] = []): string {
  return nodes
    .map(mdBlock)
    .filter((b) => b !== "")
    .join("\n\n");
}

function mdTable(table: DocNode): string {
  const rows = (table.content ?? []).map((row) =>
    (row.content ?? []).map((cell) =>
      (cell.content ?? [])
        .map((b) => mdInline(b.content, CELL))
        .join(" ")
        .trim(),
    ),
  );
  const width = Math.max(0, ...rows.map((r) => r.length));
  if (width === 0) return "";
  const pad = (r: string[]) => [...r, ...Array<string>(width - r.length).fill("")];
  const line = (r: string[]) => `| ${pad(r).join(" | ")} |`;
  return [line(rows[0]!), line(Array<string>(width).fill("---")), ...rows.slice(1).map(line)].join("\n");
}

/** Plain text as Markdown that renders as that text: one line, nothing active. */
export function markdownText(text: string): string {
  return escapeLineStarts(escapeText(oneLine(text)));
}

/** A plan as Markdown (CommonMark with GFM tables and task lists), safe to open in any renderer; `appendix` follows it (already Markdown). */
export function toMarkdown(doc: DocNode, title: string, appendix = ""): string {
  const heading = markdownText(title);
  return `# ${heading}\n\n${mdBlocks(doc.content)}\n${appendix ? `\n${appendix}` : ""}`;
}
