import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import type { PollRow } from "../../db/schema";
import {
  checkPaperBallots,
  MAX_PAPER_BALLOTS,
  paperBallotsFromCsv,
  type PaperContext,
  type PaperEntry,
  type PaperProblem,
} from "../domain/paper-ballots";
import { choicesFrom, votingPoll } from "../domain/polls";
import { recordAudit } from "../models/audit.server";
import { storePaperBallots } from "../models/paper-ballots.server";
import { pollOptionsOf } from "../models/polls.server";
import { apiError, payloadTooLarge, readJson } from "./api.server";
import { formClientToken } from "./ballot-fields.server";
import { BODY_LIMITS } from "./body-limits";
import { BodyTooLarge, mediaType, readBodyBytes } from "./body.server";
import { districtSchools } from "./polls-api.server";

/** Paper ballots as staff send them: a CSV file's text, or entries already read (a form, a JSON list). */
export type PaperSource = { csv: string } | { entries: PaperEntry[] };

export type PaperOutcome =
  | { ok: true; receipts: string[] }
  | { ok: false; reason: "invalid"; problems: PaperProblem[] }
  | { ok: false; reason: "not_open" }
  | { ok: false; reason: "token_reused" };

/**
 * Checks and stores paper ballots for a poll the caller was authorized to `enter_paper`
 * in: every line against the poll's rules, the district's schools and the groups it
 * invites, then all of them or none.
 */
export async function enterPaperBallots(
  context: AppLoadContext,
  entry: { poll: PollRow; districtId: string; userId: string },
  source: PaperSource,
  clientToken: string | null,
): Promise<PaperOutcome> {
  const { poll } = entry;
  const [options, schools] = await Promise.all([
    pollOptionsOf(context.db, poll.id),
    districtSchools(context, entry.districtId),
  ]);
  const ctx: PaperContext = {
    poll: votingPoll(poll.budget, poll.ballot, options),
    optionCodes: options.map((o) => o.code),
    schools: new Set(schools.map((s) => s.id)),
    eligibleGroups: poll.eligibleGroups,
  };
  const checked =
    "csv" in source ? paperBallotsFromCsv(source.csv, poll.ballot, ctx) : checkPaperBallots(source.entries, ctx);
  if (!checked.ok) return { ok: false, reason: "invalid", problems: checked.problems };
  const stored = await storePaperBallots(context.db, { pollId: poll.id, ballots: checked.ballots, clientToken });
  if (!stored.ok) return stored;
  // Who entered how many papers, never what they said; a retried upload entered none.
  if (!stored.replayed) {
    await recordAudit(context.db, {
      action: "poll.paper_ballots",
      actorId: entry.userId,
      workspaceId: poll.workspaceId,
      data: { pollId: poll.id, count: stored.receipts.length },
    });
  }
  return { ok: true, receipts: stored.receipts };
}

/** A paper ballot sent as JSON or form fields: `choices` as the API takes them (codes, or points by code). */
export function paperEntry(
  poll: PollRow,
  line: number,
  sent: { group: string; school?: string | null; choices: unknown },
): PaperEntry {
  return {
    line,
    group: sent.group,
    school: sent.school || null,
    choices: choicesFrom(poll.ballot, sent.choices),
    choicesText: JSON.stringify(sent.choices ?? null).slice(0, 200),
  };
}

const listSchema = z.object({
  ballots: z
    .array(
      z.object({
        group: z.string().max(100),
        school: z.string().max(200).nullish(),
        choices: z.unknown(),
      }),
    )
    .min(1, "Send at least one ballot.")
    .max(MAX_PAPER_BALLOTS, `Send at most ${MAX_PAPER_BALLOTS} ballots at once.`),
  clientToken: z.string().min(1).max(200).optional(),
});

/**
 * The API's body: a JSON list of ballots, or a multipart form with the CSV as the file
 * `file` (and an optional `clientToken` field). Read within the form limit (64 KB), which
 * holds the largest upload allowed; refusals are thrown as the API's error answers.
 */
export async function readPaperRequest(
  request: Request,
  poll: PollRow,
): Promise<{ source: PaperSource; clientToken: string | null }> {
  if (mediaType(request) !== "multipart/form-data") {
    const body = await readJson(request, listSchema);
    return {
      source: { entries: body.ballots.map((b, i) => paperEntry(poll, i + 1, b)) },
      clientToken: body.clientToken ?? null,
    };
  }
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await readBodyBytes(request, BODY_LIMITS.form);
  } catch (err) {
    if (err instanceof BodyTooLarge) throw payloadTooLarge(`The upload is larger than ${BODY_LIMITS.form / 1024} KB.`);
    throw err;
  }
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "Content-Type": request.headers.get("Content-Type")! } }).formData();
  } catch {
    throw apiError(400, "bad_request", "The upload could not be read as multipart/form-data.");
  }
  const file = form.get("file");
  if (!(file instanceof Blob)) throw apiError(400, "bad_request", "Send the CSV as the multipart file `file`.");
  const token = form.get("clientToken");
  // As the JSON body's: 1 to 200 characters that can be stored, or none; never silently dropped.
  if (typeof token === "string" && token !== "" && (token.length > 200 || token.includes("\0")))
    throw apiError(400, "bad_request", "The clientToken must be 1 to 200 characters, without \\u0000.");
  return { source: { csv: await file.text() }, clientToken: formClientToken(token) };
}
