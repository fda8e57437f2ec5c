import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import * as Y from "yjs";
import { anchorQuote } from "../domain/comments/plan-anchor";
import { newPlanThreadSchema } from "../domain/validation";
import { createThread, getThread, listThreads } from "../models/comments.server";
import { PLAN_FIELD } from "../models/plan-content.server";
import { apiError, methodNotAllowed, readJson } from "../utils/api.server";
import { apiAuthorize } from "../utils/authorize.server";
import { rateLimited } from "../utils/comments-api.server";
import { planThreadsJson } from "../utils/threads-api.server";
import { notificationMail } from "../utils/notification-mail.server";

/** The plan's threads, in document order (threads on removed text last). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { plan, workspace } = await apiAuthorize(request, context, { kind: "plan", id: params.plan ?? "" }, "read");
  const threads = await listThreads(context.db, workspace.id, { kind: "plan", planId: plan!.id });
  return json({ threads: await planThreadsJson(context, plan!.id, threads) });
}

/** Starts a thread on the `occurrence`-th appearance of `quote` in the plan's text. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const { plan, workspace, auth } = await apiAuthorize(
    request,
    context,
    { kind: "plan", id: params.plan ?? "" },
    "comment",
  );
  const body = await readJson(request, newPlanThreadSchema);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, await context.plans.planState(plan!.id));
  const anchor = anchorQuote(doc, PLAN_FIELD, body.anchor.quote, body.anchor.occurrence ?? 1);
  doc.destroy();
  if (!anchor) {
    return apiError(422, "anchor_not_found", "The quoted passage is not in the plan (or not that many times).");
  }
  const created = await createThread(context.db, {
    workspaceId: workspace.id,
    target: { kind: "plan", planId: plan!.id, anchor },
    authorId: auth.user.id,
    body: body.body,
    mentions: body.mentions ?? [],
    mail: notificationMail(request, context),
  });
  if ("refused" in created) return rateLimited();
  const thread = (await getThread(context.db, created.thread.id))!;
  const [shown] = await planThreadsJson(context, plan!.id, [thread]);
  return json(shown, { status: 201 });
}
