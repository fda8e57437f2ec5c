import { json, type ActionFunctionArgs } from "@remix-run/node";
import { paperProblemMessage } from "../domain/paper-ballots";
import { decimalMoney } from "../i18n/numbers";
import { translator } from "../i18n/translate";
import { apiError, methodNotAllowed } from "../utils/api.server";
import { apiAuthorize } from "../utils/authorize.server";
import { enterPaperBallots, readPaperRequest } from "../utils/paper-ballots.server";

export const loader = () => methodNotAllowed(["POST"]);

const TOKEN_REUSED = "This clientToken was already used for other ballots; nothing was entered. Send a new token.";
const NOT_NOW = "Paper ballots are entered while the vote is open, or closed and not yet published.";

/** Paper ballots (owners, editors): a JSON list or a CSV upload, all entered or none. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["POST"]);
  const { poll, district, auth } = await apiAuthorize(
    request,
    context,
    { kind: "poll", id: params.poll ?? "" },
    "enter_paper",
    { conflict: NOT_NOW },
  );
  const { source, clientToken } = await readPaperRequest(request, poll!);
  const entered = await enterPaperBallots(
    context,
    { poll: poll!, districtId: district.id, userId: auth.user.id },
    source,
    clientToken,
  );
  if (entered.ok) return json({ receipts: entered.receipts }, { status: 201 });
  if (entered.reason === "not_open") return apiError(409, "conflict", NOT_NOW);
  if (entered.reason === "token_reused") return apiError(409, "client_token_reused", TOKEN_REUSED);
  const t = translator("en");
  const money = decimalMoney("en");
  const details = entered.problems.map((p) => ({
    line: p.line,
    code: p.issue.code,
    message: paperProblemMessage(p, t, money),
  }));
  return apiError(422, "invalid_paper_ballots", "Some paper ballots have problems; none was entered.", details);
}
