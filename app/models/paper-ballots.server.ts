import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { ballots, polls, type StoredChoice } from "../../db/schema";
import type { PaperBallot } from "../domain/paper-ballots";
import { pollStateAt } from "../domain/polls";
import { newReceipt } from "./polls.server";

export type StoredPaper =
  /** `replayed`: the token's upload was stored before; these are its receipts and nothing new was stored. */
  | { ok: true; receipts: string[]; replayed: boolean }
  | { ok: false; reason: "not_open" }
  /** The client token was spent on a different set of ballots: nothing stored, nothing answered from it. */
  | { ok: false; reason: "token_reused" };

/**
 * Stores checked paper ballots, all or none, each with a receipt of its own to write on
 * the paper. A client token names one upload (line i is stored as `token:i`): sent again
 * with the same ballots it answers the first receipts and stores nothing; sent with other
 * ballots it is refused, never half stored. Holds the poll row in share mode, so
 * publishing waits for an entry in progress.
 */
export async function storePaperBallots(
  db: Database,
  input: { pollId: string; ballots: PaperBallot[]; clientToken: string | null },
): Promise<StoredPaper> {
  return db.transaction(async (tx) => {
    const [poll] = await tx.select().from(polls).where(eq(polls.id, input.pollId)).for("share");
    const state = poll ? pollStateAt(poll, new Date()) : null;
    if (state !== "open" && state !== "closed") return { ok: false, reason: "not_open" };
    const token = input.clientToken;
    const tokenOf = (i: number) => (token === null ? null : `${token}:${i + 1}`);
    const rows = input.ballots.map((b, i) => ({
      pollId: input.pollId,
      voterId: null,
      paper: true,
      choices: b.choices,
      receipt: newReceipt(),
      clientToken: tokenOf(i),
      stakeholderGroup: b.group,
      schoolId: b.school,
    }));
    if (token !== null) {
      // Uploads with one token take turns, so a double submit finds the first one's ballots.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`paper:${input.pollId}:${token}`}))`);
      // One past the end too: an earlier, longer upload under this token is a different one.
      const wanted = [...rows.map((r) => r.clientToken!), tokenOf(rows.length)!];
      const earlier = await tx
        .select()
        .from(ballots)
        .where(and(eq(ballots.pollId, input.pollId), eq(ballots.paper, true), inArray(ballots.clientToken, wanted)));
      if (earlier.length > 0) {
        const byToken = new Map(earlier.map((e) => [e.clientToken, e]));
        const same = rows.every((r) => {
          const e = byToken.get(r.clientToken);
          return (
            e !== undefined &&
            e.stakeholderGroup === r.stakeholderGroup &&
            e.schoolId === r.schoolId &&
            choicesText(e.choices) === choicesText(r.choices)
          );
        });
        if (!same || earlier.length !== rows.length) return { ok: false, reason: "token_reused" };
        return { ok: true, receipts: rows.map((r) => byToken.get(r.clientToken)!.receipt), replayed: true };
      }
    }
    await tx.insert(ballots).values(rows);
    return { ok: true, receipts: rows.map((r) => r.receipt), replayed: false };
  });
}

// jsonb keeps its own key order: compare what the choices say, not how they were written.
const choicesText = (choices: StoredChoice[]) => JSON.stringify(choices.map((c) => [c.code, c.points ?? null]));
