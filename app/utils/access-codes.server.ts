import type { AppLoadContext } from "@remix-run/node";
import QRCode from "qrcode";
import type { PollRow } from "../../db/schema";
import { formatAccessCode, voteLink } from "../domain/access-codes";
import type { StakeholderGroup } from "../domain/roles";
import { mintAccessCodes } from "../models/access-codes.server";
import { recordAudit } from "../models/audit.server";
import { appOrigin } from "./urls.server";

/**
 * Mints codes for a poll the caller was authorized to `mint_codes` in. A code tagged with
 * a group the poll does not invite could open no ballot, so it is refused.
 */
export async function mintCodes(
  context: AppLoadContext,
  poll: PollRow,
  input: { userId: string; count: number; group: StakeholderGroup | null },
): Promise<{ ok: true; codes: string[] } | { ok: false; reason: "group_not_invited" }> {
  if (input.group && poll.eligibleGroups && !poll.eligibleGroups.includes(input.group))
    return { ok: false, reason: "group_not_invited" };
  const codes = await mintAccessCodes(context.db, {
    pollId: poll.id,
    count: input.count,
    group: input.group,
    createdBy: input.userId,
  });
  // How many, for whom and by whom; never the codes.
  await recordAudit(context.db, {
    action: "poll.access_codes_minted",
    actorId: input.userId,
    workspaceId: poll.workspaceId,
    data: { pollId: poll.id, count: codes.length, group: input.group },
  });
  return { ok: true, codes };
}

export type CodeCard = { code: string; qr: string };

/**
 * The printed sheet's cards: each code as typed, and a QR code (SVG, drawn here on the
 * server) of the vote link with the code in its fragment, which browsers never send on.
 */
export async function codeCards(request: Request, context: AppLoadContext, codes: string[]) {
  const origin = appOrigin(request, context);
  const cards: CodeCard[] = await Promise.all(
    codes.map(async (code) => ({
      code: formatAccessCode(code),
      qr: await QRCode.toString(voteLink(origin, code), { type: "svg", margin: 1, errorCorrectionLevel: "M" }),
    })),
  );
  return { link: voteLink(origin), cards };
}
