import { readFileSync } from "node:fs";
import path from "node:path";
import type { TestClient } from "./client";

export type PackageFiles = { schools?: string; measures?: string };

const dir = path.resolve(import.meta.dirname, "../../db/seed/data/riverbend");

/** The demo district's data package as committed: both CSVs, read once. */
export const riverbend = {
  schools: readFileSync(path.join(dir, "schools.csv"), "utf8"),
  measures: readFileSync(path.join(dir, "measures.csv"), "utf8"),
};

/** A data package upload as a browser sends it; a file left out is left out of the form. */
export function packageForm(files: PackageFiles): FormData {
  const form = new FormData();
  if (files.schools !== undefined) form.set("schools", new Blob([files.schools], { type: "text/csv" }), "schools.csv");
  if (files.measures !== undefined)
    form.set("measures", new Blob([files.measures], { type: "text/csv" }), "measures.csv");
  return form;
}

/** Imports a data package through the API; the caller checks the response. */
export function uploadPackage(client: TestClient, district: string, files: PackageFiles): Promise<Response> {
  return client.request("POST", `/api/v1/districts/${district}/data`, { body: packageForm(files) });
}
