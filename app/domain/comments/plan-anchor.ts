import * as Y from "yjs";

/**
 * Where a thread sits in a plan: a pair of Yjs relative positions (they follow the passage
 * through everyone's edits) and the quoted text at the time. Never a mark in the shared
 * document: commenters may not write to it, and a mark would travel with copy and paste.
 */
export type PlanAnchor = { start: Uint8Array; end: Uint8Array; quote: string };

export type ResolvedAnchor = { status: "attached"; from: number; to: number; text: string } | { status: "removed" };

/** Between blocks in the plan's plain text, so a quote never joins two paragraphs' words. */
const BLOCK_BREAK = "\n";
/** Stands for a non-text piece inside a block (an embedded object), one position wide as in Yjs. */
const OBJECT = "\ufffc";

type Piece = { text: Y.XmlText; from: number; length: number };

/** The plan's text, block by block, with where each block's text sits in it. */
export function planText(fragment: Y.XmlFragment): { text: string; pieces: Piece[] } {
  let text = "";
  const pieces: Piece[] = [];
  const visit = (node: Y.XmlElement | Y.XmlText | Y.XmlFragment | Y.XmlHook) => {
    if (node instanceof Y.XmlHook) return;
    if (node instanceof Y.XmlText) {
      const content = (node.toDelta() as { insert: unknown }[])
        .map((op) => (typeof op.insert === "string" ? op.insert : OBJECT))
        .join("");
      pieces.push({ text: node, from: text.length, length: content.length });
      text += content;
      return;
    }
    const children = node.toArray();
    const isBlock = node instanceof Y.XmlElement;
    if (isBlock && text.length > 0 && !text.endsWith(BLOCK_BREAK)) text += BLOCK_BREAK;
    for (const child of children) visit(child);
  };
  visit(fragment);
  return { text, pieces };
}

/**
 * Where in the plan's text offset `at` falls: a text type and an index in it. An offset on
 * a block break belongs to the next block's first character (a start) or the previous
 * block's last (an end).
 */
function locate(pieces: Piece[], at: number, side: "start" | "end"): { type: Y.XmlText; index: number } | null {
  const nonEmpty = pieces.filter((p) => p.length > 0);
  if (side === "start") {
    const p = nonEmpty.find((p) => at < p.from + p.length);
    return p ? { type: p.text, index: Math.max(0, at - p.from) } : null;
  }
  const p = nonEmpty.findLast((p) => at > p.from);
  return p ? { type: p.text, index: Math.min(p.length, at - p.from) } : null;
}

/** The offset in the plan's text of `index` in `type`, or null when the type is not in it. */
function offsetOf(pieces: Piece[], type: Y.AbstractType<unknown>, index: number): number | null {
  const piece = pieces.find((p) => p.text === type);
  return piece ? piece.from + index : null;
}

/**
 * Anchors to the `occurrence`-th (1-based) appearance of `quote` in the plan's text,
 * or returns null when it does not appear that many times.
 */
export function anchorQuote(doc: Y.Doc, field: string, quote: string, occurrence = 1): PlanAnchor | null {
  if (quote.length === 0 || !Number.isSafeInteger(occurrence) || occurrence < 1) return null;
  const { text, pieces } = planText(doc.getXmlFragment(field));
  let at = -1;
  for (let n = 0; n < occurrence; n++) {
    at = text.indexOf(quote, at + 1);
    if (at < 0) return null;
  }
  return anchorRange(pieces, at, at + quote.length, quote);
}

function anchorRange(pieces: Piece[], from: number, to: number, quote: string): PlanAnchor | null {
  const start = locate(pieces, from, "start");
  const end = locate(pieces, to, "end");
  if (!start || !end) return null;
  return {
    // The start sticks to the first quoted character, the end to the last: typing just
    // outside the passage does not grow it, typing inside does.
    start: Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(start.type, start.index, 0)),
    end: Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(end.type, end.index, -1)),
    quote,
  };
}

/** Where the passage is now, or "removed" when all of it was deleted. */
export function resolveAnchor(doc: Y.Doc, field: string, anchor: PlanAnchor): ResolvedAnchor {
  const { text, pieces } = planText(doc.getXmlFragment(field));
  const at = (bytes: Uint8Array) => {
    try {
      const abs = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(bytes), doc);
      return abs ? offsetOf(pieces, abs.type, abs.index) : null;
    } catch {
      return null;
    }
  };
  const from = at(anchor.start);
  const to = at(anchor.end);
  if (from === null || to === null || to <= from) return { status: "removed" };
  const passage = text.slice(from, to);
  // Nothing but block breaks and objects left: the words are gone.
  if (passage.replaceAll(BLOCK_BREAK, "").replaceAll(OBJECT, "").trim() === "") return { status: "removed" };
  return { status: "attached", from, to, text: passage };
}

/**
 * A removed passage whose words are back (an undo that Yjs does not link to the old
 * text, a version restored): a new anchor on the first appearance of the original
 * quote, or null while it is still gone.
 */
export function reattach(doc: Y.Doc, field: string, anchor: PlanAnchor): PlanAnchor | null {
  return anchorQuote(doc, field, anchor.quote, 1);
}
