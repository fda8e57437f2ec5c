import { z } from "zod";
import {
  INVITATION_DEFAULT_DAYS,
  INVITATION_DEFAULT_USES,
  INVITATION_MAX_DAYS,
  INVITATION_MAX_USES,
} from "./invitation-policy";
import { newViewSpecSchema } from "./diagnostics/view-spec";
import { planTemplates } from "./plan-templates";
import { locales } from "../i18n/locales";
import { mailNotificationModes } from "./mail";
import { stakeholderGroups, workspaceRoles } from "./roles";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./session-policy";
import { parseCommentBody } from "./comments/comment-body";

// Messages are i18n keys: pages show them in the reader's language, the API in English.

const name = z
  .string({ error: "validation.nameRequired" })
  .trim()
  .min(1, "validation.nameRequired")
  .max(100, "validation.nameTooLong");

export const emailSchema = z
  .string({ error: "validation.emailInvalid" })
  .trim()
  .max(254, "validation.emailInvalid")
  .pipe(z.email({ error: "validation.emailInvalid" }));

export const passwordSchema = z
  .string({ error: "validation.passwordTooShort" })
  .min(MIN_PASSWORD_LENGTH, "validation.passwordTooShort")
  .max(MAX_PASSWORD_LENGTH, "validation.passwordTooLong");

export const signupSchema = z.object({ name, email: emailSchema, password: passwordSchema });

export const forgotPasswordSchema = z.object({ email: emailSchema });
export const resetPasswordSchema = z.object({ password: passwordSchema });

export const loginSchema = z.object({
  email: z
    .string({ error: "validation.emailInvalid" })
    .trim()
    .min(1, "validation.emailInvalid")
    .max(254, "validation.emailInvalid"),
  password: z
    .string({ error: "validation.passwordRequired" })
    .min(1, "validation.passwordRequired")
    .max(MAX_PASSWORD_LENGTH, "validation.passwordTooLong"),
});

/** How often notification mail comes: the Account page's radio group and `PATCH /api/v1/me`. */
export const mailNotificationsSchema = z.enum(mailNotificationModes, { error: "validation.mailNotificationsInvalid" });

/**
 * `PATCH /api/v1/me`: every key optional, at least one given, and a key the API does not know is
 * refused rather than ignored (a typo must not look like a saved setting). A new account setting is
 * one more optional key here.
 */
export const meUpdateSchema = z
  .object(
    {
      locale: z.enum(locales, { error: "validation.localeInvalid" }).optional(),
      mailNotifications: mailNotificationsSchema.optional(),
    },
    { error: (issue) => (issue.code === "invalid_type" ? "validation.bodyNotObject" : undefined) },
  )
  .catchall(z.never())
  .refine((value) => Object.values(value).some((v) => v !== undefined), { error: "validation.nothingToChange" });

/** Moving the account to another address: the new address, and the password again. */
export const emailChangeSchema = z.object({
  email: emailSchema,
  password: z
    .string({ error: "validation.passwordRequired" })
    .min(1, "validation.passwordRequired")
    .max(MAX_PASSWORD_LENGTH, "validation.passwordTooLong"),
});

/** A confirmation link's token, sent in a JSON body by API clients. */
export const confirmationTokenSchema = z.object({
  token: z.string({ error: "validation.tokenRequired" }).min(1, "validation.tokenRequired").max(200),
});

export const changePasswordSchema = z.object({
  currentPassword: z.string({ error: "validation.passwordRequired" }).min(1, "validation.passwordRequired"),
  newPassword: passwordSchema,
});

const orgName = z
  .string({ error: "validation.nameRequired" })
  .trim()
  .min(2, "validation.nameTooShort")
  .max(120, "validation.nameTooLong");

export const districtSchema = z.object({ name: orgName });

export const workspaceSchema = z.object({
  name: orgName,
  description: z.string().trim().max(2000, "validation.descriptionTooLong").optional(),
});

export const apiTokenSchema = z.object({ name: name });

export const invitationSchema = z.object({
  role: z.enum(workspaceRoles, { error: "validation.roleInvalid" }),
  stakeholderGroup: z.enum(stakeholderGroups, { error: "validation.groupInvalid" }),
  expiresInDays: z.coerce
    .number({ error: "validation.expiryInvalid" })
    .int("validation.expiryInvalid")
    .min(1, "validation.expiryInvalid")
    .max(INVITATION_MAX_DAYS, "validation.expiryInvalid")
    .default(INVITATION_DEFAULT_DAYS),
  maxUses: z.coerce
    .number({ error: "validation.maxUsesInvalid" })
    .int("validation.maxUsesInvalid")
    .min(1, "validation.maxUsesInvalid")
    .max(INVITATION_MAX_USES, "validation.maxUsesInvalid")
    .default(INVITATION_DEFAULT_USES),
});

