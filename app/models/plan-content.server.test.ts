import { prosemirrorJSONToYDoc, yDocToProsemirrorJSON } from "@tiptap/y-tiptap";
import { getSchema } from "@tiptap/core";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { contentExtensions } from "../domain/plan-schema/content-extensions";
import { PLAN_FIELD, replaceContent } from "./plan-content.server";

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const docOf = (...texts: string[]) => ({ type: "doc", content: texts.map(paragraph) });

function planDoc(...texts: string[]) {
  return prosemirrorJSONToYDoc(getSchema(contentExtensions()), docOf(...texts), PLAN_FIELD);
}
const textOf = (doc: Y.Doc, index: number) =>
  (doc.getXmlFragment(PLAN_FIELD).get(index) as Y.XmlElement).get(0) as Y.XmlText;

describe("replaceContent (restoring a version)", () => {
  it("gives the version's content back", () => {
    const doc = planDoc("Where we are", "Spending falls as poverty rises.", "Next steps");
    const version = Y.encodeStateAsUpdate(doc);
    textOf(doc, 1).insert(0, "Today: ");
    doc.getXmlFragment(PLAN_FIELD).delete(2, 1);
    doc.getXmlFragment(PLAN_FIELD).insert(2, [new Y.XmlElement("paragraph")]);
    replaceContent(doc, version);
    expect(yDocToProsemirrorJSON(doc, PLAN_FIELD)).toEqual(
      docOf("Where we are", "Spending falls as poverty rises.", "Next steps"),
    );
  });

  it("keeps anchors in text the version shares with the live document", () => {
    const doc = planDoc("Where we are", "Spending falls as poverty rises.", "Next steps");
    const version = Y.encodeStateAsUpdate(doc);
    // Anchors as a comment thread holds them: relative positions into the live text.
    const untouched = Y.createRelativePositionFromTypeIndex(textOf(doc, 1), 9); // "falls"
    const edited = Y.createRelativePositionFromTypeIndex(textOf(doc, 2), 5); // "steps"
    textOf(doc, 2).insert(10, " for the cabinet");
    doc.getXmlFragment(PLAN_FIELD).insert(3, [new Y.XmlElement("paragraph")]);

    replaceContent(doc, version);

    for (const [anchor, paragraphIndex, index] of [
      [untouched, 1, 9],
      [edited, 2, 5],
    ] as const) {
      const at = Y.createAbsolutePositionFromRelativePosition(anchor, doc);
      expect(at?.type).toBe(textOf(doc, paragraphIndex));
      expect(at?.index).toBe(index);
    }
  });
});
