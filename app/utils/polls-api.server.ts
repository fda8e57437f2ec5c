import type { AppLoadContext } from "@remix-run/node";
import { and, eq, inArray } from "drizzle-orm";
import { dataViews } from "../../db/schema";
import type { NewPoll } from "../domain/poll-validation";
import type { PollOptionRow, PollRow } from "../../db/schema";
import { pollStateAt } from "../domain/polls";
import { ballotErrorMessage, type ResultsQuery } from "../domain/poll-results";
import type { BallotError } from "../domain/voting";
import type { PollWithOptions } from "../models/polls.server";
import { loadDataVersion } from "../models/district-data.server";
import { decimalMoney } from "../i18n/numbers";
import { translator } from "../i18n/translate";
import { apiError } from "./api.server";

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