// Invitations by mail are used once; the addresses are checked by domain/invitation-addresses.
const mailInvitationFields = invitationSchema.omit({ maxUses: true }).extend({
  locale: z.enum(locales, { error: "validation.localeInvalid" }).default("en"),
});

/** The API's invitation by mail: one address per entry of `emails`. */
export const mailInvitationSchema = mailInvitationFields.extend({
  emails: z.array(z.string({ error: "validation.emailsRequired" }).max(1000, "validation.emailInvalid"), {
    error: "validation.emailsRequired",
  }),
});

/** The page's: the addresses as pasted, in one text. */
export const mailInvitationFormSchema = mailInvitationFields.extend({
  emails: z.string({ error: "inviteMail.none" }),
});

export const memberUpdateSchema = z.object({
  userId: z.uuid({ error: "validation.memberInvalid" }),
  role: z.enum(workspaceRoles, { error: "validation.roleInvalid" }),
  stakeholderGroup: z.enum(stakeholderGroups, { error: "validation.groupInvalid" }),
});

/** Field → first message key, for forms. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "_");
    out[key] ??= issue.message;
  }
  return out;
}

export const dataViewSchema = z.object({
  title: z
    .string({ error: "validation.nameRequired" })
    .trim()
    .min(1, "validation.nameRequired")
    .max(200, "validation.nameTooLong"),
  caption: z.string().trim().max(1000, "validation.captionTooLong").optional(),
  spec: newViewSpecSchema,
  /** Pin to one data version; absent or null follows the latest. */
  dataVersion: z.number().int().positive().nullable().optional(),
});

export const versionSchema = z.object({
  name: z
    .string({ error: "validation.nameRequired" })
    .trim()
    .min(1, "validation.nameRequired")
    .max(120, "validation.nameTooLong"),
});

export const planSchema = z.object({
  template: z.enum(planTemplates, { error: "validation.templateInvalid" }).default("blank"),
  title: z
    .string({ error: "validation.nameRequired" })
    .trim()
    .min(1, "validation.nameRequired")
    .max(200, "validation.nameTooLong"),
});

/** A comment's body (see comments/comment-body.ts): the same rules for the API and the forms. */
const commentBody = z.unknown().transform((value, ctx) => {
  const parsed = parseCommentBody(value);
  if (parsed.ok) return parsed.body;
  ctx.addIssue({ code: "custom", message: `validation.comment_${parsed.error}` });
  return z.NEVER;
});
const mentions = z
  .array(z.uuid({ error: "validation.mentionInvalid" }))
  .max(50, "validation.mentionInvalid")
  .optional();

export const newPlanThreadSchema = z.object({
  body: commentBody,
  anchor: z.object({
    quote: z
      .string({ error: "validation.quoteRequired" })
      .min(1, "validation.quoteRequired")
      .max(2000, "validation.quoteTooLong"),
    occurrence: z
      .number({ error: "validation.occurrenceInvalid" })
      .int("validation.occurrenceInvalid")
      .min(1, "validation.occurrenceInvalid")
      .max(100_000, "validation.occurrenceInvalid")
      .optional(),
  }),
  mentions,
});
export const newCommentSchema = z.object({ body: commentBody, mentions });
const pointPart = z
  .string({ error: "validation.pointInvalid" })
  .min(1, "validation.pointInvalid")
  .max(200, "validation.pointInvalid");
/** A thread on a chart: on the whole chart, or on one point (a school or a bucket, a measure, a group). */
export const newChartThreadSchema = z.object({
  body: commentBody,
  point: z
    .object(
      { school: pointPart.optional(), bucket: pointPart.optional(), measure: pointPart, group: pointPart.optional() },
      { error: "validation.pointInvalid" },
    )
    .strict()
    .refine((p) => !(p.school !== undefined && p.bucket !== undefined), "validation.pointInvalid")
    .nullish(),
  mentions,
});
export const commentEditSchema = z.object({ body: commentBody });
export const threadPatchSchema = z.object({ resolved: z.boolean({ error: "validation.resolvedInvalid" }) });
export const moderationSchema = z.object({
  reason: z
    .string({ error: "validation.reasonRequired" })
    .trim()
    .min(1, "validation.reasonRequired")
    .max(500, "validation.reasonTooLong"),
});
export const notificationsReadSchema = z.union([
  z.object({ ids: z.array(z.uuid({ error: "validation.notificationInvalid" })).max(500) }),
  z.object({ all: z.literal(true) }),
]);
export const workspaceSettingsSchema = z.object({
  viewersMayComment: z.boolean({ error: "validation.settingInvalid" }),
});
/** Naming an instance administrator: an existing account, by e-mail. */
export const instanceAdminSchema = z.object({ email: emailSchema });

/** Revoking one: the account's id (anything else matches no account). */
export const accountIdSchema = z.uuid({ error: "admins.notFound" });
