import type { Translate } from "../i18n/translate";
import type { DocNode } from "./plan-document";
import type { pollResults } from "./poll-results";

type Results = ReturnType<typeof pollResults>;
type Money = (decimal: string) => string;

const p = (value: string, marks?: DocNode["marks"]): DocNode => ({
  type: "paragraph",
  content: value ? [{ type: "text", text: value, ...(marks ? { marks } : {}) }] : [],
});
const row = (type: "tableHeader" | "tableCell", values: string[]): DocNode => ({
  type: "tableRow",
  content: values.map((v) => ({ type, content: [p(v)] })),
});

/**
 * A vote's results embedded in a plan, as ordinary document nodes (title, the rule in
 * words, what was funded, a table of every option with why), so the Markdown and print
 * exports render it with the same code as the rest of the plan. `results` is null when
 * this reader may not see them yet.
 */
export function pollAsDocNodes(
  poll: { title: string } | null,
  results: Results | null,
  t: Translate,
  money: Money,
): DocNode[] {
  if (!poll) return [p(t("embed.pollUnavailable"), [{ type: "italic" }])];
  const title = p(poll.title, [{ type: "bold" }]);
  if (!results) return [title, p(t("results.notYet"), [{ type: "italic" }])];
  return [
    title,
    p(results.explanation),
    p(
      `${t(results.ballots === 1 ? "results.ballots.one" : "results.ballots.other", { count: results.ballots })} · ${t(
        "results.spent",
        { spent: money(results.spent), budget: money(results.budget) },
      )}`,
    ),
    {
      type: "table",
      content: [
        row("tableHeader", [t("embed.option"), t("embed.cost"), t("embed.votes"), t("embed.outcome")]),
        ...results.options.map((o) =>
          row("tableCell", [
            o.title,
            money(o.cost),
            String(o.votes),
            `${t(o.funded ? "results.funded" : "results.notFunded")}. ${o.explanation}`,
          ]),
        ),
      ],
    },
  ];
}
