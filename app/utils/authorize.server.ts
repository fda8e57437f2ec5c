import type { AppLoadContext } from "@remix-run/node";
import type { WorkspaceRole } from "../domain/roles";
import { memberWithRole, workspacePermissions, type Actions, type WorkspacePermissions } from "../domain/policy";
import type { StakeholderGroup } from "../domain/roles";
import {
  authorizeCodeIn,
  authorizeIn,
  type AuthorizeOutcome,
  type CodeOutcome,
  type Granted,
  type ResourceRef,
} from "../models/resource-access.server";
import { apiError, apiRequireUser, notFoundError } from "./api.server";
import type { Auth } from "./session.server";

type ActionOf<R extends ResourceRef> = Actions[R["kind"]];

export type { AuthorizeOutcome, Granted };
export type Authorized<R extends ResourceRef = ResourceRef> = Granted<R> & { auth: Auth };

/** `authorizeIn` with the request's database. */
export function authorize<R extends ResourceRef>(
  context: AppLoadContext,
  userId: string,
  ref: R,
  action: ActionOf<R>,
): Promise<AuthorizeOutcome<R>> {
  return authorizeIn(context.db, userId, ref, action);
}

/** `authorizeCodeIn` with the request's database: a voter without an account, by their access code. */
export function authorizeCode(
  context: AppLoadContext,
  code: string,
  group: StakeholderGroup | null,
): Promise<CodeOutcome> {
  return authorizeCodeIn(context.db, code, group);
}

/** The workspace-wide rights of other members (who may create content, for the home page). */
export function rolePermissions(role: WorkspaceRole, workspace: { viewersMayComment: boolean }): WorkspacePermissions {
  return workspacePermissions(memberWithRole(role, workspace.viewersMayComment));
}

const refusals = {
  403: () => apiError(403, "forbidden", "Your role in this workspace does not allow this."),
  409: () => apiError(409, "conflict", "This cannot be done in the resource's current state (archived or resolved)."),
};

/**
 * `authorize` for the API: authenticates, then throws the API's error answer on refusal.
 * `conflict` words the 409 where a route has said it more precisely before.
 */
export async function apiAuthorize<R extends ResourceRef>(
  request: Request,
  context: AppLoadContext,
  ref: R,
  action: ActionOf<R>,
  options: { conflict?: string } = {},
): Promise<Authorized<R>> {
  const auth = await apiRequireUser(request, context);
  const outcome = await authorize(context, auth.user.id, ref, action);
  if (!outcome.ok) {
    if (outcome.status === 404) throw notFoundError();
    if (outcome.status === 409 && options.conflict) throw apiError(409, "conflict", options.conflict);
    throw refusals[outcome.status]();
  }
  return { ...outcome.access, auth };
}
