import { json, type LoaderFunctionArgs } from "@remix-run/node";
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

export const action = () => methodNotAllowed(["GET"]);
