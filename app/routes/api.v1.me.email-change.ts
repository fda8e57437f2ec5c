import { json, type ActionFunctionArgs } from "@remix-run/node";
import { emailChangeSchema } from "../domain/validation";
import { askToChangeEmail } from "../utils/account-email.server";
import { accountMailRefusal } from "../utils/account-email-api.server";
import { apiRequireUser, methodNotAllowed, readJson } from "../utils/api.server";

export const loader = () => methodNotAllowed(["POST"]);

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const { user } = await apiRequireUser(request, context);
  const input = await readJson(request, emailChangeSchema);
  const result = await askToChangeEmail(request, context, user, input);
  if (!result.ok) return accountMailRefusal(result);
  // The same answer whether or not another account uses the address.
  return json(
    {
      message: `A confirmation link is on its way to ${result.email}; the address changes when it is opened. The link works for one day.`,
      email: result.email,
    },
    { status: 202 },
  );
}
