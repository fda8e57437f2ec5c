import type { DocNode } from "../plan-document";
import type { ComputedView } from "./view-spec";
import type { Text } from "./views";

type Translate = (text: Text) => string;

const p = (value: string, marks?: DocNode["marks"]): DocNode => ({
  type: "paragraph",
  content: value ? [{ type: "text", text: value, ...(marks ? { marks } : {}) }] : [],
});
const cell = (type: "tableHeader" | "tableCell", value: string): DocNode => ({ type, content: [p(value)] });
const row = (type: "tableHeader" | "tableCell", values: string[]): DocNode => ({
  type: "tableRow",
  content: values.map((v) => cell(type, v)),
});

/**
 * An embedded data view as ordinary document nodes (title, finding, its data
 * as a table), so every export renders it with the same code as the rest of
 * the plan. Hidden figures are written as the reader saw them: "—".
 */
export function viewAsDocNodes(view: ComputedView | null, tx: Translate, format: (v: number) => string): DocNode[] {
  if (!view) return [p(tx({ key: "view.unavailable" }), [{ type: "italic" }])];
  const show = (v: number | null) => (v === null ? "—" : format(v));
  const nodes: DocNode[] = [p(tx(view.title), [{ type: "bold" }])];
  if (view.finding) nodes.push(p(tx(view.finding)));
  if (view.points && view.axes) {
    nodes.push({
      type: "table",
      content: [
        row("tableHeader", [
          tx({ key: "grouping.school" }),
          tx(view.axes.x),
          tx(view.axes.y),
          tx({ key: "schoolField.enrollment" }),
        ]),
        ...view.points.map((pt) => row("tableCell", [pt.label, show(pt.x), show(pt.y), show(pt.size)])),
      ],
    });
  } else {
    nodes.push({
      type: "table",
      content: [
        row("tableHeader", [tx({ key: "diag.category" }), ...view.series.map((s) => tx(s.label))]),
        ...view.categories.map((c, i) =>
          row("tableCell", [tx(c), ...view.series.map((s) => show(s.values[i] ?? null))]),
        ),
      ],
    });
  }
  return nodes;
}
