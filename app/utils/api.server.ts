import { json, type AppLoadContext } from "@remix-run/node";
import type { z } from "zod";
import type { DistrictAction, InstanceAction } from "../domain/permissions";
import type { Actions } from "../domain/policy";
import { authorizeDistrict, authorizeInstance } from "./access.server";
import { translateMessages } from "./api-messages.server";
import { authorize } from "./authorize.server";
import { BODY_LIMITS } from "./body-limits";
import { BodyTooLarge, mediaType, readBodyBytes } from "./body.server";
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
  action: Actions["workspace"],
) {
  const auth = await apiRequireUser(request, context);
  if (!slug) throw notFoundError();
  const outcome = await authorize(context, auth.user.id, { kind: "workspace", slug }, action);
  if (!outcome.ok) {
    throw outcome.status === 404
      ? notFoundError()
      : apiError(403, "forbidden", "Your role in this workspace does not allow this.");
  }
  return { auth, ...outcome.access };
}

export async function apiRequireDistrict(
  request: Request,
  context: AppLoadContext,
  slug: string | undefined,
  action: DistrictAction,
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

export async function apiRequireInstance(request: Request, context: AppLoadContext, action: InstanceAction) {
  const auth = await apiRequireUser(request, context);
  const decision = authorizeInstance(context, auth.user, action);
  if (!decision.ok) {
    throw decision.status === 404
      ? notFoundError()
      : apiError(403, "forbidden", "Only instance administrators may create districts on this site.");
  }
  return auth;
}

/** Parses a JSON body against a schema: 400 for unreadable JSON, 413 past 64 KB (cut while reading), 422 with per-field messages. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  if (mediaType(request) !== "application/json") {
    throw apiError(400, "bad_request", "Send a JSON body with Content-Type: application/json.");
  }
  let text: string;
  try {
    text = new TextDecoder().decode(await readBodyBytes(request, BODY_LIMITS.json));
  } catch (err) {
    if (err instanceof BodyTooLarge) throw payloadTooLarge(`The body is larger than ${BODY_LIMITS.json / 1024} KB.`);
    throw err;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw apiError(400, "bad_request", "The body is not valid JSON.");
  }
  // Postgres text cannot store a NUL character, so no string of ours may carry one.
  if (/\\u0000/i.test(text))
    throw apiError(400, "bad_request", "The body holds a character that cannot be stored (\\u0000).");
  return parseBody(body, schema);
}

/** Checks an already read JSON body against a schema: 422 with per-field messages. */
export function parseBody<S extends z.ZodType>(body: unknown, schema: S): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = issue.path.join(".") || "_";
      fields[key] ??= issue.message;
    }
    // Schemas shared with the forms speak in message keys; API clients read English.
    throw apiError(422, "validation_failed", "Some fields are not valid.", { fields: translateMessages(fields) });
  }
  return parsed.data;
}

export const payloadTooLarge = (message: string) => apiError(413, "payload_too_large", message);

export function methodNotAllowed(allowed: string[]): Response {
  return new Response(
    JSON.stringify({ error: { code: "method_not_allowed", message: `Use ${allowed.join(" or ")}.` } }),
    { status: 405, headers: { "Content-Type": "application/json; charset=utf-8", Allow: allowed.join(", ") } },
  );
}
