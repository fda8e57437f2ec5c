import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { formatAccessCode, MAX_CODES_PER_REQUEST, voteLink } from "../domain/access-codes";
import { stakeholderGroups } from "../domain/roles";
import { accessCodeCounts } from "../models/access-codes.server";
import { apiError, methodNotAllowed, readJson } from "../utils/api.server";
import { mintCodes } from "../utils/access-codes.server";
import { apiAuthorize } from "../utils/authorize.server";
import { appOrigin } from "../utils/urls.server";

/** How many codes were made and used: never the codes, which exist in the clear only when minted. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { poll } = await apiAuthorize(request, context, { kind: "poll", id: params.poll ?? "" }, "see_codes");
  return json(await accessCodeCounts(context.db, poll!.id));
}

const mintSchema = z.object({
  count: z
    .number({ error: "Send a whole number of codes from 1 to 500." })
    .int("Send a whole number of codes from 1 to 500.")
    .min(1, "Send a whole number of codes from 1 to 500.")
    .max(MAX_CODES_PER_REQUEST, "Send a whole number of codes from 1 to 500."),
  group: z.enum(stakeholderGroups, { error: "Choose one of the stakeholder groups." }).nullish(),
});

/** Mints codes (owners, until the vote closes); the answer is the only time they are shown. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed(["GET", "POST"]);
  const { poll, auth } = await apiAuthorize(request, context, { kind: "poll", id: params.poll ?? "" }, "mint_codes", {
    conflict: "This vote is closed: no more codes can be made.",
  });
  const body = await readJson(request, mintSchema);
  const minted = await mintCodes(context, poll!, {
    userId: auth.user.id,
    count: body.count,
    group: body.group ?? null,
  });
  if (!minted.ok)
    return apiError(422, "validation_failed", "Some fields are not valid.", {
      fields: { group: "This vote is not open to that group." },
    });
  return json(
    {
      codes: minted.codes.map(formatAccessCode),
      group: body.group ?? null,
      link: voteLink(appOrigin(request, context)),
    },
    { status: 201 },
  );
}
