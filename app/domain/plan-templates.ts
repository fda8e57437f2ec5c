import type { DocNode } from "./plan-document";

/** Templates a plan can start from. */
export const planTemplates = ["blank", "equity_action_plan", "strategic_roi_review"] as const;
export type PlanTemplate = (typeof planTemplates)[number];

/** The ten dimensions of resource equity, in the field's order (keys of `dimension.*` messages). */
export const dimensions = [
  "school_funding",
  "teaching_quality",
  "leadership_quality",
  "rigorous_content",
  "instructional_time",
  "school_climate",
  "student_supports",
  "early_learning",
  "facilities",
  "diverse_schools",
] as const;
export type Dimension = (typeof dimensions)[number];

export type TemplateText = {
  dimension(d: Dimension): string;
  text(key: TemplateKey): string;
};

export type TemplateKey =
  | "intro"
  | "whereWeAre"
  | "whereWeAreHint"
  | "rootCauses"
  | "actions"
  | "action"
  | "owner"
  | "timeline"
  | "cost"
  | "howWeWillKnow"
  | "roiIntro"
  | "roiInvestment"
  | "roiInvestmentHint"
  | "roiExperience"
  | "roiExperienceHint"
  | "roiCost"
  | "roiCostHint"
  | "roiEvidence"
  | "roiEvidenceHint"
  | "roiDecision"
  | "roiStop"
  | "roiContinue"
  | "roiScale";

const text = (value: string): DocNode => ({ type: "text", text: value });
const paragraph = (value?: string): DocNode => ({ type: "paragraph", content: value ? [text(value)] : [] });
const heading = (level: number, value: string): DocNode => ({
  type: "heading",
  attrs: { level },
  content: [text(value)],
});
const italic = (value: string): DocNode => ({
  type: "paragraph",
  content: [{ ...text(value), marks: [{ type: "italic" }] }],
});
const cell = (type: "tableHeader" | "tableCell", value = ""): DocNode => ({ type, content: [paragraph(value)] });

/** The starting document of a template, in the language `t` speaks. */
export function templateDocument(template: PlanTemplate, t: TemplateText): DocNode {
  if (template === "blank") return { type: "doc", content: [paragraph()] };
  if (template === "strategic_roi_review") {
    return {
      type: "doc",
      content: [
        italic(t.text("roiIntro")),
        heading(2, t.text("roiInvestment")),
        paragraph(t.text("roiInvestmentHint")),
        heading(2, t.text("roiExperience")),
        paragraph(t.text("roiExperienceHint")),
        heading(2, t.text("roiCost")),
        paragraph(t.text("roiCostHint")),
        heading(2, t.text("roiEvidence")),
        paragraph(t.text("roiEvidenceHint")),
        heading(2, t.text("roiDecision")),
        {
          type: "taskList",
          content: (["roiStop", "roiContinue", "roiScale"] as const).map((k) => ({
            type: "taskItem",
            attrs: { checked: false },
            content: [paragraph(t.text(k))],
          })),
        },
      ],
    };
  }
  const columns = (["action", "owner", "timeline", "cost", "howWeWillKnow"] as const).map((k) => t.text(k));
  return {
    type: "doc",
    content: [
      italic(t.text("intro")),
      ...dimensions.flatMap((d): DocNode[] => [
        heading(2, t.dimension(d)),
        heading(3, t.text("whereWeAre")),
        italic(t.text("whereWeAreHint")),
        heading(3, t.text("rootCauses")),
        paragraph(),
        heading(3, t.text("actions")),
        {
          type: "table",
          content: [
            { type: "tableRow", content: columns.map((c) => cell("tableHeader", c)) },
            { type: "tableRow", content: columns.map(() => cell("tableCell")) },
          ],
        },
      ]),
    ],
  };
}
