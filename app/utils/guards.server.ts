import { redirect, type AppLoadContext } from "@remix-run/node";
import type { DistrictAction, InstanceAction } from "../domain/permissions";
import type { Actions } from "../domain/policy";
import { authorizeDistrict, authorizeInstance } from "./access.server";
import { authorize } from "./authorize.server";
import { getAuth, type Auth } from "./session.server";

/** The signed-in user, or a redirect to sign-in that comes back here afterwards. */
export async function requireUser(request: Request, context: AppLoadContext): Promise<Auth> {
  const auth = await getAuth(request, context);
  if (auth) return auth;
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`, {
    headers: context.responseCookies.length ? { "Set-Cookie": context.responseCookies.join(", ") } : undefined,
  });
}

export function notFound(): Response {
  return new Response("Not Found", { status: 404, statusText: "Not Found" });
}

/** A member whose role does not allow the action; pages show it as the translated "Not allowed" error page. */
export function forbidden(): Response {
  return new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

/** Workspace access for a page: 404 for non-members, 403 for members lacking the right. */
export async function requireWorkspace(
  request: Request,
  context: AppLoadContext,
  slug: string | undefined,
  action: Actions["workspace"],
) {
  const auth = await requireUser(request, context);
  if (!slug) throw notFound();
  const outcome = await authorize(context, auth.user.id, { kind: "workspace", slug }, action);
  if (!outcome.ok) throw outcome.status === 404 ? notFound() : forbidden();
  return { auth, ...outcome.access };
}

export async function requireDistrict(
  request: Request,
  context: AppLoadContext,
  slug: string | undefined,
  action: DistrictAction,
) {
  const auth = await requireUser(request, context);
  if (!slug) throw notFound();
  const decision = await authorizeDistrict(context, slug, auth.user.id, action);
  if (!decision.ok) {
    throw decision.status === 404 ? notFound() : forbidden();
  }
  return { auth, ...decision.value };
}

/** A signed-in account allowed to act on the instance: 403 or 404 (see authorizeInstance) otherwise. */
export async function requireInstance(request: Request, context: AppLoadContext, action: InstanceAction) {
  const auth = await requireUser(request, context);
  const decision = authorizeInstance(context, auth.user, action);
  if (!decision.ok) throw decision.status === 404 ? notFound() : forbidden();
  return auth;
}

/** A poll's page: 404 unless it is in this workspace and the caller is a member; 403 without the right. */
export async function requirePoll(
  request: Request,
  context: AppLoadContext,
  slug: string | undefined,
  pollId: string | undefined,
  action: Actions["poll"],
) {
  const auth = await requireUser(request, context);
  const outcome = await authorize(context, auth.user.id, { kind: "poll", id: pollId ?? "" }, action);
  if (!outcome.ok) throw outcome.status === 404 ? notFound() : forbidden();
  // A poll is reached through its own workspace's address only.
  if (outcome.access.workspace.slug !== slug) throw notFound();
  return { auth, ...outcome.access };
}
