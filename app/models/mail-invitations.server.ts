import { randomUUID } from "node:crypto";
import { and, desc, eq, gt, inArray, isNotNull, isNull, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { auditEvents, invitations, mailOutbox, users, workspaceMemberships, type Invitation } from "../../db/schema";
import type { MailState } from "../domain/mail";
import { MAIL_INVITATIONS_PER_DAY } from "../domain/invitation-addresses";
import {
  INVITATION_DEFAULT_DAYS,
  canResend,
  mailInvitationState,
  type MailInvitationState,
} from "../domain/invitation-policy";
import type { StakeholderGroup, WorkspaceRole } from "../domain/roles";
import type { Locale } from "../i18n/locales";
import { invitationMail } from "../mail/invitation.server";
import { generateToken, hashToken } from "../utils/tokens.server";
import { recordAudit } from "./audit.server";
import { enqueueMail, enqueueMails, type NewMail } from "./mail-outbox.server";
import { isPlanId } from "./plans.server";

const DAY_MS = 24 * 60 * 60 * 1000;
// Audit actions whose `data.count` counts mails against the daily cap.
const MAILED = ["invitation.mail", "invitation.resend"];

/** Who is inviting, to where: the names the mail gives and the URL its link is built with. */
export type InvitationSender = {
  workspaceId: string;
  actorId: string;
  inviterName: string;
  /**
   * Whether the inviter confirmed their own address. Anyone can sign up and start a workspace, so
   * only people who proved an address may send mail in the product's name.
   */
  inviterVerified: boolean;
  workspaceName: string;
  districtName: string;
  inviteUrl: (token: string) => string;
};

export type MailInvitationResult =
  | {
      ok: true;
      created: { id: string; email: string }[];
      skipped: { email: string; reason: "member" | "pending" }[];
    }
  | { ok: false; reason: "daily_cap"; left: number }
  | { ok: false; reason: "unverified" };

/**
 * Invites each address by mail: an invitation of its own (one use, for that address) and its
 * mail, all in one transaction, so either every invitation and mail exists or none does.
 * Addresses of members, and addresses with an unanswered invitation, are skipped and reported.
 */
export async function createMailInvitations(
  db: Database,
  sender: InvitationSender,
  input: {
    emails: string[];
    role: WorkspaceRole;
    stakeholderGroup: StakeholderGroup;
    locale: Locale;
    expiresInDays: number;
  },
): Promise<MailInvitationResult> {
  if (!sender.inviterVerified) return { ok: false, reason: "unverified" };
  return db.transaction(async (tx) => {
    await lockInvitationCaps(tx, sender);
    const emails = input.emails;
    const members = emails.length
      ? await tx
          .select({ email: sql<string>`lower(${users.email})` })
          .from(workspaceMemberships)
          .innerJoin(users, eq(users.id, workspaceMemberships.userId))
          .where(
            and(eq(workspaceMemberships.workspaceId, sender.workspaceId), inArray(sql`lower(${users.email})`, emails)),
          )
      : [];
    const pending = emails.length
      ? await tx
          .select({ email: invitations.email })
          .from(invitations)
          .where(
            and(
              eq(invitations.workspaceId, sender.workspaceId),
              inArray(invitations.email, emails),
              isNull(invitations.revokedAt),
              isNull(invitations.acceptedAt),
              gt(invitations.expiresAt, new Date()),
            ),
          )
      : [];
    const memberSet = new Set(members.map((m) => m.email));
    const pendingSet = new Set(pending.map((p) => p.email));
    const skipped: { email: string; reason: "member" | "pending" }[] = [];
    for (const email of emails) {
      if (memberSet.has(email)) skipped.push({ email, reason: "member" });
      else if (pendingSet.has(email)) skipped.push({ email, reason: "pending" });
    }
    const toSend = emails.filter((e) => !memberSet.has(e) && !pendingSet.has(e));

    const left = await mailsLeftToday(tx, sender);
    if (toSend.length > left) return { ok: false, reason: "daily_cap", left } as const;

    const expiresAt = new Date(Date.now() + input.expiresInDays * DAY_MS);
    // One insert of mail and one of invitations for the whole list (up to 200 addresses).
    const batch = toSend.map((email) => ({ email, token: generateToken(), mailId: randomUUID() }));
    await enqueueMails(
      tx,
      batch.map((b) => ({ id: b.mailId, ...invitationMailTo(sender, { ...input, ...b, expiresAt }) })),
    );
    const created =
      batch.length === 0
        ? []
        : await tx
            .insert(invitations)
            .values(
              batch.map((b) => ({
                workspaceId: sender.workspaceId,
                createdBy: sender.actorId,
                tokenHash: hashToken(b.token),
                role: input.role,
                stakeholderGroup: input.stakeholderGroup,
                expiresAt,
                maxUses: 1,
                email: b.email,
                locale: input.locale,
                mailId: b.mailId,
              })),
            )
            .returning({ id: invitations.id, email: invitations.email })
            .then((rows) => rows.map((r) => ({ id: r.id, email: r.email! })));
    if (created.length) {
      await recordAudit(tx, {
        action: "invitation.mail",
        actorId: sender.actorId,
        workspaceId: sender.workspaceId,
        data: { count: created.length, role: input.role, stakeholderGroup: input.stakeholderGroup },
      });
    }
    return { ok: true, created, skipped } as const;
  });
}

export type ResendResult =
  { ok: true; email: string } | { ok: false; reason: "not_found" | "not_allowed" | "daily_cap" | "unverified" };

/**
 * Sends an invitation again with a new link and a new expiry. The old link stops working: only
 * the newest mail opens the invitation, so a mail that went astray cannot be used later.
 */
export async function resendMailInvitation(
  db: Database,
  sender: InvitationSender,
  invitationId: string,
): Promise<ResendResult> {
  if (!isPlanId(invitationId)) return { ok: false, reason: "not_found" };
  if (!sender.inviterVerified) return { ok: false, reason: "unverified" };
  return db.transaction(async (tx) => {
    await lockInvitationCaps(tx, sender);
    const [row] = await tx
      .select({ invitation: invitations, mailState: mailOutbox.state })
      .from(invitations)
      .leftJoin(mailOutbox, eq(mailOutbox.id, invitations.mailId))
      .where(
        and(
          eq(invitations.id, invitationId),
          eq(invitations.workspaceId, sender.workspaceId),
          isNotNull(invitations.email),
        ),
      );
    if (!row) return { ok: false, reason: "not_found" } as const;
    const inv = row.invitation;
    if (!canResend(mailInvitationState(inv, row.mailState, new Date())))
      return { ok: false, reason: "not_allowed" } as const;
    if ((await mailsLeftToday(tx, sender)) < 1) return { ok: false, reason: "daily_cap" } as const;

    const token = generateToken();
    const expiresAt = new Date(Date.now() + INVITATION_DEFAULT_DAYS * DAY_MS);
    const mailId = await enqueueMail(
      tx,
      invitationMailTo(sender, {
        email: inv.email!,
        token,
        expiresAt,
        role: inv.role,
        stakeholderGroup: inv.stakeholderGroup,
        locale: inv.locale ?? "en",
      }),
    );
    await tx
      .update(invitations)
      .set({ tokenHash: hashToken(token), expiresAt, mailId })
      .where(eq(invitations.id, inv.id));
    await recordAudit(tx, {
      action: "invitation.resend",
      actorId: sender.actorId,
      workspaceId: sender.workspaceId,
      data: { count: 1, invitationId: inv.id },
    });
    return { ok: true, email: inv.email! } as const;
  });
}

export type MailInvitationView = {
  id: string;
  email: string;
  role: WorkspaceRole;
  stakeholderGroup: StakeholderGroup;
  locale: Locale;
  state: MailInvitationState;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedBy: string | null;
};

/**
 * A workspace's invitations sent by mail, newest first, with their states: every one still
 * waiting for an answer, and answered or withdrawn ones from the last 30 days.
 */
export async function listMailInvitations(db: Database, workspaceId: string): Promise<MailInvitationView[]> {
  const recent = new Date(Date.now() - 30 * DAY_MS);
  const rows = await db
    .select({ invitation: invitations, mailState: mailOutbox.state })
    .from(invitations)
    .leftJoin(mailOutbox, eq(mailOutbox.id, invitations.mailId))
    .where(
      and(
        eq(invitations.workspaceId, workspaceId),
        isNotNull(invitations.email),
        or(
          and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt)),
          gt(invitations.createdAt, recent),
          gt(invitations.acceptedAt, recent),
        ),
      ),
    )
    .orderBy(desc(invitations.createdAt), invitations.email)
    .limit(1000);
  const now = new Date();
  return rows.map((row) => toView(row, now));
}

