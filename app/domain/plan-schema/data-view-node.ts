import { Node } from "@tiptap/core";

/**
 * A saved data view embedded in a plan, as the first plans stored it (new embeds are
 * `embed` nodes with a kind, embed-node.ts; stored plans still hold these). The document
 * stores only the view's id; each reader's editor fetches the view computed for them, so the same
 * plan shows every member the numbers their role may see, and the latest data.
 */
export const DataViewNode = Node.create({
  name: "dataView",
  group: "block",
  atom: true,
  draggable: true,
  addAttributes() {
    return { viewId: { default: null } };
  },
  parseHTML() {
    return [
      { tag: 'div[data-type="data-view"]', getAttrs: (el) => ({ viewId: (el as HTMLElement).dataset.viewId ?? null }) },
    ];
  },
  renderHTML({ node }) {
    return ["div", { "data-type": "data-view", "data-view-id": node.attrs.viewId as string }];
  },
});
