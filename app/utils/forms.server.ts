import { json } from "@remix-run/node";
import { getLocale } from "../i18n/locale.server";
import { BODY_LIMITS } from "./body-limits";
import { BodyTooLarge, mediaType, readBodyBytes } from "./body.server";

/**
 * A refusal the page's error boundary shows by its status. It carries the
 * reader's language: a failed action runs no loader, so the root has none to give.
 */
export function pageRefusal(request: Request, status: 400 | 413 | 415, message: string): Response {
  return json({ message, locale: getLocale(request) }, { status });
}

/**
 * The submitted form, read with a cap of 64 KB; `values` holds its string
 * fields (files and repeated keys are ignored there). A body that is too
 * large, not a form, or unreadable throws 413, 415 or 400.
 */
export async function readForm(request: Request): Promise<{ form: FormData; values: Record<string, string> }> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await readBodyBytes(request, BODY_LIMITS.form);
  } catch (err) {
    if (err instanceof BodyTooLarge)
      throw pageRefusal(request, 413, `A form may send at most ${BODY_LIMITS.form / 1024} KB.`);
    throw err;
  }
  const form = await parseForm(request, bytes);
  // Field names are the sender's: a prototype-free object keeps "__proto__" a plain, ignored key.
  const values = Object.create(null) as Record<string, string>;
  for (const [key, value] of form) {
    // Postgres text cannot store a NUL character; no field of ours has a use for one.
    if (typeof value === "string" && (value.includes("\0") || key.includes("\0"))) {
      throw pageRefusal(request, 400, "The form holds a character that cannot be stored (NUL).");
    }
    if (typeof value === "string" && !Object.hasOwn(values, key)) values[key] = value;
  }
  return { form, values };
}

async function parseForm(request: Request, bytes: Uint8Array<ArrayBuffer>): Promise<FormData> {
  const type = mediaType(request);
  if (type === "application/x-www-form-urlencoded" || (type === "" && bytes.byteLength === 0)) {
    const form = new FormData();
    for (const [key, value] of new URLSearchParams(new TextDecoder().decode(bytes))) form.append(key, value);
    return form;
  }
  if (type === "multipart/form-data") {
    // The bytes are already capped, so the platform's parser works on a bounded input.
    try {
      return await new Response(bytes, {
        headers: { "Content-Type": request.headers.get("Content-Type")! },
      }).formData();
    } catch {
      throw pageRefusal(request, 400, "The form could not be read as multipart/form-data.");
    }
  }
  throw pageRefusal(request, 415, "Send the form as application/x-www-form-urlencoded or multipart/form-data.");
}
