import { json, type ActionFunctionArgs } from "@remix-run/node";
import { newCommentSchema } from "../domain/validation";
import { addComment, getThread } from "../models/comments.server";
import { methodNotAllowed, readJson } from "../utils/api.server";
import { apiAuthorize } from "../utils/authorize.server";
import { rateLimited } from "../utils/comments-api.server";
import { commentJson } from "../utils/threads-api.server";
import { notificationMail } from "../utils/notification-mail.server";

export const loader = () => methodNotAllowed(["POST"]);

/** A reply. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const { thread, auth } = await apiAuthorize(request, context, { kind: "thread", id: params.thread ?? "" }, "reply");
  const body = await readJson(request, newCommentSchema);
  const added = await addComment(context.db, thread!, {
    authorId: auth.user.id,
    body: body.body,
    mentions: body.mentions ?? [],
    mail: notificationMail(request, context),
  });
  if ("refused" in added) return rateLimited();
  const shown = (await getThread(context.db, thread!.id))!.comments.find((c) => c.id === added.comment.id)!;
  return json(commentJson(shown), { status: 201 });
}
