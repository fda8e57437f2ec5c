import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import type { User } from "../../db/schema";
import { apiError, apiRequireUser, methodNotAllowed, readJson } from "../utils/api.server";
import { translateFields } from "../utils/api-messages.server";
import { applyNotificationSettings, notificationSettingsFields } from "../utils/notification-settings.server";

const meJson = (user: User) => ({
  id: user.id,
  name: user.name,
  email: user.email,
  createdAt: user.createdAt.toISOString(),
  instanceAdmin: user.isInstanceAdmin,
  mailNotifications: user.mailNotifications,
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await apiRequireUser(request, context);
  return json(meJson(user));
}

const mePatchSchema = z.strictObject({ ...notificationSettingsFields });

/** `PATCH { mailNotifications }`: the caller's own settings; unknown fields are refused, nothing changes. */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "PATCH") return methodNotAllowed(["GET", "PATCH"]);
  const { user } = await apiRequireUser(request, context);
  const patch = await translateFields(readJson(request, mePatchSchema));
  if (Object.keys(patch).length === 0)
    return apiError(422, "validation_failed", "Send at least one setting to change.");
  await applyNotificationSettings(context, user.id, patch);
  return json(meJson({ ...user, ...patch }));
}
