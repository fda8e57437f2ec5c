import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { apiRequireUser, methodNotAllowed } from "../utils/api.server";
import { meJson, patchMe } from "../utils/me-api.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await apiRequireUser(request, context);
  return json(meJson(user));
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "PATCH") return methodNotAllowed(["GET", "PATCH"]);
  const auth = await apiRequireUser(request, context);
  return patchMe(request, context, auth);
}
