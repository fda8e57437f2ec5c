import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { BODY_LIMITS } from "./body-limits";
import { BodyTooLarge, limitedBody, mediaType } from "./body.server";

/** How much an upload may send: the whole body, each file part, and how many parts. */
export type UploadLimits = { body: number; file: number; parts: number };
export type UploadedFile = { bytes: Uint8Array; filename: string };
export type Upload = { files: Map<string, UploadedFile>; fields: Record<string, string> };
export type UploadRefusal = { status: 400 | 413; code: string; message: string };

/** A part broke one of the upload's limits while streaming; carries the refusal to give. */
class PartRefused extends Error {
  constructor(readonly refusal: UploadRefusal) {
    super(refusal.message);
  }
}

/**
 * Reads a multipart upload as it streams: the body is cut past `limits.body`, each file
 * part past `limits.file`, each other part past 8 KB, and parts are counted. Only the
 * named file fields are kept (empty ones are left out). An announced Content-Length over
 * the limit is refused before anything is read.
 */
export async function readUpload(
  request: Request,
  fileFields: readonly string[],
  limits: UploadLimits,
): Promise<Upload | UploadRefusal> {
  if (mediaType(request) !== "multipart/form-data") {
    return badRequest(
      `Send multipart/form-data with the file${fileFields.length > 1 ? "s" : ""} ${names(fileFields)}.`,
    );
  }
  const files = new Map<string, UploadedFile>();
  const fields: Record<string, string> = {};
  let parts = 0;
  const fileTooLarge = () => tooLarge(`Each file may be at most ${megabytes(limits.file)} MB.`);

  const collect: UploadHandler = async (part) => {
    if (++parts > limits.parts) throw new PartRefused(tooLarge(`Send at most ${limits.parts} parts.`));
    const isFile = part.filename !== undefined;
    const limit = isFile ? limits.file : BODY_LIMITS.field;
    const chunks: Uint8Array[] = [];
    let size = 0;
    // Every part is read to its end, or the parser would lose its place in the stream.
    for await (const chunk of part.data) {
      size += chunk.byteLength;
      if (size > limit) throw new PartRefused(isFile ? fileTooLarge() : tooLarge("A form field is too large."));
      chunks.push(chunk);
    }
    const bytes = Buffer.concat(chunks);
    if (isFile) {
      if (fileFields.includes(part.name) && bytes.byteLength > 0)
        files.set(part.name, { bytes, filename: part.filename ?? "" });
    } else {
      fields[part.name] = new TextDecoder().decode(bytes);
    }
    return undefined;
  };

  try {
    const body = limitedBody(request, limits.body);
    // The parser reads from a capped copy of the request, never from the raw stream.
    const capped = new Request(request.url, {
      method: "POST",
      headers: request.headers,
      body,
      duplex: "half",
    } as RequestInit);
    await unstable_parseMultipartFormData(capped, collect);
  } catch (err) {
    if (err instanceof PartRefused) return err.refusal;
    if (err instanceof BodyTooLarge) return fileTooLarge();
    return badRequest("The upload could not be read as multipart/form-data.");
  }
  return { files, fields };
}

export const isRefusal = <T extends object>(x: T | UploadRefusal): x is UploadRefusal => "status" in x;

export const badRequest = (message: string): UploadRefusal => ({ status: 400, code: "bad_request", message });
const tooLarge = (message: string): UploadRefusal => ({ status: 413, code: "payload_too_large", message });
const megabytes = (bytes: number) => bytes / (1024 * 1024);
const names = (fields: readonly string[]) => fields.map((f) => `\`${f}\``).join(" and ");
