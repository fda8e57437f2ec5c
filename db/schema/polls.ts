import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { pollStates, type BallotRules } from "../../app/domain/polls";
import type { StakeholderGroup, WorkspaceRole } from "../../app/domain/roles";
import { dataViews } from "./district-data";
import { users } from "./users";
import { stakeholderGroup, workspaces } from "./workspaces";

/**
 * A budget-priority vote in a workspace. Money is `numeric`, never floating point: the
 * tally is exact (app/domain/voting/rational.ts) and reads the decimal strings.
 */
export const polls = pgTable(
  "polls",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid().notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
    budget: numeric().notNull(),
    ballot: jsonb().$type<BallotRules>().notNull(),
    state: text({ enum: pollStates }).notNull().default("draft"),
    /** Who may vote: null means every role / every group. */
    eligibleRoles: jsonb().$type<WorkspaceRole[]>(),
    eligibleGroups: jsonb().$type<StakeholderGroup[]>(),
    /** Scheduled times; the state follows them whichever process reads it (see domain/polls). */
    opensAt: timestamp({ withTimezone: true }),
    closesAt: timestamp({ withTimezone: true }),
    results: text({ enum: ["live", "after_publication"] })
      .notNull()
      .default("after_publication"),
    /** Imported from a Pabulib file: closed, with ballots that name no member. */
    imported: boolean().notNull().default(false),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    openedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    publishedAt: timestamp({ withTimezone: true }),
    /** When members were told by mail that the vote opened (once, by whichever process saw it first). */
    openingMailedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    foreignKey({ name: "polls_workspace_fk", columns: [t.workspaceId], foreignColumns: [workspaces.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ name: "polls_created_by_fk", columns: [t.createdBy], foreignColumns: [users.id] }).onDelete(
      "set null",
    ),
    check("polls_budget_check", sql`${t.budget} > 0`),
    index("polls_workspace_id_idx").on(t.workspaceId),
    index("polls_created_by_idx").on(t.createdBy),
  ],
);
export type PollRow = typeof polls.$inferSelect;

/** An investment a poll offers: what it costs, which dimension of equity it serves, which schools. */
export const pollOptions = pgTable(
  "poll_options",
  {
    id: uuid().primaryKey().defaultRandom(),
    pollId: uuid().notNull(),
    /** Short and stable ("P1", or a Pabulib project_id): ballots, results and exports name options by it. */
    code: text().notNull(),
    position: integer().notNull(),
    title: text().notNull(),
    description: text().notNull().default(""),
    cost: numeric().notNull(),
    dimension: text(),
    schools: jsonb().$type<string[]>().notNull().default([]),
    viewId: uuid(),
  },
  (t) => [
    foreignKey({ name: "poll_options_poll_fk", columns: [t.pollId], foreignColumns: [polls.id] }).onDelete("cascade"),
    foreignKey({ name: "poll_options_view_fk", columns: [t.viewId], foreignColumns: [dataViews.id] }).onDelete(
      "set null",
    ),
    unique("poll_options_poll_id_code_unique").on(t.pollId, t.code),
    check("poll_options_cost_check", sql`${t.cost} > 0`),
    index("poll_options_view_id_idx").on(t.viewId),
  ],
);
export type PollOptionRow = typeof pollOptions.$inferSelect;

/**
 * A one-time access code to a poll, for someone without an account (issue 13). Only the
 * code's SHA-256 is kept, as for sessions: the owner sees the code once, on the printed
 * sheet. `usedAt` is set in the transaction that stores the ballot cast with it.
 */
export const pollAccessCodes = pgTable(
  "poll_access_codes",
  {
    id: uuid().primaryKey().defaultRandom(),
    pollId: uuid().notNull(),
    codeHash: text().notNull(),
    /** The group the code was handed out to; null lets the voter say theirs. */
    stakeholderGroup: stakeholderGroup(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    foreignKey({ name: "poll_access_codes_poll_fk", columns: [t.pollId], foreignColumns: [polls.id] }).onDelete(
      "cascade",
    ),
    foreignKey({
      name: "poll_access_codes_created_by_fk",
      columns: [t.createdBy],
      foreignColumns: [users.id],
    }).onDelete("set null"),
    unique("poll_access_codes_code_hash_unique").on(t.codeHash),
    index("poll_access_codes_poll_id_idx").on(t.pollId),
    index("poll_access_codes_created_by_idx").on(t.createdBy),
  ],
);
export type PollAccessCodeRow = typeof pollAccessCodes.$inferSelect;

/** A choice as stored: an option code, with points on points ballots; ranked ballots best first. */
export type StoredChoice = { code: string; points?: number };

/**
 * One ballot per voter per poll, enforced here by a unique constraint rather than by a
 * check before inserting. Who cast it (`voterId`) is kept only to let them revise it;
 * no page, API answer, export or log joins it to the choices.
 */
export const ballots = pgTable(
  "ballots",
  {
    id: uuid().primaryKey().defaultRandom(),
    pollId: uuid().notNull(),
    voterId: uuid(),
    choices: jsonb().$type<StoredChoice[]>().notNull(),
    /** Shown to the voter; published with the counted ballots so anyone can check theirs. */
    receipt: text().notNull(),
    /** The last submission's client token: a retry of it stores nothing new. */
    clientToken: text(),
    /** The voter's group when they voted (result breakdowns), and optionally their school. */
    stakeholderGroup: stakeholderGroup(),
    schoolId: text(),
    paper: boolean().notNull().default(false),
    /** The access code it was cast with. Unique: a code stores one ballot, however many submit it at once. */
    accessCodeId: uuid(),
    submittedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "ballots_poll_fk", columns: [t.pollId], foreignColumns: [polls.id] }).onDelete("cascade"),
    foreignKey({ name: "ballots_voter_fk", columns: [t.voterId], foreignColumns: [users.id] }).onDelete("set null"),
    unique("ballots_poll_id_voter_id_unique").on(t.pollId, t.voterId),
    unique("ballots_poll_id_receipt_unique").on(t.pollId, t.receipt),
    foreignKey({
      name: "ballots_access_code_fk",
      columns: [t.accessCodeId],
      foreignColumns: [pollAccessCodes.id],
    }).onDelete("set null"),
    unique("ballots_access_code_id_unique").on(t.accessCodeId),
    // A paper ballot entered twice (a double submit, a retried upload) is stored once.
    uniqueIndex("ballots_poll_id_paper_client_token_unique")
      .on(t.pollId, t.clientToken)
      .where(sql`${t.paper}`),
    index("ballots_voter_id_idx").on(t.voterId),
  ],
);
export type BallotRow = typeof ballots.$inferSelect;
