import { json, type AppLoadContext } from "@remix-run/node";
import type { User } from "../../db/schema";
import { meUpdateSchema } from "../domain/validation";
import { setMailNotifications } from "../models/notification-mail.server";
import { setUserLocale } from "../models/users.server";
import { readJson } from "./api.server";
import type { Auth } from "./session.server";

/** The account as `GET /api/v1/me` (and a PATCH's answer) shows it. */
export function meJson(user: User) {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    createdAt: user.createdAt.toISOString(),
    instanceAdmin: user.isInstanceAdmin,
    locale: user.locale,
    emailVerified: user.emailVerifiedAt !== null,
    mailNotifications: user.mailNotifications,
  };
}

/**
 * `PATCH /api/v1/me`: each key of meUpdateSchema is one setting; keys not given stay as they are.
 * 422 for a bad value, an unknown key or nothing to change, and then nothing changes.
 */
export async function patchMe(request: Request, context: AppLoadContext, auth: Auth): Promise<Response> {
  const patch = await readJson(request, meUpdateSchema);
  const user = { ...auth.user };
  if (patch.locale !== undefined) {
    await setUserLocale(context.db, user.id, patch.locale);
    user.locale = patch.locale;
  }
  if (patch.mailNotifications !== undefined) {
    await setMailNotifications(context.db, user.id, patch.mailNotifications);
    user.mailNotifications = patch.mailNotifications;
  }
  return json(meJson(user));
}
