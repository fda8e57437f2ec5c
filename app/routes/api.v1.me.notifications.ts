import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { listNotifications } from "../models/comments.server";
import { apiRequireUser, methodNotAllowed } from "../utils/api.server";

/** The caller's notifications, newest first, with the unread count. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await apiRequireUser(request, context);
  const { unread, notifications } = await listNotifications(context.db, auth.user.id);
  return json({
    unread,
    notifications: notifications.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() })),
  });
}

export const action = () => methodNotAllowed(["GET"]);
