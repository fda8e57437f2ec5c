import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { deleteMeApi } from "../utils/account-deletion.server";
import { apiRequireUser, methodNotAllowed } from "../utils/api.server";
import { meJson, patchMe } from "../utils/me-api.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await apiRequireUser(request, context);
  return json(meJson(user));
}

export async function action(args: ActionFunctionArgs) {
  const { request, context } = args;
  if (request.method === "DELETE") return deleteMeApi(args);
  if (request.method !== "PATCH") return methodNotAllowed(["GET", "PATCH", "DELETE"]);
  const auth = await apiRequireUser(request, context);
  return patchMe(request, context, auth);
}
