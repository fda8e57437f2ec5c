import { isMessageKey, translate } from "../i18n/translate";

/**
 * Validation messages are i18n keys shared with the forms; API clients get
 * them in English, in the same `{ error: { details: { fields } } }` shape.
 */
export async function translateFields<T>(parsing: Promise<T>): Promise<T> {
  try {
    return await parsing;
  } catch (thrown) {
    if (!(thrown instanceof Response) || thrown.status !== 422) throw thrown;
    const body = (await thrown.json()) as {
      error: { code: string; message: string; details: { fields: Record<string, string> } };
    };
    const fields = translateMessages(body.error.details.fields);
    throw new Response(JSON.stringify({ error: { ...body.error, details: { fields } } }), {
      status: 422,
      headers: { "Content-Type": "application/json; charset=utf-8" },
    });
  }
}

/** Field messages that are i18n keys, in English for API clients. */
export function translateMessages(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, isMessageKey(v) ? translate("en", v) : v]));
}
