import type { AppLoadContext } from "@remix-run/node";
import { decide, type Actions, type Member, type Resource } from "../domain/policy";
import { loadResourceAccess, type ResourceAccess, type ResourceRef } from "../models/resource-access.server";
import { apiError, apiRequireUser, notFoundError } from "./api.server";
import type { Auth } from "./session.server";

type ActionOf<R extends ResourceRef> = Actions[R["kind"]];

export type Authorized = ResourceAccess & { member: Member; auth: Auth };

export type AuthorizeOutcome =
  | { ok: true; access: ResourceAccess & { member: Member } }
  | { ok: false; status: 404 | 403 | 409 };

/**
 * The one decision for a resource inside a workspace: loads it and the caller's
 * membership once, then asks the policy. A non-member gets 404 exactly as for a
 * resource that does not exist; a member without the right 403; a resource in the
 * wrong state (archived, resolved) 409.
 */
export async function authorize<R extends ResourceRef>(
  context: AppLoadContext,
  userId: string,
  ref: R,
  action: ActionOf<R>
): Promise<AuthorizeOutcome> {
  const access = await loadResourceAccess(context.db, ref, userId);
  if (!access?.membership) return { ok: false, status: 404 };
  const member: Member = {
    userId,
    role: access.membership.role,
    viewersMayComment: access.workspace.viewersMayComment,
  };
  const decision = decide(member, action as never, resourceOf(ref, access) as never);
  if (decision === "allowed") return { ok: true, access: { ...access, member } };
  return { ok: false, status: decision === "not_member" ? 404 : decision === "conflict" ? 409 : 403 };
}

function resourceOf(ref: ResourceRef, a: ResourceAccess): Resource {
  const targetArchived = Boolean(a.threadPlan?.archivedAt);
  switch (ref.kind) {
    case "workspace":
      return { kind: "workspace" };
    case "plan":
      return { kind: "plan", archived: a.plan!.archivedAt !== null };
    case "view":
      return { kind: "view" };
    case "thread":
      return { kind: "thread", resolved: a.thread!.resolvedAt !== null, targetArchived };
    case "comment":
      return { kind: "comment", authorId: a.comment!.authorId, state: a.comment!.state, targetArchived };
  }
}

const refusals = {
  403: () => apiError(403, "forbidden", "Your role in this workspace does not allow this."),
  409: () => apiError(409, "conflict", "This cannot be done in the resource's current state (archived or resolved)."),
};

/** `authorize` for the API: authenticates, then throws the API's error answer on refusal. */
export async function apiAuthorize<R extends ResourceRef>(
  request: Request,
  context: AppLoadContext,
  ref: R,
  action: ActionOf<R>
): Promise<Authorized> {
  const auth = await apiRequireUser(request, context);
  const outcome = await authorize(context, auth.user.id, ref, action);
  if (!outcome.ok) throw outcome.status === 404 ? notFoundError() : refusals[outcome.status]();
  return { ...outcome.access, auth };
}
