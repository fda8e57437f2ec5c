import { json, type ActionFunctionArgs } from "@remix-run/node";
import { notificationsReadSchema } from "../domain/validation";
import { listNotifications, markNotificationsRead } from "../models/comments.server";
import { apiRequireUser, methodNotAllowed, readJson } from "../utils/api.server";

export const loader = () => methodNotAllowed(["POST"]);

/** `{ ids: [...] }` or `{ all: true }`: marks the caller's own notifications read; others' ids change nothing. */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const auth = await apiRequireUser(request, context);
  const which = await readJson(request, notificationsReadSchema);
  await markNotificationsRead(context.db, auth.user.id, which);
  const { unread } = await listNotifications(context.db, auth.user.id, 1);
  return json({ unread });
}
