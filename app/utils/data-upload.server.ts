import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { DATA_LIMITS } from "../domain/district-data/types";

export type DataUpload = { schools: Uint8Array; measures: Uint8Array; fields: Record<string, string> };
export type UploadRefusal = { status: 400 | 411 | 413; code: string; message: string };

const FILE_FIELDS = ["schools", "measures"] as const;
// Both files at their limit, plus room for the multipart envelope and a few small fields.
const MAX_BODY_BYTES = 2 * DATA_LIMITS.maxFileBytes + 256 * 1024;

/**
 * Reads a data package upload (multipart fields `schools` and `measures`).
 * Oversized bodies are refused from their Content-Length before anything is
 * read, and a part that grows past the limit stops the read as it streams.
 */
export async function readDataUpload(request: Request): Promise<DataUpload | UploadRefusal> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data")) {
    return {
      status: 400,
      code: "bad_request",
      message: "Send multipart/form-data with the files `schools` and `measures`.",
    };
  }
  const length = Number(request.headers.get("Content-Length") ?? NaN);
  if (!Number.isFinite(length))
    return { status: 411, code: "length_required", message: "Send a Content-Length header." };
  if (length > MAX_BODY_BYTES) return tooLarge();

  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: DATA_LIMITS.maxFileBytes })
    );
  } catch (err) {
    if (err instanceof MaxPartSizeExceededError) return tooLarge();
    return { status: 400, code: "bad_request", message: "The upload could not be read as multipart/form-data." };
  }
  const files: Partial<Record<(typeof FILE_FIELDS)[number], Uint8Array>> = {};
  for (const name of FILE_FIELDS) {
    const part = form.get(name);
    if (part && typeof part !== "string" && part.size > 0) files[name] = new Uint8Array(await part.arrayBuffer());
  }
  if (!files.schools || !files.measures) {
    return {
      status: 400,
      code: "bad_request",
      message: "Send both files: `schools` (schools.csv) and `measures` (measures.csv).",
    };
  }
  const fields: Record<string, string> = {};
  for (const [key, value] of form) if (typeof value === "string") fields[key] = value;
  return { schools: files.schools, measures: files.measures, fields };
}

const tooLarge = (): UploadRefusal => ({
  status: 413,
  code: "payload_too_large",
  message: `Each file may be at most ${DATA_LIMITS.maxFileBytes / (1024 * 1024)} MB.`,
});

export const isRefusal = (x: DataUpload | UploadRefusal): x is UploadRefusal => "status" in x;
