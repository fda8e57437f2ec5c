import type { DocNode } from "./plan-document";

/**
 * Live objects a plan can embed. The document stores only a kind and an id; every
 * reader's editor, export and preview fetches the object as that reader may see it.
 */
export const embedKinds = ["view", "poll"] as const;
export type EmbedKind = (typeof embedKinds)[number];
export type EmbedRef = { kind: EmbedKind; id: string };

const isKind = (v: unknown): v is EmbedKind => (embedKinds as readonly unknown[]).includes(v);

/**
 * What a node embeds, or null when it embeds nothing. `embed` nodes name a kind and an
 * id; `dataView` nodes (written before embeds had kinds, and still in stored plans) are views.
 */
export function embedRefOf(node: Pick<DocNode, "type" | "attrs">): EmbedRef | null {
  const attrs = node.attrs ?? {};
  if (node.type === "dataView")
    return typeof attrs.viewId === "string" && attrs.viewId ? { kind: "view", id: attrs.viewId } : null;
  if (node.type === "embed")
    return isKind(attrs.kind) && typeof attrs.id === "string" && attrs.id ? { kind: attrs.kind, id: attrs.id } : null;
  return null;
}

export const embedKey = (ref: EmbedRef) => `${ref.kind}:${ref.id}`;

/** Every object a document embeds, each once, in document order. */
export function embeddedRefs(doc: DocNode): EmbedRef[] {
  const found = new Map<string, EmbedRef>();
  const walk = (n: DocNode) => {
    const ref = embedRefOf(n);
    if (ref) found.set(embedKey(ref), ref);
    n.content?.forEach(walk);
  };
  walk(doc);
  return [...found.values()];
}

/** The document with each embed replaced by nodes describing it (for Markdown). */
export function expandEmbeds(doc: DocNode, expand: (ref: EmbedRef) => DocNode[]): DocNode {
  const map = (n: DocNode): DocNode[] => {
    if (n.type === "dataView" || n.type === "embed") {
      const ref = embedRefOf(n);
      return ref ? expand(ref) : [];
    }
    return [{ ...n, ...(n.content ? { content: n.content.flatMap(map) } : {}) }];
  };
  return { ...doc, content: (doc.content ?? []).flatMap(map) };
}
