import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { instanceAdminSchema } from "../domain/validation";
import { recordAudit } from "../models/audit.server";
import { grantInstanceAdmin, listInstanceAdmins } from "../models/users.server";
import { apiError, apiRequireInstance, methodNotAllowed, readJson } from "../utils/api.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  await apiRequireInstance(request, context, "manage_instance_admins");
  return json({ admins: await listInstanceAdmins(context.db) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const { user } = await apiRequireInstance(request, context, "manage_instance_admins");
  const body = await readJson(request, instanceAdminSchema);
  const result = await grantInstanceAdmin(context.db, body.email);
  if (!result.ok) {
    return apiError(422, "validation_failed", "Some fields are not valid.", {
      fields: { email: "No account on this site uses that e-mail address." },
    });
  }
  if (result.changed) {
    await recordAudit(context.db, {
      action: "instance_admin.grant",
      actorId: user.id,
      targetUserId: result.user.id,
      ip: context.clientAddress,
    });
  }
  return json({ admin: result.user, changed: result.changed });
}
