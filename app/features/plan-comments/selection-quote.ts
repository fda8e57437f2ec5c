import type { Node as PmNode } from "@tiptap/pm/model";
import type { EditorState } from "@tiptap/pm/state";
import { occurrenceAt } from "../../domain/comments/thread-order";

type TextRun = { pos: number; offset: number; length: number };

/**
 * The plan's plain text as the server builds it from the Yjs document (plan-anchor.ts
 * `planText`: each element starts on a new line, text runs joined), computed from the editor's
 * document, with where each text node sits in it.
 */
export function editorPlanText(doc: PmNode): { text: string; runs: TextRun[] } {
  let text = "";
  const runs: TextRun[] = [];
  const visit = (node: PmNode, pos: number) => {
    if (node.isText) {
      runs.push({ pos, offset: text.length, length: node.text!.length });
      text += node.text!;
      return;
    }
    if (text.length > 0 && !text.endsWith("\n")) text += "\n";
    node.forEach((child, offset) => visit(child, pos + 1 + offset));
  };
  doc.forEach((child, offset) => visit(child, offset));
  return { text, runs };
}

function offsetOf(runs: TextRun[], pos: number, side: "start" | "end"): number | null {
  const run =
    side === "start"
      ? runs.find((r) => pos >= r.pos && pos < r.pos + r.length)
      : runs.find((r) => pos > r.pos && pos <= r.pos + r.length);
  return run ? run.offset + (pos - run.pos) : null;
}

/** The selected passage as the API names it: its text and which appearance of it this is. */
export function selectionQuote(state: EditorState): { quote: string; occurrence: number } | null {
  const { from, to, empty } = state.selection;
  if (empty) return null;
  const { text, runs } = editorPlanText(state.doc);
  // Trim a selection that starts or ends between blocks to the text inside it.
  const start = runs.find((r) => r.pos + r.length > from);
  const end = [...runs].reverse().find((r) => r.pos < to);
  if (!start || !end) return null;
  const a = offsetOf(runs, Math.max(from, start.pos), "start");
  const b = offsetOf(runs, Math.min(to, end.pos + end.length), "end");
  if (a === null || b === null || b <= a) return null;
  const quote = text.slice(a, b);
  if (quote.trim() === "") return null;
  const occurrence = occurrenceAt(text, quote, a);
  return occurrence ? { quote, occurrence } : null;
}
