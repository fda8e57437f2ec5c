import type { AppLoadContext } from "@remix-run/node";

/** The app's origin as people reach it: PUBLIC_URL when set, otherwise the request's own. */
export function appOrigin(request: Request, context: AppLoadContext): string {
  return context.config.publicOrigin ?? new URL(request.url).origin;
}

export function invitationUrl(request: Request, context: AppLoadContext, token: string): string {
  return `${appOrigin(request, context)}/invite/${token}`;
}

/** The link in a password reset mail; the token is the whole key, so it goes nowhere else. */
export function passwordResetUrl(request: Request, context: AppLoadContext, token: string): string {
  return `${appOrigin(request, context)}/reset-password/${token}`;
}

/** The link in a verification or change-of-address mail; like the reset link, the token is the whole key. */
export function verifyEmailUrl(request: Request, context: AppLoadContext, token: string): string {
  return `${appOrigin(request, context)}/verify-email/${token}`;
}
