import { getSchema } from "@tiptap/core";
import { EditorState, TextSelection } from "@tiptap/pm/state";
import { prosemirrorToYDoc } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import { anchorQuote, planText, resolveAnchor } from "../../domain/comments/plan-anchor";
import { contentExtensions } from "../../domain/plan-schema/content-extensions";
import { editorPlanText, selectionQuote } from "./selection-quote";

const schema = getSchema(contentExtensions());
const p = (...content: object[]) => ({ type: "paragraph", content });
const text = (t: string, marks?: object[]) => ({ type: "text", text: t, ...(marks ? { marks } : {}) });
const doc = schema.nodeFromJSON({
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [text("Where we are")] },
    p(
      text("The cat "),
      text("sat", [{ type: "bold" }]),
      text(" on the mat."),
      { type: "hardBreak" },
      text("The cat left."),
    ),
    { type: "paragraph" },
    {
      type: "bulletList",
      content: [{ type: "listItem", content: [p(text("The cat again"))] }],
    },
  ],
});

/** Where `needle`'s `nth` appearance in the plan's text is in the editor's document. */
function find(needle: string, nth = 1) {
  const { text: plain, runs } = editorPlanText(doc);
  let at = -1;
  for (let n = 0; n < nth; n++) at = plain.indexOf(needle, at + 1);
  const posOf = (offset: number) => {
    const run = runs.find((r) => offset >= r.offset && offset <= r.offset + r.length)!;
    return run.pos + (offset - run.offset);
  };
  return { at, from: posOf(at), to: posOf(at + needle.length) };
}

describe("editorPlanText", () => {
  it("is the server's plain text of the same document", () => {
    const ydoc = prosemirrorToYDoc(doc, "default");
    expect(editorPlanText(doc).text).toBe(planText(ydoc.getXmlFragment("default")).text);
  });
});

describe("selectionQuote", () => {
  it("names a selection by its text and occurrence, which the server anchors to the same passage", () => {
    const ydoc = prosemirrorToYDoc(doc, "default");
    for (const [needle, nth] of [
      ["The cat", 3],
      ["The cat", 2],
      ["cat sat on", 1],
      ["Where", 1],
    ] as const) {
      const { at, from, to } = find(needle, nth);
      const state = EditorState.create({ doc, selection: TextSelection.create(doc, from, to) });
      const quote = selectionQuote(state)!;
      expect(quote.quote).toBe(needle);
      const anchor = anchorQuote(ydoc, "default", quote.quote, quote.occurrence)!;
      const resolved = resolveAnchor(ydoc, "default", anchor);
      expect(resolved.status).toBe("attached");
      // The server finds the very passage selected, not another appearance of its words.
      expect(resolved.status === "attached" && resolved.from).toBe(at);
    }
  });

  it("has nothing to name for an empty selection", () => {
    expect(selectionQuote(EditorState.create({ doc }))).toBeNull();
  });
});
