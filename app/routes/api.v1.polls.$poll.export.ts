import type { LoaderFunctionArgs } from "@remix-run/node";
import { ballotsCsv, exportedBallots, exportFileName, pollAsPabulib, resultsCsv } from "../domain/poll-export";
import { getLocale } from "../i18n/locale.server";
import { decimalMoney } from "../i18n/numbers";
import { translator } from "../i18n/translate";
import { countedBallots, pollOptionsOf } from "../models/polls.server";
import { apiError, methodNotAllowed } from "../utils/api.server";
import { apiAuthorize } from "../utils/authorize.server";
import { answerBrowsers } from "../utils/browser-refusal.server";
import { attachmentDisposition } from "../utils/content-disposition";
import { exportQuery } from "../utils/polls-api.server";

export const action = () => methodNotAllowed(["GET"]);

/**
 * A poll's results and counted ballots as a file (docs/api.md): `format=pb` (Pabulib) or
 * `format=csv` with `part=options` (results by option) or `part=ballots`. Linked from the
 * poll page, so a browser is answered with a page when it may not have it.
 */
export const loader = answerBrowsers(exportPoll, () => ({ href: "/workspaces", label: "data.backToWorkspaces" }));

async function exportPoll({ request, context, params }: LoaderFunctionArgs) {
  const { poll } = await apiAuthorize(request, context, { kind: "poll", id: params.poll ?? "" }, "see_results", {
    conflict: "A draft poll has no results yet.",
  });
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "pb";
  const part = url.searchParams.get("part");
  const query = exportQuery(url);
  if (format !== "pb" && format !== "csv") return apiError(400, "bad_request", "format must be pb or csv.");
  if (part !== null && (format !== "csv" || (part !== "options" && part !== "ballots")))
    return apiError(400, "bad_request", "part is for format=csv: options (the default) or ballots.");
  if (!query) return apiError(400, "bad_request", "Use rule=greedy|equal-shares and completion=add1|greedy|none.");

  const [options, counted] = await Promise.all([
    pollOptionsOf(context.db, poll!.id),
    countedBallots(context.db, poll!.id),
  ]);
  // Receipts as the results page shows them: once published; an imported file's are its own voter ids.
  const ballots = exportedBallots(counted, poll!.publishedAt !== null || poll!.imported);
  const exported = { ...poll!, options };
  const rule = query.rule === "equal-shares" ? `equal-shares-${query.completion}` : query.rule;
  if (format === "pb")
    return download(pollAsPabulib(exported, ballots, query), "text/plain", exportFileName(poll!.title, `${rule}.pb`));
  if (part === "ballots") return download(ballotsCsv(ballots), "text/csv", exportFileName(poll!.title, "ballots.csv"));
  const locale = getLocale(request);
  const csv = resultsCsv(exported, ballots, query, translator(locale), decimalMoney(locale));
  return download(csv, "text/csv", exportFileName(poll!.title, `results-${rule}.csv`));
}

function download(body: string, type: string, filename: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": `${type}; charset=utf-8`,
      "Content-Disposition": attachmentDisposition(filename),
      // Results move while a poll runs: never serve a stale copy.
      "Cache-Control": "private, no-store",
    },
  });
}
