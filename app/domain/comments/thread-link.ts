import type { CommentThread } from "../../../db/schema";
import type { ThreadTarget } from "../app-events";

/** What a thread is about, from its row: a plan, a saved view or a diagnostic chart. */
export const targetOf = (t: Pick<CommentThread, "targetKind" | "planId" | "viewId" | "chartKey">): ThreadTarget => ({
  kind: t.targetKind,
  id: (t.targetKind === "plan" ? t.planId : t.targetKind === "view" ? t.viewId : t.chartKey)!,
});

/**
 * Where a thread opens: its plan with `?thread=`, or the chart it is about. Every list of
 * threads (the inbox, what's new) links through here so the pages agree on one address.
 */
export function threadHref(workspaceSlug: string, threadId: string, target: ThreadTarget): string {
  const ws = `/workspaces/${encodeURIComponent(workspaceSlug)}`;
  const thread = `thread=${encodeURIComponent(threadId)}`;
  switch (target.kind) {
    case "plan":
      return `${ws}/plans/${encodeURIComponent(target.id)}?${thread}`;
    case "view":
      return `${ws}/views?view=${encodeURIComponent(target.id)}&${thread}`;
    case "diagnostic": {
      // A diagnostic chart's key starts with its dimension ("school_funding/by-quartile").
      const dimension = target.id.split("/")[0] ?? "";
      return `${ws}/diagnostic/${encodeURIComponent(dimension)}?${thread}`;
    }
  }
}

/** The first words of a comment, for a list: one line, at most `max` characters (code points). */
export function excerpt(body: string, max = 140): string {
  const line = body.replace(/\s+/g, " ").trim();
  const chars = [...line];
  if (chars.length <= max) return line;
  const cut = chars.slice(0, max - 1).join("");
  // Already at the end of a word; else end on a word when one ends reasonably near the limit.
  if (chars[max - 1] === " ") return `${cut}…`;
  const space = cut.lastIndexOf(" ");
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
