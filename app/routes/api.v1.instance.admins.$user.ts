import { json, type ActionFunctionArgs } from "@remix-run/node";
import { accountIdSchema } from "../domain/validation";
import { recordAudit } from "../models/audit.server";
import { revokeInstanceAdmin } from "../models/users.server";
import { apiError, apiRequireInstance, methodNotAllowed, notFoundError } from "../utils/api.server";

export const loader = () => methodNotAllowed(["DELETE"]);

/** Takes the administrator right from an account (never from the last administrator). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "DELETE") return methodNotAllowed(["DELETE"]);
  const { user } = await apiRequireInstance(request, context, "manage_instance_admins");
  const userId = accountIdSchema.safeParse(params.user);
  if (!userId.success) return notFoundError();
  const result = await revokeInstanceAdmin(context.db, userId.data);
  if (!result.ok) {
    return result.reason === "last_admin"
      ? apiError(409, "last_admin", "The last instance administrator cannot lose the right: name another one first.")
      : notFoundError();
  }
  if (result.changed) {
    await recordAudit(context.db, {
      action: "instance_admin.revoke",
      actorId: user.id,
      targetUserId: result.user.id,
      ip: context.clientAddress,
    });
  }
  return json({ admin: result.user, changed: result.changed });
}
