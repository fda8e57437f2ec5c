import type { ActionFunctionArgs, AppLoadContext } from "@remix-run/node";
import { json } from "@remix-run/node";
import { z } from "zod";
import type { AccountDeletionCheck } from "../domain/leaving";
import { MAX_PASSWORD_LENGTH } from "../domain/session-policy";
import { deleteAccount } from "../models/account-deletion.server";
import { recordAudit } from "../models/audit.server";
import { apiError, apiRequireUser, readJson } from "./api.server";
import { recheckPassword } from "./password-recheck.server";
import { clearedSessionCookie, type Auth } from "./session.server";

export type DeletionAttempt =
  | { kind: "rate_limited"; waitMs: number }
  | { kind: "wrong_password" }
  | { kind: "refused"; refusal: Exclude<AccountDeletionCheck, { ok: true }> }
  | {
      kind: "deleted";
      deletedWorkspaces: { slug: string; name: string }[];
      deletedDistricts: { slug: string; name: string }[];
    };

/** Deletes the signed-in account after checking its password again (recheckPassword). */
export async function attemptAccountDeletion(
  context: AppLoadContext,
  auth: Auth,
  password: string,
): Promise<DeletionAttempt> {
  const checked = await recheckPassword(context, auth.user, password);
  if (!checked.ok) {
    if (checked.reason === "rate_limited") return { kind: "rate_limited", waitMs: checked.waitMs };
    await recordAudit(context.db, { action: "user.delete_refused", actorId: auth.user.id, ip: context.clientAddress });
    return { kind: "wrong_password" };
  }
  const outcome = await deleteAccount(context.db, auth.user.id);
  if (!outcome.ok) return { kind: "refused", refusal: outcome };
  // Open plan sockets and event streams of the account close at their next check, now.
  context.plans.rightsChanged();
  return { kind: "deleted", deletedWorkspaces: outcome.deletedWorkspaces, deletedDistricts: outcome.deletedDistricts };
}

/** The API's words for a refused deletion (the page has its own, translated). */
export function lastOwnerMessage(workspaces: { name: string }[]): string {
  const names = workspaces.map((w) => `"${w.name}"`).join(", ");
  return `You are the last owner of ${names}, which other members still use. Make another member an owner (or remove the other members) first; nothing was deleted.`;
}

const deleteSchema = z.object({
  password: z.string().min(1, "Give your password.").max(MAX_PASSWORD_LENGTH, "No password is that long."),
});

/** DELETE /api/v1/me: `{ "password": "…" }` (docs/api.md). */
export async function deleteMeApi({ request, context }: ActionFunctionArgs): Promise<Response> {
  const auth = await apiRequireUser(request, context);
  const { password } = await readJson(request, deleteSchema);
  const result = await attemptAccountDeletion(context, auth, password);
  switch (result.kind) {
    case "rate_limited":
      return apiError(
        429,
        "rate_limited",
        `Too many wrong passwords; try again in ${Math.ceil(result.waitMs / 60000)} minutes.`,
      );
    case "wrong_password":
      return apiError(403, "wrong_password", "The password is not right; nothing was deleted.");
    case "deleted":
      return json(
        { deleted: true, deletedWorkspaces: result.deletedWorkspaces, deletedDistricts: result.deletedDistricts },
        // A browser calling with its cookie is signed out; the session is gone already.
        { headers: auth.via === "session" ? { "Set-Cookie": clearedSessionCookie(request, context) } : {} },
      );
  }
  const refusal = result.refusal;
  if (refusal.reason === "last_owner") {
    return apiError(409, "last_owner", lastOwnerMessage(refusal.workspaces), { workspaces: refusal.workspaces });
  }
  if (refusal.reason === "last_district_admin") {
    const names = refusal.districts.map((d) => `"${d.name}"`).join(", ");
    return apiError(
      409,
      "last_district_admin",
      `You are the last administrator of ${names}, which other people still use. Name another administrator first (POST /api/v1/districts/:district/admins); nothing was deleted.`,
      { districts: refusal.districts },
    );
  }
  return apiError(
    409,
    "last_instance_admin",
    "You are this site's last instance administrator. Name another administrator first; nothing was deleted.",
  );
}
