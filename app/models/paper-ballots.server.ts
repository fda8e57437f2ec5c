import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { ballots, polls } from "../../db/schema";
import type { PaperBallot } from "../domain/paper-ballots";
import { pollStateAt } from "../domain/polls";
import { newReceipt } from "./polls.server";

/**
 * Stores checked paper ballots, all or none, each with a receipt of its own to write on
 * the paper. Ballots carrying a client token are stored once per token (a double submit
 * or a retried upload gets the first receipts back). Holds the poll row in share mode,
 * so publishing waits for an entry in progress.
 */
export async function storePaperBallots(
  db: Database,
  input: { pollId: string; ballots: PaperBallot[]; clientToken: string | null },
): Promise<{ ok: true; receipts: string[] } | { ok: false; reason: "not_open" }> {
  return db.transaction(async (tx) => {
    const [poll] = await tx.select().from(polls).where(eq(polls.id, input.pollId)).for("share");
    const state = poll ? pollStateAt(poll, new Date()) : null;
    if (state !== "open" && state !== "closed") return { ok: false, reason: "not_open" };
    const rows = input.ballots.map((b, i) => ({
      pollId: input.pollId,
      voterId: null,
      paper: true,
      choices: b.choices,
      receipt: newReceipt(),
      clientToken: input.clientToken ? `${input.clientToken}:${i + 1}` : null,
      stakeholderGroup: b.group,
      schoolId: b.school,
    }));
    const stored = await tx
      .insert(ballots)
      .values(rows)
      .onConflictDoNothing({
        target: [ballots.pollId, ballots.clientToken],
        where: sql`${ballots.paper}`,
      })
      .returning({ receipt: ballots.receipt });
    if (stored.length === rows.length) return { ok: true, receipts: rows.map((r) => r.receipt) };
    // A retry: the ballots its tokens stored before keep their receipts.
    const tokens = rows.map((r) => r.clientToken!);
    const earlier = await tx
      .select({ token: ballots.clientToken, receipt: ballots.receipt })
      .from(ballots)
      .where(and(eq(ballots.pollId, input.pollId), eq(ballots.paper, true), inArray(ballots.clientToken, tokens)));
    const byToken = new Map(earlier.map((e) => [e.token, e.receipt]));
    return { ok: true, receipts: rows.map((r) => byToken.get(r.clientToken) ?? r.receipt) };
  });
}
