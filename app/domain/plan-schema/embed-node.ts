import { Node } from "@tiptap/core";

/**
 * A live object embedded in a plan: a saved data view or a vote's results. The document
 * stores only the kind and the id; each reader's editor fetches the object as computed for
 * them (their role's numbers, the latest data, results once they may see them).
 */
export const EmbedNode = Node.create({
  name: "embed",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    return { kind: { default: null }, id: { default: null } };
  },
  parseHTML() {
    return [
      {
        tag: 'div[data-type="embed"]',
        getAttrs: (el) => ({
          kind: (el as HTMLElement).dataset.kind ?? null,
          id: (el as HTMLElement).dataset.id ?? null,
        }),
      },
    ];
  },
  renderHTML({ node }) {
    return [
      "div",
      { "data-type": "embed", "data-kind": node.attrs.kind as string, "data-id": node.attrs.id as string },
    ];
  },
});
