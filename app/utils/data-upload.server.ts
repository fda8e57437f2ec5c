import { unstable_parseMultipartFormData, type UploadHandler } from "@remix-run/node";
import { BODY_LIMITS } from "./body-limits";
import { BodyTooLarge, limitedBody, mediaType } from "./body.server";

export type DataUpload = { schools: Uint8Array; measures: Uint8Array; fields: Record<string, string> };
export type UploadRefusal = { status: 400 | 413; code: string; message: string };

const FILE_FIELDS = new Set(["schools", "measures"]);

/** A part broke one of the upload's limits while streaming; carries the refusal to give. */
class PartRefused extends Error {
  constructor(readonly refusal: UploadRefusal) {
    super(refusal.message);
  }
}

/**
 * Reads a data package upload (multipart files `schools` and `measures`) as it
 * streams: the body is cut past two files' worth, each file part past 10 MB,
 * each other part past 8 KB, and parts are counted. An announced
 * Content-Length over the limit is refused before anything is read.
 */
export async function readDataUpload(request: Request): Promise<DataUpload | UploadRefusal> {
  if (mediaType(request) !== "multipart/form-data") {
    return badRequest("Send multipart/form-data with the files `schools` and `measures`.");
  }
  const files = new Map<string, Uint8Array>();
  const fields: Record<string, string> = {};
  let parts = 0;

  const collect: UploadHandler = async (part) => {
    if (++parts > BODY_LIMITS.dataParts)
      throw new PartRefused(tooLarge(`Send at most ${BODY_LIMITS.dataParts} parts.`));
    const isFile = part.filename !== undefined;
    const limit = isFile ? BODY_LIMITS.dataFile : BODY_LIMITS.field;
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
      if (FILE_FIELDS.has(part.name) && bytes.byteLength > 0) files.set(part.name, bytes);
    } else {
      fields[part.name] = new TextDecoder().decode(bytes);
    }
    return undefined;
  };

  try {
    const body = limitedBody(request, BODY_LIMITS.dataPackage);
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
  const schools = files.get("schools");
  const measures = files.get("measures");
  if (!schools || !measures) {
    return badRequest("Send both files: `schools` (schools.csv) and `measures` (measures.csv).");
  }
  return { schools, measures, fields };
}

const badRequest = (message: string): UploadRefusal => ({ status: 400, code: "bad_request", message });
const tooLarge = (message: string): UploadRefusal => ({ status: 413, code: "payload_too_large", message });
const fileTooLarge = () => tooLarge(`Each file may be at most ${BODY_LIMITS.dataFile / (1024 * 1024)} MB.`);

export const isRefusal = (x: DataUpload | UploadRefusal): x is UploadRefusal => "status" in x;
