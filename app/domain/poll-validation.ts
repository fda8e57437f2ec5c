import { z } from "zod";
import { dimensions } from "./plan-templates";
import { parseDecimal } from "./voting/rational";
import { pollStates } from "./polls";
import { stakeholderGroups, workspaceRoles } from "./roles";

// Messages are i18n keys: pages show them in the reader's language, the API in English.

export const MAX_POLL_OPTIONS = 100;
const MAX_AMOUNT = 1e12;

/** Money as a JSON number or decimal text, kept as exact decimal text with at most 2 decimals. */
const amount = z.union([z.number(), z.string()], { error: "validation.amountInvalid" }).transform((value, ctx) => {
  const text = typeof value === "number" ? String(value) : value.trim();
  const exact = /^\d{1,13}(\.\d{1,2})?$/.test(text) ? parseDecimal(text) : null;
  if (!exact || exact.n <= 0n || Number(text) > MAX_AMOUNT) {
    ctx.addIssue({ code: "custom", message: "validation.amountInvalid" });
    return z.NEVER;
  }
  return text;
});

const count = (max: number) =>
  z
    .number({ error: "validation.countInvalid" })
    .int("validation.countInvalid")
    .min(0, "validation.countInvalid")
    .max(max, "validation.countInvalid");

export const ballotRulesSchema = z.discriminatedUnion(
  "type",
  [
    z.object({
      type: z.literal("budget"),
      minOptions: count(MAX_POLL_OPTIONS).optional(),
      maxOptions: count(MAX_POLL_OPTIONS).optional(),
      minSpendShare: z
        .number({ error: "validation.shareInvalid" })
        .min(0, "validation.shareInvalid")
        .max(1, "validation.shareInvalid")
        .optional(),
    }),
    z.object({
      type: z.literal("approval"),
      minOptions: count(MAX_POLL_OPTIONS).optional(),
      maxOptions: count(MAX_POLL_OPTIONS).min(1, "validation.countInvalid"),
    }),
    z.object({
      type: z.literal("points"),
      points: count(10_000).min(1, "validation.countInvalid"),
      maxPerOption: count(10_000).min(1, "validation.countInvalid").optional(),
    }),
    z.object({ type: z.literal("ranked"), maxRanked: count(MAX_POLL_OPTIONS).min(1, "validation.countInvalid") }),
  ],
  { error: "validation.ballotTypeInvalid" },
);

const text = (max: number, required: boolean) =>
  z
    .string({ error: required ? "validation.titleRequired" : "validation.descriptionTooLong" })
    .trim()
    .min(required ? 1 : 0, "validation.titleRequired")
    .max(max, required ? "validation.nameTooLong" : "validation.descriptionTooLong");

export const pollOptionSchema = z.object({
  code: z
    .string({ error: "validation.codeInvalid" })
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,40}$/, "validation.codeInvalid")
    .optional(),
  title: text(200, true),
  description: text(2000, false).default(""),
  cost: amount,
  dimension: z.enum(dimensions, { error: "validation.dimensionInvalid" }).optional(),
  schools: z
    .array(z.string().min(1).max(200), { error: "validation.schoolsInvalid" })
    .max(500, "validation.schoolsInvalid")
    .default([]),
  viewId: z.uuid({ error: "validation.viewInvalid" }).optional(),
});

// Years 1 to 9999 in UTC: JavaScript also reads year 0, and an offset can carry a date into year 0 or
// 10000, which Postgres cannot take as sent (a server error, not a refusal).
const EARLIEST = Date.parse("0001-01-01T00:00:00Z");
const LATEST = Date.parse("9999-12-31T23:59:59.999Z");
const when = z.iso.datetime({ offset: true, error: "validation.dateInvalid" }).transform((s, ctx) => {
  const at = new Date(s);
  if (!(at.getTime() >= EARLIEST && at.getTime() <= LATEST)) {
    ctx.addIssue({ code: "custom", message: "validation.dateInvalid" });
    return z.NEVER;
  }
  return at;
});

// Each field without a default: a PATCH changes only what it names.
const fields = {
  title: text(200, true),
  description: text(5000, false),
  budget: amount,
  ballot: ballotRulesSchema,
  options: z
    .array(pollOptionSchema, { error: "validation.optionsRequired" })
    .min(2, "validation.optionsRequired")
    .max(MAX_POLL_OPTIONS, "validation.tooManyOptions"),
  eligibleRoles: z
    .array(z.enum(workspaceRoles, { error: "validation.roleInvalid" }))
    .min(1)
    .nullable(),
  eligibleGroups: z
    .array(z.enum(stakeholderGroups, { error: "validation.groupInvalid" }))
    .min(1)
    .nullable(),
  opensAt: when.nullable(),
  closesAt: when.nullable(),
  results: z.enum(["live", "after_publication"], { error: "validation.resultsInvalid" }),
};

/** A new poll (POST …/polls); the rules between fields are checked by `pollProblems`. */
export const newPollSchema = z.object({
  ...fields,
  description: fields.description.default(""),
  eligibleRoles: fields.eligibleRoles.default(null),
  eligibleGroups: fields.eligibleGroups.default(null),
  opensAt: fields.opensAt.default(null),
  closesAt: fields.closesAt.default(null),
  results: fields.results.default("after_publication"),
});
export type NewPoll = z.infer<typeof newPollSchema>;

/** PATCH /api/v1/polls/:poll: fields while in draft, or a move to the next state. */
export const pollPatchSchema = z
  .object(fields)
  .partial()
  .extend({ state: z.enum(pollStates, { error: "validation.stateInvalid" }).optional() });
export type PollPatch = z.infer<typeof pollPatchSchema>;

/** Rules across fields: unique codes, limits that make sense, a schedule that runs forward. */
export function pollProblems(poll: Pick<NewPoll, "ballot" | "options" | "opensAt" | "closesAt">) {
  const problems: Record<string, string> = {};
  const codes = poll.options.map((o) => o.code).filter((c): c is string => c !== undefined);
  if (new Set(codes.map((c) => c.toLowerCase())).size !== codes.length) problems.options = "validation.codesRepeat";
  const b = poll.ballot;
  if ("minOptions" in b && "maxOptions" in b && b.minOptions !== undefined && b.maxOptions !== undefined) {
    if (b.minOptions > b.maxOptions) problems["ballot.minOptions"] = "validation.minOverMax";
  }
  if (b.type === "points" && b.maxPerOption !== undefined && b.maxPerOption > b.points)
    problems["ballot.maxPerOption"] = "validation.minOverMax";
  if (poll.opensAt && poll.closesAt && poll.closesAt <= poll.opensAt)
    problems.closesAt = "validation.closesBeforeOpens";
  return problems;
}
