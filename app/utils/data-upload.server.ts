import { BODY_LIMITS } from "./body-limits";
import { badRequest, isRefusal, readUpload, type UploadRefusal } from "./upload.server";

export type DataUpload = { schools: Uint8Array; measures: Uint8Array; fields: Record<string, string> };
export { isRefusal, type UploadRefusal };

/**
 * Reads a data package upload (multipart files `schools` and `measures`) as it
 * streams: the body is cut past two files' worth, each file part past 10 MB,
 * each other part past 8 KB, and parts are counted.
 */
export async function readDataUpload(request: Request): Promise<DataUpload | UploadRefusal> {
  const upload = await readUpload(request, ["schools", "measures"], {
    body: BODY_LIMITS.dataPackage,
    file: BODY_LIMITS.dataFile,
    parts: BODY_LIMITS.dataParts,
  });
  if (isRefusal(upload)) return upload;
  const schools = upload.files.get("schools")?.bytes;
  const measures = upload.files.get("measures")?.bytes;
  if (!schools || !measures) {
    return badRequest("Send both files: `schools` (schools.csv) and `measures` (measures.csv).");
  }
  return { schools, measures, fields: upload.fields };
}
