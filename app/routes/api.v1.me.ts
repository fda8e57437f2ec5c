import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { deleteMeApi } from "../utils/account-deletion.server";
import { apiRequireUser, methodNotAllowed } from "../utils/api.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await apiRequireUser(request, context);
  return json({
    id: user.id,
    name: user.name,
    email: user.email,
    createdAt: user.createdAt.toISOString(),
    instanceAdmin: user.isInstanceAdmin,
  });
}

export const action = (args: ActionFunctionArgs) =>
  args.request.method === "DELETE" ? deleteMeApi(args) : methodNotAllowed(["GET", "DELETE"]);
