import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import type { Database } from "../../db/client";
import {
  ballots,
  pollOptions,
  polls,
  workspaceMemberships,
  workspaces,
  type PollOptionRow,
  type PollRow,
  type StoredChoice,
} from "../../db/schema";
import type { ImportedPoll } from "../domain/poll-import";
import type { NewPoll, PollPatch } from "../domain/poll-validation";
import { canMoveTo, optionCode, pollStateAt, type PollState } from "../domain/polls";
import type { StakeholderGroup } from "../domain/roles";
import { publishEvent } from "./events.server";
import type { Queryable } from "./plan-storage.server";

export type PollWithOptions = PollRow & { options: PollOptionRow[] };

/** A receipt a voter can read aloud and type: 10 characters from 50 random bits. */
export function newReceipt(): string {
  const bytes = new Uint8Array(7);
  crypto.getRandomValues(bytes);
  const code = encodeBase32UpperCaseNoPadding(bytes).slice(0, 10);
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

function optionRows(pollId: string, options: NewPoll["options"]) {
  return options.map((o, i) => ({
    pollId,
    code: o.code ?? optionCode(i),
    position: i,
    title: o.title,
    description: o.description ?? "",
    cost: o.cost,
    dimension: o.dimension ?? null,
    schools: o.schools ?? [],
    viewId: o.viewId ?? null,
  }));
}

export async function createPoll(
  db: Database,
  input: NewPoll & { workspaceId: string; createdBy: string },
): Promise<PollWithOptions> {
  return db.transaction(async (tx) => {
    const [poll] = await tx
      .insert(polls)
      .values({
        workspaceId: input.workspaceId,
        title: input.title,
        description: input.description,
        budget: input.budget,
        ballot: input.ballot,
        eligibleRoles: input.eligibleRoles,
        eligibleGroups: input.eligibleGroups,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        results: input.results,
        createdBy: input.createdBy,
      })
      .returning();
    const options = await tx.insert(pollOptions).values(optionRows(poll!.id, input.options)).returning();
    return { ...poll!, options };
  });
}

// Rows per INSERT: a ballot row binds three parameters, far under the 65,535 a statement may hold.
const BALLOT_BATCH = 2000;

/**
 * Stores a poll imported from a Pabulib file, closed, with its ballots (no voter: the
 * receipt is the file's voter id), all in one transaction: a failure leaves nothing.
 */
export async function createImportedPoll(
  db: Database,
  input: ImportedPoll & { workspaceId: string; createdBy: string },
): Promise<PollWithOptions> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const [poll] = await tx
      .insert(polls)
      .values({
        workspaceId: input.workspaceId,
        title: input.title,
        description: input.description,
        budget: input.budget,
        ballot: input.ballot,
        state: "closed",
        imported: true,
        createdBy: input.createdBy,
        closedAt: now,
      })
      .returning();
    const options = await tx
      .insert(pollOptions)
      .values(input.options.map((o, position) => ({ pollId: poll!.id, position, ...o })))
      .returning();
    for (let i = 0; i < input.ballots.length; i += BALLOT_BATCH) {
      const batch = input.ballots.slice(i, i + BALLOT_BATCH);
      await tx.insert(ballots).values(batch.map((b) => ({ pollId: poll!.id, receipt: b.receipt, choices: b.choices })));
    }
    return { ...poll!, options };
  });
}

export async function pollOptionsOf(db: Database, pollId: string): Promise<PollOptionRow[]> {
  return db.select().from(pollOptions).where(eq(pollOptions.pollId, pollId)).orderBy(asc(pollOptions.position));
}

/** A workspace's polls, newest first; drafts only for those who may edit them. */
export async function listPolls(db: Database, workspaceId: string, { drafts }: { drafts: boolean }) {
  const where = drafts
    ? eq(polls.workspaceId, workspaceId)
    : and(eq(polls.workspaceId, workspaceId), ne(polls.state, "draft"));
  const rows = await db.select().from(polls).where(where).orderBy(desc(polls.createdAt));
  const now = new Date();
  // A scheduled draft that has opened is no longer a draft for anyone.
  return rows.filter((p) => drafts || pollStateAt(p, now) !== "draft");
}

export type ChangeResult = { ok: true; poll: PollRow } | { ok: false; reason: "not_draft" | "bad_move" };

/** Changes a draft's fields (options are replaced whole); refused once the poll has opened. */
export async function updateDraft(
  db: Database,
  pollId: string,
  patch: Omit<PollPatch, "state">,
): Promise<ChangeResult> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(polls).where(eq(polls.id, pollId)).for("update");
    if (!current || pollStateAt(current, new Date()) !== "draft") return { ok: false, reason: "not_draft" };
    const { options, ...fields } = patch;
    const [poll] = Object.keys(fields).length
      ? await tx.update(polls).set(fields).where(eq(polls.id, pollId)).returning()
      : [current];
    if (options) {
      await tx.delete(pollOptions).where(eq(pollOptions.pollId, pollId));
      await tx.insert(pollOptions).values(optionRows(pollId, options));
    }
    return { ok: true, poll: poll! };
  });
}

/**
 * Moves a poll on by hand (draft → open → closed → published). Taking the row lock waits
 * for ballots being stored (they hold a share lock), so no ballot that was answered 200
 * arrives after the close.
 */
