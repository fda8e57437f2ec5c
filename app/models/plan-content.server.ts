import { getSchema } from "@tiptap/core";
import { Node as PMNode } from "@tiptap/pm/model";
import { prosemirrorJSONToYDoc, updateYFragment, yDocToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import type { Database } from "../../db/client";
import { contentExtensions } from "../domain/plan-schema/content-extensions";
import type { DocNode } from "../domain/plan-document";
import { templateDocument, type Dimension, type PlanTemplate, type TemplateKey } from "../domain/plan-templates";
import type { Locale } from "../i18n/locales";
import { translate } from "../i18n/translate";
import { loadPlanState } from "./plan-storage.server";

/** The Y.Doc field the editor binds to (tiptap's default). */
export const PLAN_FIELD = "default";

let schema: ReturnType<typeof getSchema> | null = null;
const planSchema = () => (schema ??= getSchema(contentExtensions()));

/**
 * A template's starting document as one Yjs update, in the creator's language; `written`
 * replaces some of its texts (hints) with content already written (the demo's plans).
 */
export function templateUpdate(
  template: PlanTemplate,
  locale: Locale,
  written: Partial<Record<TemplateKey, string>> = {},
): Uint8Array {
  const json = templateDocument(template, {
    dimension: (d: Dimension) => translate(locale, `dimension.${d}`),
    text: (k: TemplateKey) => written[k] ?? translate(locale, `template.${k}`),
  });
  return Y.encodeStateAsUpdate(prosemirrorJSONToYDoc(planSchema(), json, PLAN_FIELD));
}

/**
 * The change that embeds a data view in a plan right after the paragraph that follows
 * the first heading reading `heading` (a template's hint under "Where we are"), or at
 * the end when there is none: one Yjs update to store like any edit.
 */
export function embedViewUpdate(state: Uint8Array, heading: string, viewId: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const before = Y.encodeStateVector(doc);
  const fragment = doc.getXmlFragment(PLAN_FIELD);
  const children = fragment.toArray();
  const at = children.findIndex(
    (node) => node instanceof Y.XmlElement && node.nodeName === "heading" && node.toString().includes(`>${heading}<`),
  );
  const node = new Y.XmlElement("embed");
  node.setAttribute("kind", "view");
  node.setAttribute("id", viewId);
  fragment.insert(at >= 0 ? Math.min(at + 2, children.length) : children.length, [node]);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

/** A Yjs state as the plan's document JSON. */
export function stateToJSON(state: Uint8Array): DocNode {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const json = yDocToProsemirrorJSON(doc, PLAN_FIELD) as DocNode;
  doc.destroy();
  return json;
}

/**
 * Turns the live document into a saved state's content as one ordinary change:
 * collaborators receive it like any edit, and the history keeps both. The change is
 * a diff (what the editor's own binding does for a local edit), not delete-all and
 * insert-a-copy: text the version shares with the live document keeps its identity,
 * so anything anchored there by relative position (carets, comment threads) stays put.
 */
export function replaceContent(doc: Y.Doc, state: Uint8Array): void {
  const target = PMNode.fromJSON(planSchema(), stateToJSON(state));
  updateYFragment(doc, doc.getXmlFragment(PLAN_FIELD), target, { mapping: new Map(), isOMark: new Map() });
}

/** The stored document of a plan, as JSON. */
export async function planDocument(db: Database, planId: string): Promise<DocNode> {
  return stateToJSON(await loadPlanState(db, planId));
}
