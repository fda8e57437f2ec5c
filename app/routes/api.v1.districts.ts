import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { districtSchema } from "../domain/validation";
import { createDistrict, listUserDistricts } from "../models/districts.server";
import { apiRequireInstance, apiRequireUser, methodNotAllowed, readJson } from "../utils/api.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await apiRequireUser(request, context);
  const rows = await listUserDistricts(context.db, user.id);
  return json({ districts: rows.map((r) => ({ slug: r.district.slug, name: r.district.name, role: r.role })) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const { user } = await apiRequireInstance(request, context, "create_district");
  const body = await readJson(request, districtSchema);
  const district = await createDistrict(context.db, user.id, body.name);
  return json({ slug: district.slug, name: district.name }, { status: 201 });
}
