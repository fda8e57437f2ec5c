import { json, type AppLoadContext } from "@remix-run/node";
import { can } from "../domain/policy";
import { newChartThreadSchema } from "../domain/validation";
import { chartForReader, parseChartKey, pointIn, type ChartTarget } from "../models/chart-threads.server";
import { createThread, getThread, listThreads, type NewThreadTarget } from "../models/comments.server";
import { apiError, readJson } from "./api.server";
import type { Authorized } from "./authorize.server";

/** What these helpers read of an access grant, whatever resource it was granted on. */
export type ChartAccess = Omit<Authorized, "decision" | "may">;
import { rateLimited } from "./comments-api.server";
import { chartThreadsJson, readerOf } from "./threads-api.server";
import { notificationMail } from "./notification-mail.server";

// Threads' values are computed per reader: never shared by caches.
const PRIVATE = { "Cache-Control": "private, no-store" };

const stored = (t: ChartTarget) =>
  t.kind === "view"
    ? ({ kind: "view", viewId: t.view.id } as const)
    : ({ kind: "diagnostic", chartKey: t.chartKey } as const);

/** A diagnostic chart the workspace's district data has, or null. */
export async function diagnosticTarget(context: AppLoadContext, access: ChartAccess, key: string) {
  const parsed = parseChartKey(key);
  if (!parsed) return null;
  const target: ChartTarget = { kind: "diagnostic", chartKey: key, ...parsed };
  return (await chartForReader(context.db, target, readerOf(access), null)) ? target : null;
}

/** `{ threads, canComment }` of a chart, oldest first, for an authorized reader. */
export async function listChartThreads(context: AppLoadContext, access: ChartAccess, target: ChartTarget) {
  const threads = await listThreads(context.db, access.workspace.id, stored(target));
  return json(
    {
      threads: await chartThreadsJson(context, target, readerOf(access), threads),
      // Whether the caller may start threads and reply here, so a client shows the right controls.
      canComment: can(access.member, "comment", { kind: "workspace" }),
    },
    { headers: PRIVATE },
  );
}

/**
 * Starts a thread on the chart or one of its points. The point must be one the chart has as
 * this reader sees it now (a hidden figure is still a point: its value stays hidden).
 */
export async function startChartThread(
  request: Request,
  context: AppLoadContext,
  access: ChartAccess,
  target: ChartTarget,
) {
  const body = await readJson(request, newChartThreadSchema);
  const reader = readerOf(access);
  const chart = await chartForReader(context.db, target, reader, null);
  let point = null;
  if (body.point) {
    point = pointIn(chart, body.point);
    if (!point) return apiError(422, "point_not_found", "The chart has no such data point.");
  }
  const base = { point, dataVersion: chart?.version ?? null };
  const where: NewThreadTarget =
    target.kind === "view"
      ? { kind: "view", viewId: target.view.id, ...base }
      : { kind: "diagnostic", chartKey: target.chartKey, ...base };
  const created = await createThread(context.db, {
    workspaceId: access.workspace.id,
    target: where,
    authorId: access.auth.user.id,
    body: body.body,
    mentions: body.mentions ?? [],
    mail: notificationMail(request, context),
  });
  if ("refused" in created) return rateLimited();
  const thread = (await getThread(context.db, created.thread.id))!;
  const [shown] = await chartThreadsJson(context, target, reader, [thread]);
  return json(shown, { status: 201, headers: PRIVATE });
}