/** One invitation sent by mail, with its state; undefined for links, other workspaces' and unknown ids. */
export async function findMailInvitation(
  db: Database,
  workspaceId: string,
  id: string,
): Promise<MailInvitationView | undefined> {
  if (!isPlanId(id)) return undefined;
  const [row] = await db
    .select({ invitation: invitations, mailState: mailOutbox.state })
    .from(invitations)
    .leftJoin(mailOutbox, eq(mailOutbox.id, invitations.mailId))
    .where(and(eq(invitations.id, id), eq(invitations.workspaceId, workspaceId), isNotNull(invitations.email)));
  return row ? toView(row, new Date()) : undefined;
}

function toView(
  { invitation: i, mailState }: { invitation: Invitation; mailState: MailState | null },
  now: Date,
): MailInvitationView {
  return {
    id: i.id,
    email: i.email!,
    role: i.role,
    stakeholderGroup: i.stakeholderGroup,
    locale: i.locale ?? "en",
    state: mailInvitationState(i, mailState, now),
    createdAt: i.createdAt.toISOString(),
    expiresAt: i.expiresAt.toISOString(),
    acceptedAt: i.acceptedAt?.toISOString() ?? null,
    acceptedBy: i.acceptedBy,
  };
}

/** Mails the workspace and the inviting account may still send in the last 24 hours' window. */
async function mailsLeftToday(tx: Database, sender: Pick<InvitationSender, "workspaceId" | "actorId">) {
  const since = new Date(Date.now() - DAY_MS);
  const sent = (scope: ReturnType<typeof eq>) =>
    tx
      .select({ n: sql<number>`coalesce(sum((${auditEvents.data}->>'count')::int), 0)::int` })
      .from(auditEvents)
      .where(and(scope, inArray(auditEvents.action, MAILED), gt(auditEvents.at, since)));
  const [[byWorkspace], [byActor]] = await Promise.all([
    sent(eq(auditEvents.workspaceId, sender.workspaceId)),
    sent(eq(auditEvents.actorId, sender.actorId)),
  ]);
  return Math.max(0, MAIL_INVITATIONS_PER_DAY - Math.max(Number(byWorkspace?.n ?? 0), Number(byActor?.n ?? 0)));
}

/**
 * Concurrent batches for one workspace, or by one inviter, take turns, so together they cannot
 * pass either daily cap. Advisory locks, not a row lock on the workspace: that would hold up every
 * comment, ballot and membership written in the workspace while a batch of 200 is stored.
 */
async function lockInvitationCaps(tx: Database, sender: InvitationSender) {
  // Always the workspace first, then the inviter: two batches never wait on each other crosswise.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`invitations:${sender.workspaceId}`}))`);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`invitations-by:${sender.actorId}`}))`);
}

/** The invitation's mail to its address, in the language the owner chose. */
function invitationMailTo(
  sender: InvitationSender,
  input: {
    email: string;
    token: string;
    expiresAt: Date;
    role: WorkspaceRole;
    stakeholderGroup: StakeholderGroup;
    locale: Locale;
  },
): NewMail {
  const mail = invitationMail(input.locale, {
    email: input.email,
    url: sender.inviteUrl(input.token),
    inviter: sender.inviterName,
    workspace: sender.workspaceName,
    district: sender.districtName,
    role: input.role,
    stakeholderGroup: input.stakeholderGroup,
    expiresAt: input.expiresAt,
  });
  return { to: input.email, locale: input.locale, kind: "invitation", ...mail };
}
