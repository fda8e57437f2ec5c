import type { AppLoadContext } from "@remix-run/node";
import * as Y from "yjs";
import { reattach, resolveAnchor, type PlanAnchor } from "../domain/comments/plan-anchor";
import { targetOf } from "../domain/comments/thread-link";
import { moveAnchor, type ThreadWithComments } from "../models/comments.server";
import { PLAN_FIELD } from "../models/plan-content.server";
import type { CommentWithAuthor } from "../models/comments.server";
import { chartAnchors, chartTargetOf, type ChartReader, type ChartTarget } from "../models/chart-threads.server";
import type { StakeholderGroup } from "../domain/roles";

/** A comment as the API shows it: its words only while they are shown; a former member's as by nobody (null). */
export function commentJson(c: CommentWithAuthor) {
  return {
    id: c.id,
    author: c.authorId && c.authorName !== null ? { id: c.authorId, name: c.authorName } : null,
    body: c.state === "visible" ? c.body : null,
    createdAt: c.createdAt.toISOString(),
    editedAt: c.editedAt?.toISOString() ?? null,
    state: c.state,
  };
}

/**
 * Plan threads as the API shows them, anchors resolved against the plan as it is now.
 * A removed passage whose words are back is re-attached (and the new anchor stored).
 */
export async function planThreadsJson(context: AppLoadContext, planId: string, threads: ThreadWithComments[]) {
  if (threads.length === 0) return [];
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await context.plans.planState(planId));
  try {
    const out: PlanThreadJson[] = [];
    for (const t of threads) {
      let anchor: PlanAnchor = { start: t.anchorStart!, end: t.anchorEnd!, quote: t.quote! };
      let resolved = resolveAnchor(doc, PLAN_FIELD, anchor);
      if (resolved.status === "removed") {
        const moved = reattach(doc, PLAN_FIELD, anchor);
        if (moved) {
          await moveAnchor(context.db, t.id, moved);
          anchor = moved;
          resolved = resolveAnchor(doc, PLAN_FIELD, anchor);
        }
      }
      out.push({
        ...threadBase(t),
        anchor: {
          quote: t.quote!,
          status: resolved.status,
          // Where the passage is in the plan's text (blocks joined by "\n"), for ordering and highlighting.
          ...(resolved.status === "attached" ? { from: resolved.from, to: resolved.to } : {}),
          start: Buffer.from(anchor.start).toString("base64"),
          end: Buffer.from(anchor.end).toString("base64"),
        },
      });
    }
    // Document order; threads on removed text at the end, oldest first.
    const at = (x: PlanThreadJson) => x.anchor.from ?? Number.MAX_SAFE_INTEGER;
    return out.sort((a, b) => at(a) - at(b));
  } finally {
    doc.destroy();
  }
}

export type PlanThreadJson = ReturnType<typeof threadBase> & {
  anchor: { quote: string; status: "attached" | "removed"; from?: number; to?: number; start: string; end: string };
};

export function threadBase(t: ThreadWithComments) {
  return {
    id: t.id,
    target: targetOf(t),
    resolved: t.resolvedAt !== null,
    resolvedAt: t.resolvedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    comments: t.comments.map(commentJson),
  };
}

/**
 * Chart threads as the API shows them to one reader: each anchor's values computed over the
 * chart as this reader sees it then and now (a hidden figure is null and `suppressed`).
 */
export async function chartThreadsJson(
  context: AppLoadContext,
  target: ChartTarget,
  reader: ChartReader,
  threads: ThreadWithComments[],
) {
  const anchorOf = chartAnchors(context.db, target, reader);
  return Promise.all(threads.map(async (t) => ({ ...threadBase(t), anchor: await anchorOf(t) })));
}

/** One thread as the API shows it to `reader` (a member of its workspace). */
export async function threadJson(context: AppLoadContext, thread: ThreadWithComments, reader: ChartReader) {
  if (thread.targetKind === "plan") return (await planThreadsJson(context, thread.planId!, [thread]))[0]!;
  const target = await chartTargetOf(context.db, thread);
  if (!target) {
    const none = { label: null, unit: null, valueThen: null, valueNow: null, versionNow: null, suppressed: false };
    return { ...threadBase(thread), anchor: { point: thread.point, versionThen: thread.dataVersion, ...none } };
  }
  return (await chartThreadsJson(context, target, reader, [thread]))[0]!;
}

/** Who reads, for chart anchors: from an authorized request's workspace and membership. */
export const readerOf = (a: {
  district: { id: string };
  membership: { stakeholderGroup: StakeholderGroup } | null;
}) => ({
  districtId: a.district.id,
  // Authorized requests have a membership; without one, the strictest rule.
  stakeholderGroup: a.membership?.stakeholderGroup ?? ("community" as StakeholderGroup),
});
