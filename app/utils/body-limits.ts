import { DATA_LIMITS } from "../domain/district-data/types";
import { POLL_IMPORT_LIMITS } from "../domain/poll-import";

const KB = 1024;

/** How much of a request body the app will read, by what the body is. */
export const BODY_LIMITS = {
  /** application/x-www-form-urlencoded and small multipart forms on any page. */
  form: 64 * KB,
  /** JSON bodies of the API: every schema's fields together fit well inside this. */
  json: 64 * KB,
  /** A data package: two files at their limit, plus the multipart envelope and a few small fields. */
  dataPackage: 2 * DATA_LIMITS.maxFileBytes + 256 * KB,
  /** A data package's file parts, each. */
  dataFile: DATA_LIMITS.maxFileBytes,
  /** Parts of a data package (two files and a few fields, such as `intent`). */
  dataParts: 8,
  /** A Pabulib (.pb) file to import as a poll, with the multipart envelope. */
  pollImport: POLL_IMPORT_LIMITS.maxFileBytes + 64 * KB,
  pollImportFile: POLL_IMPORT_LIMITS.maxFileBytes,
  /** The file and a few small fields (the page's `intent`). */
  pollImportParts: 4,
  /** A multipart part that is not a file. */
  field: 8 * KB,
} as const;

// The two places a data package may be posted: the API and the district's data page.
const DATA_PACKAGE_PATH = /^\/(?:api\/v1\/)?districts\/[^/]+\/data\/?$/;
// And a Pabulib file: the API's import, and the workspace's votes page.
const POLL_IMPORT_PATH = /^\/(?:api\/v1\/workspaces\/[^/]+\/polls\/import|workspaces\/[^/]+\/polls)\/?$/;

/**
 * The most a request to this path may send. Decided from the method, path and
 * Content-Type alone, so the server can refuse an announced size before the app
 * runs, and the app's readers enforce the same number while they read.
 */
export function bodyLimitFor(method: string, pathname: string, contentType: string | null): BodyLimit {
  const multipart = (contentType ?? "").toLowerCase().startsWith("multipart/form-data");
  if (method === "POST" && multipart && DATA_PACKAGE_PATH.test(pathname)) {
    return { bytes: BODY_LIMITS.dataPackage, label: `2 × ${BODY_LIMITS.dataFile / (1024 * 1024)} MB` };
  }
  if (method === "POST" && multipart && POLL_IMPORT_PATH.test(pathname)) {
    return { bytes: BODY_LIMITS.pollImport, label: `${BODY_LIMITS.pollImportFile / (1024 * 1024)} MB` };
  }
  const bytes = Math.max(BODY_LIMITS.form, BODY_LIMITS.json);
  return { bytes, label: `${bytes / KB} KB` };
}

/** A route's body limit in bytes, and how to say it to a person. */
export type BodyLimit = { bytes: number; label: string };
