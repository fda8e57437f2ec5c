import { json, type ActionFunctionArgs } from "@remix-run/node";
import { commentEditSchema, moderationSchema } from "../domain/validation";
import { deleteComment, editComment, getThread, hideComment } from "../models/comments.server";
import { methodNotAllowed, readJson } from "../utils/api.server";
import { apiAuthorize } from "../utils/authorize.server";
import { commentJson } from "../utils/threads-api.server";

export const loader = () => methodNotAllowed(["PATCH", "DELETE"]);

/**
 * PATCH `{ body }`: edit one's own comment. DELETE: delete one's own (its text is gone),
 * or, as a workspace owner, hide anyone's with `{ reason }` (the text is kept for the audit log).
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const ref = { kind: "comment", id: params.comment ?? "" } as const;
  if (request.method === "PATCH") {
    const { comment, thread } = await apiAuthorize(request, context, ref, "edit");
    const { body } = await readJson(request, commentEditSchema);
    await editComment(context.db, thread!, comment!.id, body);
    return json(commentJson(await shown(context.db, thread!.id, comment!.id)));
  }
  if (request.method === "DELETE") {
    const seen = await apiAuthorize(request, context, ref, "read");
    // One's own comment is deleted; someone else's can only be hidden, with a reason.
    if (seen.comment!.authorId === seen.auth.user.id) {
      const { comment, thread } = await apiAuthorize(request, context, ref, "delete");
      await deleteComment(context.db, thread!, comment!.id);
      return json(commentJson(await shown(context.db, thread!.id, comment!.id)));
    }
    const { comment, thread, auth } = await apiAuthorize(request, context, ref, "hide");
    const { reason } = await readJson(request, moderationSchema);
    await hideComment(context.db, thread!, comment!.id, { moderatorId: auth.user.id, reason });
    return json(commentJson(await shown(context.db, thread!.id, comment!.id)));
  }
  return methodNotAllowed(["PATCH", "DELETE"]);
}

async function shown(db: Parameters<typeof getThread>[0], threadId: string, commentId: string) {
  return (await getThread(db, threadId))!.comments.find((c) => c.id === commentId)!;
}
