import { yDocToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import type { Database } from "../../db/client";
import type { Plan } from "../../db/schema";
import { reattach, resolveAnchor, type PlanAnchor } from "../domain/comments/plan-anchor";
import { NOTE_MARK } from "../domain/note-mark";
import type { DocNode } from "../domain/plan-document";
import type { PlanNote } from "../domain/plan-notes";
import type { Locale } from "../i18n/locales";
import { translate } from "../i18n/translate";
import { formatDate } from "../utils/format";
import { listThreads } from "./comments.server";
import { PLAN_FIELD } from "./plan-content.server";
import { loadPlanState } from "./plan-storage.server";

/**
 * The plan's stored document with a marker [n] after each open thread's passage, and the
 * notes to list: open threads (attached ones in document order, then those whose passage
 * was removed), each with its comments as any member may see them (hidden and deleted
 * ones by their state only). The markers go into a copy: nothing is stored.
 */
export async function planWithNotes(
  db: Database,
  plan: Pick<Plan, "id" | "workspaceId">,
  locale: Locale,
): Promise<{ doc: DocNode; notes: PlanNote[] }> {
  const [state, threads] = await Promise.all([
    loadPlanState(db, plan.id),
    listThreads(db, plan.workspaceId, { kind: "plan", planId: plan.id }),
  ]);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  try {
    const open = threads
      .filter((t) => t.resolvedAt === null)
      .map((t) => {
        let anchor: PlanAnchor = { start: t.anchorStart!, end: t.anchorEnd!, quote: t.quote! };
        let resolved = resolveAnchor(doc, PLAN_FIELD, anchor);
        // Words that came back elsewhere: the note goes with them (as the thread list does).
        if (resolved.status === "removed") {
          const moved = reattach(doc, PLAN_FIELD, anchor);
          if (moved) {
            anchor = moved;
            resolved = resolveAnchor(doc, PLAN_FIELD, anchor);
          }
        }
        return { thread: t, anchor, from: resolved.status === "attached" ? resolved.from : null };
      });
    // Document order (stable: threads on one passage stay oldest first); removed passages last.
    open.sort((a, b) => (a.from ?? Number.MAX_SAFE_INTEGER) - (b.from ?? Number.MAX_SAFE_INTEGER));
    const numbered = open.map((o, i) => ({ ...o, n: i + 1 }));
    // Last first: markers ending at the same place then read [1][2].
    for (const o of [...numbered].reverse()) {
      if (o.from === null) continue;
      const at = Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(o.anchor.end), doc);
      if (at && at.type instanceof Y.XmlText) at.type.insert(at.index, `[${o.n}]`, { [NOTE_MARK]: { n: o.n } });
    }
    const unknown = translate(locale, "export.unknownAuthor");
    const notes: PlanNote[] = numbered.map((o) => ({
      n: o.n,
      quote: o.thread.quote!,
      removed: o.from === null,
      comments: o.thread.comments.map((c) => ({
        author: c.authorName ?? unknown,
        date: formatDate(c.createdAt.toISOString(), locale),
        body: c.state === "visible" ? c.body : null,
        state: c.state,
      })),
    }));
    return { doc: yDocToProsemirrorJSON(doc, PLAN_FIELD) as DocNode, notes };
  } finally {
    doc.destroy();
  }
}
