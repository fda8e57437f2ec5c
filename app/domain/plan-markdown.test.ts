import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { DocNode } from "./plan-document";
import { toMarkdown } from "./plan-markdown";

const t = (text: string, marks?: DocNode["marks"]): DocNode => ({ type: "text", text, marks });
const p = (...content: DocNode[]): DocNode => ({ type: "paragraph", content });
const doc = (...content: DocNode[]): DocNode => ({ type: "doc", content });
const ALLOWED_SCHEME = /^(https?:|mailto:)/i;

type Scan = {
  /** Each fenced code block: its fence length and the longest backtick run inside. */
  fences: { fence: number; longestRun: number }[];
  /** Text outside code, escapes removed: what a renderer parses for HTML and links. */
  prose: string;
  unclosedFence: boolean;
  /** Lines inside a fence that fall outside its containers (list item, quote). */
  strayLines: number;
};

/**
 * Reads the structure that matters for safety the way CommonMark does, for
 * the shapes this exporter writes: fenced blocks (a line of 3+ backticks after
 * container markers, closed by a line of at least as many), then code spans
 * (a backtick run closed by the next run of the same length) and backslash escapes.
 */
function scan(md: string): Scan {
  const container = /^((?:> ?|[-+*] (?:\[[ x]\] )?|\d+[.)] | )*)/;
  const fenceLine = (line: string) => /^(`{3,})$/.exec(line.replace(container, ""))?.[1]?.length ?? 0;
  // The prefix that keeps a line inside the opener's containers: list markers become the indent this exporter writes.
  const continuation = (line: string) =>
    container
      .exec(line)![1]!
      .replace(/- \[[ x]\] |[-+*] /g, "  ")
      .replace(/\d+[.)] /g, (m) => " ".repeat(m.length));
  const fences: Scan["fences"] = [];
  const prose: string[] = [];
  let open: { fence: number; longestRun: number; prefix: string } | null = null;
  let strayLines = 0;
  // CommonMark ends a line at \n, \r or \r\n.
  for (const line of md.split(/\r\n?|\n/)) {
    const fence = fenceLine(line);
    if (open) {
      if (fence >= open.fence) {
        fences.push({ fence: open.fence, longestRun: open.longestRun });
        open = null;
      } else {
        // A line outside the opener's containers would close them, and the fence with them.
        if (!line.startsWith(open.prefix) && line !== open.prefix.trimEnd()) strayLines++;
        const runs = line.match(/`+/g) ?? [];
        open.longestRun = Math.max(open.longestRun, ...runs.map((r) => r.length));
      }
      continue;
    }
    if (fence) {
      open = { fence, longestRun: 0, prefix: continuation(line) };
      continue;
    }
    prose.push(stripCodeSpans(line));
  }
  return { fences, prose: prose.join("\n"), unclosedFence: open !== null, strayLines };
}

function stripCodeSpans(line: string): string {
  let out = "";
  let i = 0;
  while (i < line.length) {
    if (line[i] === "\\" && i + 1 < line.length) {
      out += "\u0000"; // an escaped character is literal text
      i += 2;
      continue;
    }
    if (line[i] === "`") {
      const run = /^`+/.exec(line.slice(i))![0];
      const close = new RegExp(`(?<!\`)${run}(?!\`)`, "g");
      close.lastIndex = i + run.length;
      const end = close.exec(line);
      if (end) {
        out += "\u0001"; // a code span: literal, whatever it holds
        i = end.index + run.length;
        continue;
      }
      out += run;
      i += run.length;
      continue;
    }
    out += line[i];
    i++;
  }
  return out;
}

