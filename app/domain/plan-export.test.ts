import { describe, expect, it } from "vitest";
import type { DocNode } from "./plan-document";
import { toHtmlFragment, toHtmlPage, toMarkdown } from "./plan-export";

const t = (text: string, marks?: DocNode["marks"]): DocNode => ({ type: "text", text, marks });
const p = (...content: DocNode[]): DocNode => ({ type: "paragraph", content });

const doc: DocNode = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [t("School Funding")] },
    p(t("Spending is "), t("flat", [{ type: "bold" }]), t(" across "), t("quartiles", [{ type: "italic" }]), t(".")),
    {
      type: "bulletList",
      content: [
        { type: "listItem", content: [p(t("Weighted formula"))] },
        {
          type: "listItem",
          content: [p(t("Nested")), { type: "bulletList", content: [{ type: "listItem", content: [p(t("inner"))] }] }],
        },
      ],
    },
    { type: "orderedList", attrs: { start: 1 }, content: [{ type: "listItem", content: [p(t("first"))] }] },
    {
      type: "taskList",
      content: [
        { type: "taskItem", attrs: { checked: true }, content: [p(t("Publish data"))] },
        { type: "taskItem", attrs: { checked: false }, content: [p(t("Hold forum"))] },
      ],
    },
    { type: "blockquote", content: [p(t("Families asked for counselors."))] },
    {
      type: "table",
      content: [
        {
          type: "tableRow",
          content: [
            { type: "tableHeader", content: [p(t("Action"))] },
            { type: "tableHeader", content: [p(t("Cost"))] },
          ],
        },
        {
          type: "tableRow",
          content: [
            { type: "tableCell", content: [p(t("Counselors | 4 FTE"))] },
            { type: "tableCell", content: [p(t("$480,000"))] },
          ],
        },
      ],
    },
    p(
      t("evil", [{ type: "link", attrs: { href: "javascript:alert(1)" } }]),
      t(" and "),
      t("good", [{ type: "link", attrs: { href: "https://example.org/a b" } }]),
    ),
    p(t("<script>alert('x')</script>")),
  ],
};

describe("Markdown export", () => {
  const md = toMarkdown(doc, "Equity plan");
  it("keeps headings, marks, lists, tasks, quotes and tables", () => {
    expect(md).toContain("# Equity plan\n");
    expect(md).toContain("## School Funding");
    expect(md).toContain("Spending is **flat** across _quartiles_.");
    expect(md).toContain("- Weighted formula\n- Nested\n\n  - inner");
    expect(md).toContain("1. first");
    expect(md).toContain("- [x] Publish data\n- [ ] Hold forum");
    expect(md).toContain("> Families asked for counselors.");
    expect(md).toContain("| Action | Cost |\n| --- | --- |\n| Counselors \\| 4 FTE | $480,000 |");
  });
  it("drops unsafe links and escapes markup", () => {
    expect(md).not.toContain("javascript:");
    expect(md).toContain("[good](https://example.org/a%20b)");
    expect(md).toContain("&lt;script&gt;alert('x')&lt;/script&gt;");
  });
});

describe("HTML export", () => {
  const html = toHtmlPage(doc, { title: "Equity <plan>", lang: "es" });
  it("is a standalone page with the title as its only h1", () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<html lang="es">');
    expect(html).toContain("<title>Equity &lt;plan&gt;</title>");
    expect(html.match(/<h1>/g)).toHaveLength(1);
    expect(html).toContain("<h3>School Funding</h3>");
  });
  it("keeps lists, tasks and tables", () => {
    expect(html).toContain("<strong>flat</strong>");
    expect(html).toContain("<ul><li><p>Weighted formula</p></li>");
    expect(html).toContain('<li class="task"><span class="box" aria-hidden="true">☑</span>');
    expect(html).toContain("<th><p>Action</p></th>");
    expect(html).toContain("<td><p>Counselors | 4 FTE</p></td>");
  });
  it("escapes text and drops unsafe links", () => {
    expect(html).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    expect(html).not.toContain("javascript:");
    expect(html).toContain('<a href="https://example.org/a b">good</a>');
  });
});

describe("embedded objects in the HTML export", () => {
  it("renders every embed, also when an object's renderer renders a fragment of its own", () => {
    const view = (id: string): DocNode => ({ type: "dataView", attrs: { viewId: id } });
    const poll = (id: string): DocNode => ({ type: "embed", attrs: { kind: "poll", id } });
    const html = toHtmlPage(
      { type: "doc", content: [view("a"), p(t("between")), poll("b"), view("c")] },
      {
        title: "Plan",
        lang: "en",
        embed: (ref) =>
          `<figure>${ref.kind} ${ref.id}</figure>${toHtmlFragment({ type: "doc", content: [p(t(`table ${ref.id}`))] })}`,
      },
    );
    for (const [kind, id] of [
      ["view", "a"],
      ["poll", "b"],
      ["view", "c"],
    ])
      expect(html).toContain(`<figure>${kind} ${id}</figure><p>table ${id}</p>`);
  });

  it("renders nothing for an embed of an unknown kind or without an id", () => {
    const html = toHtmlFragment(
      {
        type: "doc",
        content: [
          { type: "embed", attrs: { kind: "script", id: "x" } },
          { type: "embed", attrs: { kind: "poll", id: "" } },
        ],
      },
      { embed: () => "<figure>shown</figure>" },
    );
    expect(html).not.toContain("shown");
  });
});
