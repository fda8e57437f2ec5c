import { json, type AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import type { DistrictAction, WorkspaceAction } from "../domain/permissions";
import { authorizeDistrict, authorizeWorkspace } from "./access.server";
import { getAuth, type Auth } from "./session.server";

export type ApiErrorCode =
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "method_not_allowed"
  | "conflict"
  | "validation_failed"
  | "rate_limited"
  | "payload_too_large"
  | (string & {});

/** The API's one error shape: `{ error: { code, message, details? } }`. */
export function apiError(status: number, code: ApiErrorCode, message: string, details?: unknown): Response {
  return json({ error: details === undefined ? { code, message } : { code, message, details } }, { status });
}

export const notFoundError = () => apiError(404, "not_found", "Not found.");

export async function apiRequireUser(request: Request, context: AppLoadContext): Promise<Auth> {
  const auth = await getAuth(request, context);
  if (!auth) throw apiError(401, "unauthorized", "Sign in or send a valid API token (Authorization: Bearer <token>).");
  return auth;
}

export async function apiRequireWorkspace(
  request: Request,
  context: AppLoadContext,
  slug: string | undefined,
  action: WorkspaceAction
) {
  const auth = await apiRequireUser(request, context);
  if (!slug) throw notFoundError();
  const decision = await authorizeWorkspace(context, slug, auth.user.id, action);
  if (!decision.ok) {
    throw decision.status === 404
      ? notFoundError()
      : apiError(403, "forbidden", "Your role in this workspace does not allow this.");
  }
  return { auth, ...decision.value };
}

export async function apiRequireDistrict(
  request: Request,
  context: AppLoadContext,
  slug: string | undefined,
  action: DistrictAction
) {
  const auth = await apiRequireUser(request, context);
  if (!slug) throw notFoundError();
  const decision = await authorizeDistrict(context, slug, auth.user.id, action);
  if (!decision.ok) {
    throw decision.status === 404
      ? notFoundError()
      : apiError(403, "forbidden", "Your role in this district does not allow this.");
  }
  return { auth, ...decision.value };
}

const MAX_JSON_BYTES = 64 * 1024;

/** Parses a JSON body against a schema: 400 for unreadable JSON, 413 when too big, 422 with per-field messages. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.toLowerCase().includes("application/json")) {
    throw apiError(400, "bad_request", "Send a JSON body with Content-Type: application/json.");
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_JSON_BYTES) {
    throw apiError(413, "payload_too_large", `The body is larger than ${MAX_JSON_BYTES / 1024} KB.`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw apiError(400, "bad_request", "The body is not valid JSON.");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join(".") || "_";
      fields[key] ??= issue.message;
    }
    throw apiError(422, "validation_failed", "Some fields are not valid.", { fields });
  }
  return parsed.data;
}

export function methodNotAllowed(allowed: string[]): Response {
  return new Response(
    JSON.stringify({ error: { code: "method_not_allowed", message: `Use ${allowed.join(" or ")}.` } }),
    { status: 405, headers: { "Content-Type": "application/json; charset=utf-8", Allow: allowed.join(", ") } }
  );
}

