import { escapeHtml } from "./plan-export";
import { markdownText } from "./plan-markdown";

/**
 * A plan's open threads as numbered notes for its exports: a marker [n] after the passage
 * (the `commentNote` mark the export puts in a copy of the document) and a "Comments"
 * section listing each thread's comments as its reader may see them.
 */
export type PlanNote = {
  n: number;
  quote: string;
  /** The passage is gone from the plan: the note has no marker, only its quote. */
  removed: boolean;
  comments: { author: string; date: string; body: string | null; state: "visible" | "deleted" | "hidden" }[];
};

export type NoteLabels = {
  heading: string;
  removed: string;
  deleted: string;
  hidden: string;
};

const commentText = (c: PlanNote["comments"][number], labels: NoteLabels) =>
  c.state === "visible" && c.body !== null ? null : c.state === "hidden" ? labels.hidden : labels.deleted;

/** The "Comments" section in Markdown (empty when there are no notes). */
export function notesMarkdown(notes: PlanNote[], labels: NoteLabels): string {
  if (notes.length === 0) return "";
  const blocks = notes.map((note) => {
    const lines = [
      `**[${note.n}]** “${markdownText(note.quote)}”${note.removed ? ` _${markdownText(labels.removed)}_` : ""}`,
    ];
    for (const c of note.comments) {
      const gone = commentText(c, labels);
      const body = gone
        ? `_${markdownText(gone)}_`
        : c
            .body!.split("\n")
            .map((line) => markdownText(line))
            // A hard line break inside the list item; blank lines would end it.
            .join("\\\n  ");
      lines.push(`- **${markdownText(c.author)}** (${markdownText(c.date)}): ${body}`);
    }
    return lines.join("\n\n");
  });
  return `## ${markdownText(labels.heading)}\n\n${blocks.join("\n\n")}\n`;
}

/** The "Comments" section as HTML for the print page (empty when there are no notes). */
export function notesHtml(notes: PlanNote[], labels: NoteLabels): string {
  if (notes.length === 0) return "";
  const items = notes.map((note) => {
    const comments = note.comments
      .map((c) => {
        const gone = commentText(c, labels);
        const body = gone ? `<em>${escapeHtml(gone)}</em>` : escapeHtml(c.body!).replace(/\n/g, "<br>");
        return `<li><strong>${escapeHtml(c.author)}</strong> <span class="meta">${escapeHtml(c.date)}</span><br>${body}</li>`;
      })
      .join("");
    return `<li id="note-${note.n}"><blockquote>${escapeHtml(note.quote)}</blockquote>${
      note.removed ? `<p class="meta">${escapeHtml(labels.removed)}</p>` : ""
    }<ul>${comments}</ul></li>`;
  });
  return `<section class="notes" aria-labelledby="notes-heading">\n<h2 id="notes-heading">${escapeHtml(
    labels.heading,
  )}</h2>\n<ol>${items.join("\n")}</ol>\n</section>`;
}
