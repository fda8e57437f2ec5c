import { safeHref, type DocNode } from "./plan-document";
import { NOTE_MARK, noteNumber } from "./note-mark";
import { embedRefOf, type EmbedRef } from "./plan-embeds";

export { toMarkdown } from "./plan-markdown";

// ---------- HTML ----------

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

function htmlInline(nodes: DocNode[] = []): string {
  return nodes
    .map((n) => {
      if (n.type === "hardBreak") return "<br>";
      if (n.type !== "text") return htmlInline(n.content);
      // A comment's marker (exports with comments), linking to its note; never text from the document.
      const note = n.marks?.find((m) => m.type === NOTE_MARK);
      if (note) {
        const k = noteNumber(note.attrs);
        return k === null ? "" : `<sup class="note-ref"><a href="#note-${k}" id="note-ref-${k}">[${k}]</a></sup>`;
      }
      let html = escapeHtml(n.text ?? "");
      for (const mark of n.marks ?? []) {
        if (mark.type === "bold") html = `<strong>${html}</strong>`;
        else if (mark.type === "italic") html = `<em>${html}</em>`;
        else if (mark.type === "underline") html = `<u>${html}</u>`;
        else if (mark.type === "strike") html = `<s>${html}</s>`;
        else if (mark.type === "code") html = `<code>${html}</code>`;
        else if (mark.type === "link") {
          const href = safeHref(mark.attrs?.href);
          if (href) html = `<a href="${escapeHtml(href)}">${html}</a>`;
        }
      }
      return html;
    })
    .join("");
}

function htmlBlock(node: DocNode): string {
  const inner = () => htmlBlocks(node.content);
  switch (node.type) {
    case "paragraph":
      return `<p>${htmlInline(node.content)}</p>`;
    case "heading": {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 1));
      // The page title is the only h1; plan headings start one level down.
      const tag = `h${Math.min(6, level + 1)}`;
      return `<${tag}>${htmlInline(node.content)}</${tag}>`;
    }
    case "blockquote":
      return `<blockquote>${inner()}</blockquote>`;
    case "codeBlock":
      return `<pre><code>${escapeHtml((node.content ?? []).map((t) => t.text ?? "").join(""))}</code></pre>`;
    case "horizontalRule":
      return "<hr>";
    case "bulletList":
      return `<ul>${inner()}</ul>`;
    case "orderedList": {
      const start = Number(node.attrs?.start) || 1;
      return start === 1 ? `<ol>${inner()}</ol>` : `<ol start="${start}">${inner()}</ol>`;
    }
    case "listItem":
      return `<li>${inner()}</li>`;
    case "taskList":
      return `<ul class="tasks">${inner()}</ul>`;
    case "taskItem": {
      const checked = Boolean(node.attrs?.checked);
      return `<li class="task"><span class="box" aria-hidden="true">${
        checked ? "☑" : "☐"
      }</span> <span class="visually-hidden">${checked ? "[done]" : "[to do]"}</span>${inner()}</li>`;
    }
    case "table":
      return `<table>${(node.content ?? []).map(htmlBlock).join("")}</table>`;
    case "tableRow":
      return `<tr>${(node.content ?? []).map(htmlBlock).join("")}</tr>`;
    case "tableHeader":
      return `<th>${inner()}</th>`;
    case "dataView":
    case "embed": {
      // The document holds only a kind and an id; the HTML comes from our own renderer, never from the document.
      const ref = embedRefOf(node);
      return ref ? (renderEmbed?.(ref) ?? "") : "";
    }
    case "tableCell":
      return `<td>${inner()}</td>`;
    default:
      return inner();
  }
}

/** Renders an embedded object; set only while a caller's render runs (the code is synchronous). */
let renderEmbed: EmbedRenderer | null = null;
export type EmbedRenderer = (ref: EmbedRef) => string;

function withEmbeds<T>(render: EmbedRenderer | undefined, run: () => T): T {
  // An object's renderer may render a fragment of its own (its data table): restore the outer
  // renderer afterwards, or every embedded object after the first would come out empty.
  const outer = renderEmbed;
  renderEmbed = render ?? null;
  try {
    return run();
  } finally {
    renderEmbed = outer;
  }
}

function htmlBlocks(nodes: DocNode[] = []): string {
  return nodes.map(htmlBlock).join("\n");
}

/** The document body as HTML, without a page around it. */
export function toHtmlFragment(doc: DocNode, options: { embed?: EmbedRenderer } = {}): string {
  return withEmbeds(options.embed, () => htmlBlocks(doc.content));
}

const PRINT_CSS = `
body{font:16px/1.55 Georgia,"Times New Roman",serif;color:#111;max-width:46rem;margin:2rem auto;padding:0 1rem}
h1,h2,h3,h4{font-family:system-ui,sans-serif;line-height:1.25}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #888;padding:.35rem .5rem;text-align:left;vertical-align:top}
blockquote{border-left:4px solid #bbb;margin:1rem 0;padding:.1rem 1rem;color:#333}
ul.tasks{list-style:none;padding-left:.5rem}li.task p{display:inline}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.meta{color:#555;font-size:.9rem}
.notes{border-top:1px solid #bbb;margin-top:2rem}.notes blockquote{margin:.5rem 0}sup.note-ref{font-size:.75em}
figure.chart{margin:1rem 0}figure.chart svg{width:100%;height:auto;max-width:40rem}
@media print{body{margin:0;max-width:none}a{color:inherit}}
`;

/** A standalone, print-ready page ("Save as PDF" from the browser). */
export function toHtmlPage(
  doc: DocNode,
  options: { title: string; lang: string; meta?: string; embed?: EmbedRenderer; appendix?: string },
): string {
  return `<!doctype html>
<html lang="${escapeHtml(options.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<main>
<h1>${escapeHtml(options.title)}</h1>
${options.meta ? `<p class="meta">${escapeHtml(options.meta)}</p>\n` : ""}${toHtmlFragment(doc, {
    embed: options.embed,
  })}
${options.appendix ?? ""}
</main>
</body>
</html>
`;
}
