import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { recordAudit } from "../models/audit.server";
import { districtAdminCandidates, grantDistrictAdmin, listDistrictAdmins } from "../models/district-admins.server";
import { apiError, apiRequireDistrict, methodNotAllowed, readJson } from "../utils/api.server";

/** The district's administrators, and who may be named one (people in its workspaces). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { district } = await apiRequireDistrict(request, context, params.district, "manage");
  const [admins, candidates] = await Promise.all([
    listDistrictAdmins(context.db, district.id),
    districtAdminCandidates(context.db, district.id),
  ]);
  return json({ admins, candidates });
}

const grantSchema = z.object({ userId: z.uuid("Give the id of a person in this district's workspaces.") });

/** Names someone in the district's workspaces an administrator of the district. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const { auth, district } = await apiRequireDistrict(request, context, params.district, "manage");
  const { userId } = await readJson(request, grantSchema);
  const result = await grantDistrictAdmin(context.db, district.id, userId);
  if (!result.ok) {
    return apiError(422, "validation_failed", "Some fields are not valid.", {
      fields: { userId: "Only a member of one of this district's workspaces can be named." },
    });
  }
  if (result.changed) {
    await recordAudit(context.db, {
      action: "district_admin.grant",
      actorId: auth.user.id,
      districtId: district.id,
      targetUserId: userId,
      ip: context.clientAddress,
    });
  }
  return json({ admin: result.user, changed: result.changed });
}
