import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { passwordSchema } from "../domain/validation";
import { recordAudit } from "../models/audit.server";
import { resetPassword } from "../models/password-resets.server";
import { apiError, methodNotAllowed, readJson } from "../utils/api.server";

// The token travels in the body here, not the path: API clients' own logs keep paths.
const completeSchema = z.object({ token: z.string().max(200), password: passwordSchema });

export const loader = () => methodNotAllowed(["POST"]);

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const { token, password } = await readJson(request, completeSchema);
  const userId = await resetPassword(context.db, token, password);
  if (!userId) {
    return apiError(404, "invalid_reset_token", "This reset link was already used, has expired, or is not valid.");
  }
  await recordAudit(context.db, { action: "password.reset", actorId: userId, ip: context.clientAddress });
  return new Response(null, { status: 204 });
}
