import type { AppLoadContext } from "@remix-run/node";
import { and, eq, inArray } from "drizzle-orm";
import { dataViews } from "../../db/schema";
import type { NewPoll } from "../domain/poll-validation";
import type { PollOptionRow, PollRow } from "../../db/schema";
import { pollStateAt } from "../domain/polls";
import type { ExportQuery } from "../domain/poll-export";
import { pollFromPabulib, pollImportErrorMessage, type PollImport } from "../domain/poll-import";
import { ballotErrorMessage, type ResultsQuery } from "../domain/poll-results";
import type { BallotError } from "../domain/voting";
import type { PollWithOptions } from "../models/polls.server";
import { loadDataVersion } from "../models/district-data.server";
import { decimalMoney } from "../i18n/numbers";
import { translator } from "../i18n/translate";
import { apiError } from "./api.server";
import { BODY_LIMITS } from "./body-limits";
import { badRequest, isRefusal, readUpload, type UploadRefusal } from "./upload.server";

/** A poll as the API shows it (docs/api.md): its state as of now, its options in order. */
export function pollJson(poll: PollRow, options?: PollOptionRow[], now = new Date()) {
  return {
    id: poll.id,
    title: poll.title,
    description: poll.description,
    state: pollStateAt(poll, now),
    budget: poll.budget,
    ballot: poll.ballot,
    eligibleRoles: poll.eligibleRoles,
    eligibleGroups: poll.eligibleGroups,
    opensAt: poll.opensAt?.toISOString() ?? null,
    closesAt: poll.closesAt?.toISOString() ?? null,
    results: poll.results,
    imported: poll.imported,
    createdAt: poll.createdAt.toISOString(),
    publishedAt: poll.publishedAt?.toISOString() ?? null,
    ...(options
      ? {
          options: options.map((o) => ({
            code: o.code,
            title: o.title,
            description: o.description,
            cost: o.cost,
            dimension: o.dimension,
            schools: o.schools,
            viewId: o.viewId,
          })),
        }
      : {}),
  };
}

export const withOptions = (p: PollWithOptions) => pollJson(p, p.options);

/** Every reason a ballot is refused, each with its code, in English for API clients. */
export function ballotRejected(errors: BallotError[]): Response {
  const details = errors.map((e) => ({
    ...e,
    message: ballotErrorMessage(e, translator("en"), decimalMoney("en")),
  }));
  return apiError(422, errors[0]!.code, details[0]!.message, details);
}

/** `?rule=&utility=&completion=`, with the defaults equalshares.net uses; null when a value is unknown. */
export function resultsQuery(url: URL): ResultsQuery | null {
  const rule = url.searchParams.get("rule") ?? "equal-shares";
  const utility = url.searchParams.get("utility") ?? "cost";
  const completion = url.searchParams.get("completion") ?? "add1";
  if (rule !== "votes" && rule !== "greedy" && rule !== "equal-shares") return null;
  if (utility !== "cost" && utility !== "cardinality") return null;
  if (completion !== "add1" && completion !== "greedy" && completion !== "none") return null;
  return { rule, utility, completion };
}

/** `?rule=greedy|equal-shares&completion=…` for exports (cost utilities, as Pabulib counts); null when unknown. */
export function exportQuery(url: URL): ExportQuery | null {
  const rule = url.searchParams.get("rule") ?? "equal-shares";
  const completion = url.searchParams.get("completion") ?? "add1";
  if (rule !== "greedy" && rule !== "equal-shares") return null;
  if (completion !== "add1" && completion !== "greedy" && completion !== "none") return null;
  return { rule, completion };
}

/** A Pabulib file posted in the multipart field `file`, read as a poll to import (or why not). */
export async function readPollImport(request: Request): Promise<PollImport | UploadRefusal> {
  const upload = await readUpload(request, ["file"], {
    body: BODY_LIMITS.pollImport,
    file: BODY_LIMITS.pollImportFile,
    parts: BODY_LIMITS.pollImportParts,
  });
  if (isRefusal(upload)) return upload;
  const file = upload.files.get("file");
  if (!file) return badRequest("Send the Pabulib (.pb) file in the multipart field `file`.");
  // Some browsers send the whole path; only the name can become a title.
  return pollFromPabulib(file.bytes, file.filename.split(/[\\/]/).pop() ?? "");
}

/** The API's answer to a file that cannot be imported: every error by line, in English. */
export function importRejected(read: Extract<PollImport, { ok: false }>): Response {
  const t = translator("en");
  const details = read.errors.map((e) => ({ line: e.line, code: e.code, message: pollImportErrorMessage(e, t) }));
  const listed = read.count > details.length ? ` The first ${details.length} are listed.` : "";
  const message = `The file has ${read.count} error${read.count === 1 ? "" : "s"}; nothing was imported.${listed}`;
  return apiError(422, "invalid_pabulib", message, details);
}

/** The district's schools in its latest data, for an option's schools and the ballot's "your school". */
export async function districtSchools(context: AppLoadContext, districtId: string) {
  const latest = await loadDataVersion(context.db, districtId, null);
  return (latest?.data.schools ?? []).map((s) => ({ id: s.schoolId, name: s.schoolName }));
}

/** Schools must be the district's, saved views this workspace's. */
export async function referenceProblems(
  context: AppLoadContext,
  body: Pick<NewPoll, "options">,
  workspaceId: string,
  districtId: string,
): Promise<Record<string, string>> {
  const problems: Record<string, string> = {};
  const named = body.options.flatMap((o) => o.schools ?? []);
  if (named.length) {
    const known = new Set((await districtSchools(context, districtId)).map((s) => s.id));
    body.options.forEach((o, i) => {
      if (o.schools?.some((s) => !known.has(s))) problems[`options.${i}.schools`] = "validation.schoolUnknown";
    });
  }
  const viewIds = [...new Set(body.options.flatMap((o) => (o.viewId ? [o.viewId] : [])))];
  if (viewIds.length) {
    const rows = await context.db
      .select({ id: dataViews.id })
      .from(dataViews)
      .where(and(eq(dataViews.workspaceId, workspaceId), inArray(dataViews.id, viewIds)));
    const ours = new Set(rows.map((r) => r.id));
    body.options.forEach((o, i) => {
      if (o.viewId && !ours.has(o.viewId)) problems[`options.${i}.viewId`] = "validation.viewInvalid";
    });
  }
  return problems;
}