describe("Markdown export of hostile text", () => {
  it("fences a code block with more backticks than it holds, so it cannot close early", () => {
    const code = "```\n<img src=x onerror=alert(1)>\n```\n[x](javascript:alert(1))";
    const md = toMarkdown(doc({ type: "codeBlock", content: [t(code)] }), "Plan");
    expect(md).toContain("````\n" + code + "\n````");
    expect(scan(md)).toMatchObject({ unclosedFence: false, prose: expect.not.stringContaining("<") });
  });

  it("fences a code span with a longer run than it holds, padding a backtick at its ends", () => {
    const md = toMarkdown(
      doc(p(t("a ``<b>`` c", [{ type: "code" }]), t(" and "), t("`x", [{ type: "code" }]))),
      "Plan",
    );
    expect(md).toContain("```a ``<b>`` c``` and `` `x ``");
    expect(scan(md).prose).not.toContain("<");
  });

  it("writes text markup as entities and escapes, never as HTML or links", () => {
    const md = toMarkdown(doc(p(t("<u>&amp;</u> [x](javascript:alert(1)) **b**"))), "<T>");
    expect(md).toBe("# &lt;T&gt;\n\n&lt;u&gt;&amp;amp;&lt;/u&gt; \\[x\\](javascript:alert(1)) \\*\\*b\\*\\*\n");
  });

  it("keeps http(s) and mailto links and writes any other link as its text", () => {
    const link = (href: string) => t("here", [{ type: "link", attrs: { href } }]);
    const md = toMarkdown(
      doc(
        p(link("https://a.example/x (y)")),
        p(link("mailto:a@b.example")),
        p(link("javascript:alert(1)")),
        p(link("/rel")),
      ),
      "Plan",
    );
    expect(md).toContain("[here](https://a.example/x%20%28y%29)");
    expect(md).toContain("[here](mailto:a@b.example)");
    expect(md).toContain("\n\nhere\n\nhere\n");
  });

  it("does not let text start a list, heading or code block at the beginning of a line", () => {
    const md = toMarkdown(
      doc(p(t("1. one")), p(t("- two")), p(t("    code")), p(t("x"), { type: "hardBreak" }, t("# h"))),
      "Plan",
    );
    expect(md).toBe("# Plan\n\n1\\. one\n\n\\- two\n\ncode\n\nx\\\n\\# h\n");
  });

  it("writes a code block's carriage returns as line feeds, so each line keeps its container's indent", () => {
    const item = { type: "listItem", content: [{ type: "codeBlock", content: [t("x\r<script>alert(1)</script>")] }] };
    const md = toMarkdown(doc({ type: "bulletList", content: [item] }), "P");
    expect(md).toBe("# P\n\n- ```\n  x\n  <script>alert(1)</script>\n  ```\n");
  });

  it("underline, which Markdown lacks, is plain text rather than HTML", () => {
    expect(toMarkdown(doc(p(t("u", [{ type: "underline" }]))), "P")).toBe("# P\n\nu\n");
  });

  // ---- Property: hostile text in every node and mark ----
  const hostileText = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          "`",
          "``",
          "```",
          "````",
          "<",
          ">",
          "&",
          "\\",
          "[",
          "]",
          "(",
          ")",
          "*",
          "_",
          "#",
          "|",
          "~",
          "!",
        ),
        fc.constantFrom(
          "\n",
          "\r",
          " ",
          "\t",
          "-",
          "1.",
          "=",
          "javascript:alert(1)",
          "<script>",
          "](javascript:x)",
          "&lt;",
          "<!--",
        ),
        fc.string({ maxLength: 4 }),
      ),
      { maxLength: 8 },
    )
    .map((parts) => parts.join(""));
  const href = fc.oneof(
    hostileText,
    hostileText.map((s) => "https://x.example/" + s),
    hostileText.map((s) => "javascript:" + s),
    fc.constantFrom(
      " javascript:alert(1)",
      "JAVASCRIPT:x",
      "data:text/html,<b>",
      "vbscript:x",
      "mailto:a@b",
      "/relative",
    ),
  );
  const mark = fc.oneof(
    fc.constantFrom("bold", "italic", "strike", "underline", "code").map((type) => ({ type })),
    href.map((h) => ({ type: "link", attrs: { href: h } })),
  );
  const text = fc.record({
    type: fc.constant("text"),
    text: hostileText,
    marks: fc.uniqueArray(mark, { maxLength: 3, selector: (m) => m.type }),
  });
  const inline = fc.array(fc.oneof({ weight: 5, arbitrary: text }, fc.constant({ type: "hardBreak" })), {
    maxLength: 4,
  });
  const { block } = fc.letrec<{ block: DocNode }>((tie) => {
    const blocks = fc.array(tie("block"), { maxLength: 3 });
    const items = (type: string) =>
      fc.array(
        blocks.map((content) => ({ type, content })),
        { maxLength: 3 },
      );
    return {
      block: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        inline.map((content) => ({ type: "paragraph", content })),
        fc.record({
          type: fc.constant("heading"),
          attrs: fc.record({ level: fc.integer({ min: 0, max: 8 }) }),
          content: inline,
        }),
        hostileText.map((s) => ({ type: "codeBlock", content: [{ type: "text", text: s }] })),
        blocks.map((content) => ({ type: "blockquote", content })),
        items("listItem").map((content) => ({ type: "bulletList", content })),
        items("listItem").map((content) => ({ type: "orderedList", attrs: { start: 3 }, content })),
        items("taskItem").map((content) => ({ type: "taskList", content })),
        fc
          .array(
            fc.array(
              inline.map((c) => ({ type: "tableCell", content: [{ type: "paragraph", content: c }] })),
              { maxLength: 3 },
            ),
            {
              maxLength: 3,
            },
          )
          .map((rows) => ({ type: "table", content: rows.map((content) => ({ type: "tableRow", content })) })),
        fc.constant({ type: "horizontalRule" }),
      ),
    };
  });

  test.prop([fc.array(block, { maxLength: 5 }), hostileText], { numRuns: Number(process.env.FC_RUNS ?? 300) })(
    "every fence outruns its code, no raw < outside code, no link to another scheme",
    (content, title) => {
      const md = toMarkdown({ type: "doc", content }, title);
      const { fences, prose, unclosedFence, strayLines } = scan(md);
      expect(unclosedFence).toBe(false);
      expect(strayLines).toBe(0);
      for (const f of fences) expect(f.fence).toBeGreaterThan(f.longestRun);
      expect(prose).not.toContain("<");
      for (const [, destination] of prose.matchAll(/\]\(([^)]*)\)/g)) expect(destination).toMatch(ALLOWED_SCHEME);
    },
  );
});
