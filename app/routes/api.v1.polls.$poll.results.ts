import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { pollResults } from "../domain/poll-results";
import { getLocale } from "../i18n/locale.server";
import { decimalMoney } from "../i18n/numbers";
import { translator } from "../i18n/translate";
import { countedBallots, myBallot, pollOptionsOf } from "../models/polls.server";
import { pollRepresentativeness } from "../models/poll-equity.server";
import { apiError, methodNotAllowed } from "../utils/api.server";
import { apiAuthorize } from "../utils/authorize.server";
import { resultsQuery } from "../utils/polls-api.server";

export const action = () => methodNotAllowed(["GET"]);

/** Results under one rule (`?rule=votes|greedy|equal-shares&utility=…&completion=…`), explained in words. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { poll, district, membership, auth } = await apiAuthorize(
    request,
    context,
    { kind: "poll", id: params.poll ?? "" },
    "see_results",
    {
      conflict: "A draft poll has no results yet.",
    },
  );
  const query = resultsQuery(new URL(request.url));
  if (!query)
    return apiError(
      400,
      "bad_request",
      "Use rule=votes|greedy|equal-shares, utility=cost|cardinality and completion=add1|greedy|none.",
    );
  // Explanations in the reader's language (the lang cookie or Accept-Language; English by default).
  const locale = getLocale(request);
  const [options, counted, mine] = await Promise.all([
    pollOptionsOf(context.db, poll!.id),
    countedBallots(context.db, poll!.id),
    myBallot(context.db, poll!.id, auth.user.id),
  ]);
  // The caller's own receipt only: what their share paid for is theirs alone to see.
  const results = pollResults(
    { ...poll!, options },
    counted,
    query,
    translator(locale),
    decimalMoney(locale),
    mine?.receipt ?? null,
  );
  const reader = { districtId: district.id, group: membership.stakeholderGroup };
  // Who voted how is never part of this: receipts only once the poll is published.
  return json({
    ...results,
    representativeness: await pollRepresentativeness(context.db, poll!, counted, reader),
    counted: poll!.publishedAt
      ? counted.map((b) => ({ receipt: b.receipt, choices: b.choices, paper: b.paper }))
      : null,
  });
}
