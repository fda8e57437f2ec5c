import { getSchema } from "@tiptap/core";
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { contentExtensions } from "../plan-schema/content-extensions";
import { anchorQuote, planText, reattach, resolveAnchor } from "./plan-anchor";

const FIELD = "default";
const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });

function plan(...blocks: string[]) {
  return prosemirrorJSONToYDoc(
    getSchema(contentExtensions()),
    {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "School funding" }] },
        ...blocks.map(paragraph),
        { type: "bulletList", content: [{ type: "listItem", content: [paragraph("Review the lowest quartile")] }] },
      ],
    },
    FIELD,
  );
}
const block = (doc: Y.Doc, i: number) => (doc.getXmlFragment(FIELD).get(i) as Y.XmlElement).get(0) as Y.XmlText;
/** Two replicas kept in sync, as two people's editors are. */
function pair(doc: Y.Doc) {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  doc.on("update", (u: Uint8Array, origin: unknown) => origin !== "remote" && Y.applyUpdate(other, u, "remote"));
  other.on("update", (u: Uint8Array, origin: unknown) => origin !== "remote" && Y.applyUpdate(doc, u, "remote"));
  return other;
}

describe("plan anchors", () => {
  it("reads the plan as text, one line per block", () => {
    const doc = plan("Spending falls as poverty rises.");
    expect(planText(doc.getXmlFragment(FIELD)).text).toBe(
      "School funding\nSpending falls as poverty rises.\nReview the lowest quartile",
    );
  });

  it("anchors the n-th appearance of a quote and refuses one that is not there", () => {
    const doc = plan("The gap grows. The gap is largest in middle schools.");
    const second = anchorQuote(doc, FIELD, "The gap", 2)!;
    expect(resolveAnchor(doc, FIELD, second)).toMatchObject({ status: "attached", text: "The gap" });
    const offset = (resolveAnchor(doc, FIELD, second) as { from: number }).from;
    expect(offset).toBe("School funding\nThe gap grows. ".length);
    expect(anchorQuote(doc, FIELD, "The gap", 3)).toBeNull();
    expect(anchorQuote(doc, FIELD, "not in the plan")).toBeNull();
    expect(anchorQuote(doc, FIELD, "")).toBeNull();
  });

  it("spans blocks", () => {
    const doc = plan("Spending falls as poverty rises.");
    const anchor = anchorQuote(doc, FIELD, "rises.\nReview")!;
    expect(resolveAnchor(doc, FIELD, anchor)).toMatchObject({ status: "attached", text: "rises.\nReview" });
  });

  it("follows the passage while two people type before, inside and after it", () => {
    const doc = plan("Per-pupil spending falls from the lowest to the highest poverty quartile.");
    const other = pair(doc);
    const anchor = anchorQuote(doc, FIELD, "falls from the lowest")!;
    block(doc, 1).insert(0, "Today, ");
    block(other, 1).insert(block(other, 1).length, " We must act.");
    const inside = "Today, Per-pupil spending falls from the ".length;
    block(other, 1).insert(inside, "very ");
    // Typing right outside either end does not grow the passage.
    const end = block(doc, 1).toString().indexOf(" to the highest");
    block(doc, 1).insert(end, "!");
    block(doc, 1).insert("Today, Per-pupil spending ".length, "*");
    for (const replica of [doc, other]) {
      expect(resolveAnchor(replica, FIELD, anchor)).toMatchObject({
        status: "attached",
        text: "falls from the very lowest",
      });
    }
  });

  it("is 'removed' when the whole passage is deleted, and attached again after an undo", () => {
    const doc = plan("Spending falls as poverty rises.");
    const undo = new Y.UndoManager(doc.getXmlFragment(FIELD), { captureTimeout: 0 });
    const anchor = anchorQuote(doc, FIELD, "as poverty")!;
    block(doc, 1).delete("Spending falls ".length, "as poverty rises".length);
    expect(resolveAnchor(doc, FIELD, anchor)).toEqual({ status: "removed" });
    undo.undo();
    expect(resolveAnchor(doc, FIELD, anchor)).toMatchObject({ status: "attached", text: "as poverty" });
  });

  it("is 'removed' when its paragraph goes, and re-attaches by its quote when the words come back", () => {
    const doc = plan("Spending falls as poverty rises.", "Next steps");
    const anchor = anchorQuote(doc, FIELD, "poverty rises")!;
    doc.getXmlFragment(FIELD).delete(1, 1);
    expect(resolveAnchor(doc, FIELD, anchor)).toEqual({ status: "removed" });
    expect(reattach(doc, FIELD, anchor)).toBeNull();
    const again = new Y.XmlElement("paragraph");
    again.insert(0, [new Y.XmlText("Spending still falls as poverty rises.")]);
    doc.getXmlFragment(FIELD).insert(1, [again]);
    const moved = reattach(doc, FIELD, anchor)!;
    expect(resolveAnchor(doc, FIELD, moved)).toMatchObject({ status: "attached", text: "poverty rises" });
  });

  it("treats garbage anchor bytes as removed, never as an error", () => {
    const doc = plan("Text");
    expect(
      resolveAnchor(doc, FIELD, { start: Uint8Array.from([1, 2, 3]), end: new Uint8Array(), quote: "Text" }),
    ).toEqual({
      status: "removed",
    });
  });
});
