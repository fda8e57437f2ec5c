import { and, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { ballots, pollAccessCodes, polls, type StoredChoice } from "../../db/schema";
import { pollStateAt } from "../domain/polls";
import type { StakeholderGroup } from "../domain/roles";
import { generateAccessCode, hashToken } from "../utils/tokens.server";
import { newReceipt } from "./polls.server";

/**
 * Mints `count` one-time codes for a poll and returns them: the only moment they exist
 * in the clear. The database keeps each code's SHA-256.
 */
export async function mintAccessCodes(
  db: Database,
  input: { pollId: string; count: number; group: StakeholderGroup | null; createdBy: string },
): Promise<string[]> {
  const codes = Array.from({ length: input.count }, generateAccessCode);
  await db.insert(pollAccessCodes).values(
    codes.map((code) => ({
      pollId: input.pollId,
      codeHash: hashToken(code),
      stakeholderGroup: input.group,
      createdBy: input.createdBy,
    })),
  );
  return codes;
}

/** How many codes a poll has handed out, and how many have cast their ballot. */
export async function accessCodeCounts(db: Database, pollId: string): Promise<{ issued: number; used: number }> {
  const [row] = await db
    .select({
      issued: sql<number>`count(*)::int`,
      used: sql<number>`count(${pollAccessCodes.usedAt})::int`,
    })
    .from(pollAccessCodes)
    .where(eq(pollAccessCodes.pollId, pollId));
  return row ?? { issued: 0, used: 0 };
}

export type CodeBallotInput = {
  pollId: string;
  codeId: string;
  choices: StoredChoice[];
  group: StakeholderGroup;
  schoolId: string | null;
  clientToken: string | null;
};

/**
 * Stores the one ballot a code opens and spends the code, in one transaction. The code
 * is spent by a conditional UPDATE: parallel submissions of one code queue on its row
 * and all but the first find it spent (the unique ballots.access_code_id backs this up).
 * Like member ballots, it holds the poll row in share mode so a close waits for it.
 * A retry carrying the stored ballot's client token gets its receipt back.
 */
export async function castCodeBallot(
  db: Database,
  input: CodeBallotInput,
): Promise<{ ok: true; receipt: string } | { ok: false; reason: "used" | "not_open" }> {
  return db.transaction(async (tx) => {
    const [poll] = await tx.select().from(polls).where(eq(polls.id, input.pollId)).for("share");
    if (!poll || pollStateAt(poll, new Date()) !== "open") return { ok: false, reason: "not_open" };
    const [spent] = await tx
      .update(pollAccessCodes)
      .set({ usedAt: sql`now()` })
      .where(and(eq(pollAccessCodes.id, input.codeId), isNull(pollAccessCodes.usedAt)))
      .returning({ id: pollAccessCodes.id });
    if (!spent) {
      const again = input.clientToken ? await retriedReceipt(tx, input.codeId, input.clientToken) : null;
      return again ? { ok: true, receipt: again } : { ok: false, reason: "used" };
    }
    const [stored] = await tx
      .insert(ballots)
      .values({
        pollId: input.pollId,
        voterId: null,
        accessCodeId: spent.id,
        choices: input.choices,
        receipt: newReceipt(),
        clientToken: input.clientToken,
        stakeholderGroup: input.group,
        schoolId: input.schoolId,
      })
      .returning({ receipt: ballots.receipt });
    return { ok: true, receipt: stored!.receipt };
  });
}

type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** The receipt of the ballot a spent code stored, to the one who stored it (same client token). */
export async function retriedReceipt(db: Database | Tx, codeId: string, clientToken: string): Promise<string | null> {
  const [row] = await db
    .select({ receipt: ballots.receipt })
    .from(ballots)
    .where(and(eq(ballots.accessCodeId, codeId), eq(ballots.clientToken, clientToken)));
  return row?.receipt ?? null;
}