export async function movePoll(db: Database, pollId: string, to: PollState): Promise<ChangeResult> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(polls).where(eq(polls.id, pollId)).for("update");
    if (!current) return { ok: false, reason: "bad_move" };
    const now = new Date();
    if (!canMoveTo(pollStateAt(current, now), to)) return { ok: false, reason: "bad_move" };
    const stamp =
      to === "open"
        ? { openedAt: now, closesAt: current.closesAt && current.closesAt <= now ? null : current.closesAt }
        : to === "closed"
          ? { closedAt: now }
          : { publishedAt: now };
    const [poll] = await tx
      .update(polls)
      .set({ state: to, ...stamp })
      .where(eq(polls.id, pollId))
      .returning();
    // Plans embedding the results follow the vote as it closes and is published.
    await pollChanged(tx, current);
    return { ok: true, poll: poll! };
  });
}

/** Tells the district's open plans that a vote's results may have changed (when the transaction commits). */
async function pollChanged(tx: Queryable, poll: Pick<PollRow, "id" | "workspaceId">) {
  const [workspace] = await tx
    .select({ districtId: workspaces.districtId })
    .from(workspaces)
    .where(eq(workspaces.id, poll.workspaceId));
  await publishEvent(tx, {
    type: "poll.changed",
    districtId: workspace!.districtId,
    workspaceId: poll.workspaceId,
    pollId: poll.id,
  });
}

export type BallotInput = {
  pollId: string;
  voterId: string;
  choices: StoredChoice[];
  clientToken: string | null;
  group: StakeholderGroup | null;
  schoolId: string | null;
};

/**
 * Stores a member's ballot, or replaces their earlier one (the latest counts; the receipt
 * stays). One ballot per member is the database's unique constraint, so parallel
 * submissions cannot store two; a retry with the same client token changes nothing.
 */
export async function castBallot(
  db: Database,
  input: BallotInput,
): Promise<{ ok: true; receipt: string } | { ok: false; reason: "not_open" }> {
  return db.transaction(async (tx) => {
    const [poll] = await tx.select().from(polls).where(eq(polls.id, input.pollId)).for("share");
    if (!poll || pollStateAt(poll, new Date()) !== "open") return { ok: false, reason: "not_open" };
    const [stored] = await tx
      .insert(ballots)
      .values({
        pollId: input.pollId,
        voterId: input.voterId,
        choices: input.choices,
        receipt: newReceipt(),
        clientToken: input.clientToken,
        stakeholderGroup: input.group,
        schoolId: input.schoolId,
      })
      .onConflictDoUpdate({
        target: [ballots.pollId, ballots.voterId],
        set: {
          choices: input.choices,
          clientToken: input.clientToken,
          stakeholderGroup: input.group,
          schoolId: input.schoolId,
          submittedAt: sql`now()`,
        },
        // A retry of the submission already stored (same token) leaves the row as it is. Without a
        // token every submission is a new one: comparing null with null would drop a revision.
        ...(input.clientToken === null
          ? {}
          : { setWhere: sql`${ballots.clientToken} is distinct from ${input.clientToken}` }),
      })
      .returning({ receipt: ballots.receipt });
    // Live results move with each ballot; others say nothing of ballots until published.
    if (stored && poll.results === "live") await pollChanged(tx, poll);
    if (stored) return { ok: true, receipt: stored.receipt };
    const [existing] = await tx
      .select({ receipt: ballots.receipt })
      .from(ballots)
      .where(and(eq(ballots.pollId, input.pollId), eq(ballots.voterId, input.voterId)));
    return { ok: true, receipt: existing!.receipt };
  });
}

/** The caller's own ballot: the only way a ballot is ever read with its voter. */
export async function myBallot(db: Database, pollId: string, voterId: string) {
  const [row] = await db
    .select({ choices: ballots.choices, receipt: ballots.receipt, submittedAt: ballots.submittedAt })
    .from(ballots)
    .where(and(eq(ballots.pollId, pollId), eq(ballots.voterId, voterId)));
  return row ?? null;
}

/** Every counted ballot without who cast it: what results, recounts and exports read. */
export async function countedBallots(db: Database, pollId: string) {
  return db
    .select({
      receipt: ballots.receipt,
      choices: ballots.choices,
      group: ballots.stakeholderGroup,
      schoolId: ballots.schoolId,
      paper: ballots.paper,
    })
    .from(ballots)
    .where(eq(ballots.pollId, pollId))
    .orderBy(asc(ballots.receipt));
}

/** How many options each poll offers, for lists. */
export async function pollOptionCounts(db: Database, pollIds: string[]): Promise<Map<string, number>> {
  if (!pollIds.length) return new Map();
  const rows = await db
    .select({ pollId: pollOptions.pollId, n: sql<number>`count(*)::int` })
    .from(pollOptions)
    .where(inArray(pollOptions.pollId, pollIds))
    .groupBy(pollOptions.pollId);
  return new Map(rows.map((r) => [r.pollId, r.n]));
}

/**
 * Votes a member may embed in a plan: those past draft in every workspace of the district
 * they belong to (a plan's other readers then see them only if they may, embed by embed).
 */
export async function districtPollsOf(db: Database, userId: string, districtId: string) {
  const rows = await db
    .select({ poll: polls, workspaceName: workspaces.name })
    .from(polls)
    .innerJoin(workspaces, eq(workspaces.id, polls.workspaceId))
    .innerJoin(
      workspaceMemberships,
      and(eq(workspaceMemberships.workspaceId, polls.workspaceId), eq(workspaceMemberships.userId, userId)),
    )
    .where(eq(workspaces.districtId, districtId))
    .orderBy(desc(polls.createdAt));
  const now = new Date();
  return rows.filter((r) => pollStateAt(r.poll, now) !== "draft");
}
