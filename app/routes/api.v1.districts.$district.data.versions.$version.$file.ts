import type { LoaderFunctionArgs } from "@remix-run/node";
import { serializeDataPackage } from "../domain/district-data/serialize";
import { loadDataVersion } from "../models/district-data.server";
import { apiRequireDistrict, notFoundError } from "../utils/api.server";
import { answerBrowsers } from "../utils/browser-refusal.server";
import { attachmentDisposition } from "../utils/content-disposition";

/**
 * A version exported back as the same two CSV files that were imported. Raw
 * files hold every small cell, so only the district's admins and staff get them.
 * Linked from the district data page: a browser that is refused gets a page.
 */
export const loader = answerBrowsers(downloadFile, ({ params }) => ({
  href: `/districts/${encodeURIComponent(params.district ?? "")}/data`,
  label: "data.backToData",
}));

async function downloadFile({ request, context, params }: LoaderFunctionArgs) {
  const { district } = await apiRequireDistrict(request, context, params.district, "read_data_files");
  const file = params.file === "schools.csv" ? "schools" : params.file === "measures.csv" ? "measures" : null;
  const version = Number(params.version);
  if (!file || !Number.isSafeInteger(version) || version < 1) throw notFoundError();
  const found = await loadDataVersion(context.db, district.id, version);
  if (!found) throw notFoundError();
  const csv = serializeDataPackage(found.data)[file];
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentDisposition(`${district.slug}-v${version}-${file}.csv`),
    },
  });
}
