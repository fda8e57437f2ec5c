import { json, type ActionFunctionArgs } from "@remix-run/node";
import { askToResendVerification } from "../utils/account-email.server";
import { apiRequireUser, methodNotAllowed } from "../utils/api.server";
import { accountMailRefusal } from "../utils/account-email-api.server";

export const loader = () => methodNotAllowed(["POST"]);

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const { user } = await apiRequireUser(request, context);
  const result = await askToResendVerification(request, context, user);
  if (!result.ok) return accountMailRefusal(result);
  return json({ message: `A new verification link is on its way to ${user.email}.` }, { status: 202 });
}
