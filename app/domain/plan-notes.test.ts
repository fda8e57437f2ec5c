import { describe, expect, it } from "vitest";
import { toHtmlFragment } from "./plan-export";
import { toMarkdown } from "./plan-markdown";
import { notesHtml, notesMarkdown, type PlanNote } from "./plan-notes";

const labels = { heading: "Comments", removed: "Removed.", deleted: "(deleted)", hidden: "(hidden)" };
const notes: PlanNote[] = [
  {
    n: 1,
    quote: "Where *we* are",
    removed: false,
    comments: [
      { author: "Ana", date: "Dec 5, 2026", body: "<b>hi</b>\n- not a list", state: "visible" },
      { author: "Ben", date: "Dec 6, 2026", body: null, state: "hidden" },
    ],
  },
  {
    n: 2,
    quote: "gone",
    removed: true,
    comments: [{ author: "Cy", date: "Dec 7, 2026", body: null, state: "deleted" }],
  },
];
const marked = (n: unknown) => ({
  type: "doc",
  content: [
    {
      type: "paragraph",
      content: [
        { type: "text", text: "Passage" },
        { type: "text", text: "[x]", marks: [{ type: "commentNote", attrs: { n } }] },
        { type: "text", text: "[y]", marks: [{ type: "commentNote", attrs: { n: 3 } }] },
      ],
    },
  ],
});

describe("notes in Markdown", () => {
  it("lists each note with its quote and comments, escaped, hidden and deleted ones by state", () => {
    const md = notesMarkdown(notes, labels);
    expect(md).toContain("## Comments");
    expect(md).toContain("**[1]** “Where \\*we\\* are”");
    expect(md).toContain("- **Ana** (Dec 5, 2026): &lt;b&gt;hi&lt;/b&gt;\\\n  \\- not a list");
    expect(md).toContain("- **Ben** (Dec 6, 2026): _(hidden)_");
    expect(md).toContain("**[2]** “gone” _Removed._");
    expect(notesMarkdown([], labels)).toBe("");
  });
  it("writes markers as [n] from the mark's number only, each its own", () => {
    expect(toMarkdown(marked(2) as never, "T")).toContain("Passage[2][3]");
    // A forged mark (from a hostile document) writes nothing.
    expect(toMarkdown(marked("<b>") as never, "T")).toContain("Passage[3]");
  });
});

describe("notes in HTML", () => {
  it("numbers the notes to match their markers and escapes everything", () => {
    const html = notesHtml(notes, labels);
    expect(html).toContain('<li id="note-1"><blockquote>Where *we* are</blockquote>');
    expect(html).toContain("&lt;b&gt;hi&lt;/b&gt;<br>- not a list");
    expect(html).toContain("<em>(hidden)</em>");
    expect(html).toContain('<p class="meta">Removed.</p>');
    expect(toHtmlFragment(marked(2) as never)).toContain(
      'Passage<sup class="note-ref"><a href="#note-2" id="note-ref-2">[2]</a></sup>',
    );
    expect(toHtmlFragment(marked("x") as never)).not.toContain("note-x");
  });
});
