import type { AppLoadContext } from "@remix-run/node";
import type { NotificationMailContext } from "../models/notification-mail.server";
import { mailUnavailable } from "./mail-config.server";
import { appOrigin } from "./urls.server";

/**
 * How a request's notifications are mailed: links from PUBLIC_URL (else the request's origin).
 * Null in production without SMTP_URL: a notification mailed days later, once mail is set up,
 * would only be noise (password resets still queue; they are asked for).
 */
export function notificationMail(request: Request, context: AppLoadContext): NotificationMailContext | null {
  if (mailUnavailable(context)) return null;
  return { origin: appOrigin(request, context) };
}
