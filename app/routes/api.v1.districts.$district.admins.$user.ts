import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { accountIdSchema } from "../domain/validation";
import { recordAudit } from "../models/audit.server";
import { listDistrictAdmins, revokeDistrictAdmin } from "../models/district-admins.server";
import { apiError, apiRequireDistrict, methodNotAllowed, notFoundError } from "../utils/api.server";

/** One administrator of the district: `404` for anyone who is not one. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { district } = await apiRequireDistrict(request, context, params.district, "manage");
  const admin = (await listDistrictAdmins(context.db, district.id)).find((a) => a.id === params.user);
  if (!admin) return notFoundError();
  return json({ admin });
}

/** Takes the district administrator right from someone (never from the last one). */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "DELETE") return methodNotAllowed(["GET", "DELETE"]);
  const { auth, district } = await apiRequireDistrict(request, context, params.district, "manage");
  const userId = accountIdSchema.safeParse(params.user);
  if (!userId.success) return notFoundError();
  const result = await revokeDistrictAdmin(context.db, district.id, userId.data);
  if (!result.ok) {
    return result.reason === "last_admin"
      ? apiError(409, "last_admin", "The district's last administrator cannot lose the right: name another one first.")
      : notFoundError();
  }
  await recordAudit(context.db, {
    action: "district_admin.revoke",
    actorId: auth.user.id,
    districtId: district.id,
    targetUserId: userId.data,
    ip: context.clientAddress,
  });
  return json({ admin: result.user, changed: result.changed });
}
