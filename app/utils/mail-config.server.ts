import type { AppLoadContext } from "@remix-run/node";

/**
 * Whether mail cannot go out: production without SMTP_URL. Development and tests keep mail in
 * the outbox (/dev/mail) instead. Every feature that mails asks here, so they agree.
 */
export function mailUnavailable(context: AppLoadContext): boolean {
  return context.config.isProduction && !context.config.mailConfigured;
}
