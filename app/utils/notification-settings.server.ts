import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { mailNotificationModes } from "../domain/mail";
import { setMailNotifications } from "../models/notification-mail.server";

/**
 * The account's notification mail setting, as `PATCH /api/v1/me` and the Account page take it.
 * (`PATCH /api/v1/me` checks the same values in meUpdateSchema.)
 */
export const mailNotificationsField = z.enum(mailNotificationModes, { error: "validation.mailNotificationsInvalid" });

/** Applies what was sent (nothing when the field is absent). */
export async function applyNotificationSettings(
  context: AppLoadContext,
  userId: string,
  patch: { mailNotifications?: z.infer<typeof mailNotificationsField> },
): Promise<void> {
  if (patch.mailNotifications) await setMailNotifications(context.db, userId, patch.mailNotifications);
}
