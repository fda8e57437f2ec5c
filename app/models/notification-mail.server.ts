import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import {
  comments,
  commentThreads,
  dataViews,
  districts,
  notifications,
  plans,
  polls,
  unsubscribeTokens,
  users,
  workspaceMemberships,
  workspaces,
} from "../../db/schema";
import { excerpt, targetOf, threadHref } from "../domain/comments/thread-link";
import type { MailNotificationMode } from "../domain/mail";
import { pollStateAt } from "../domain/polls";
import type { Locale } from "../i18n/locales";
import {
  commentNotificationMail,
  digestMail,
  pollOpeningMail,
  targetWords,
  unsubscribeHeaders,
  type DigestEntry,
  type MailFooterLinks,
} from "../mail/notifications.server";
import { generateToken, hashToken } from "../utils/tokens.server";
import { recordAudit } from "./audit.server";
import { firstDistrictName } from "./districts.server";
import { enqueueMails } from "./mail-outbox.server";
import { currentCommentAuthor } from "./notifications.server";
import { authorizeIn, pollVoters } from "./resource-access.server";

/** How notification mail builds its links: the app's public origin (PUBLIC_URL, else the request's). */
export type NotificationMailContext = { origin: string };

/** Mentions and replies go out by mail; "new thread on a plan you write in" stays in the app. */
const MAILED_KINDS = ["mention", "reply"] as const;
type MailedKind = (typeof MAILED_KINDS)[number];
const isMailedKind = (kind: string): kind is MailedKind => (MAILED_KINDS as readonly string[]).includes(kind);

/** A day between digests. */
const DIGEST_INTERVAL_MS = 24 * 60 * 60 * 1000;

type Recipient = { id: string; email: string; name: string; locale: Locale };

const recipientColumns = { id: users.id, email: users.email, name: users.name, locale: users.locale };

/** People who get mail now: those who chose "immediate", at an address they confirmed. */
const wantsImmediateMail = and(eq(users.mailNotifications, "immediate"), isNotNull(users.emailVerifiedAt));

/** One message to one person; `render` writes it around its footer's unsubscribe link. */
type Letter = {
  to: Recipient;
  kind: "notification" | "digest";
  mode: MailFooterLinks["mode"];
  render: (footer: MailFooterLinks) => { subject: string; text: string; html: string };
};

/**
 * Queues letters, each with its own one-click unsubscribe link (only the token's hash kept):
 * two inserts however many recipients, since this runs inside the comment's transaction.
 */
async function queueLetters(tx: Database, ctx: NotificationMailContext, letters: Letter[]): Promise<void> {
  if (letters.length === 0) return;
  const tokens = letters.map(() => generateToken());
  await tx.insert(unsubscribeTokens).values(letters.map((l, i) => ({ id: hashToken(tokens[i]!), userId: l.to.id })));
  await enqueueMails(
    tx,
    letters.map((l, i) => {
      const footer: MailFooterLinks = {
        unsubscribeUrl: `${ctx.origin}/unsubscribe/${tokens[i]}`,
        settingsUrl: `${ctx.origin}/account#mail-notifications`,
        mode: l.mode,
      };
      return {
        to: l.to.email,
        locale: l.to.locale,
        kind: l.kind,
        ...l.render(footer),
        headers: unsubscribeHeaders(footer.unsubscribeUrl),
      };
    }),
  );
}

/** The district a workspace belongs to, for the signature. */
async function workspaceInfo(tx: Database, workspaceId: string) {
  const [row] = await tx
    .select({ slug: workspaces.slug, name: workspaces.name, districtName: districts.name })
    .from(workspaces)
    .innerJoin(districts, eq(districts.id, workspaces.districtId))
    .where(eq(workspaces.id, workspaceId));
  return row!;
}

/**
 * Mails the notifications one comment just created to recipients who want them at once.
 * Called in the transaction that stores the comment: the mail exists exactly when the
 * comment does (a crash loses neither alone), and `emailedAt` records it so no digest repeats it.
 * The mail shows what the inbox shows: the author, where, and the comment's first words.
 */
export async function queueCommentNotificationMail(
  tx: Database,
  ctx: NotificationMailContext,
  created: { id: string; userId: string; kind: string; threadId: string; commentId: string }[],
): Promise<void> {
  const mailed = created.filter((n) => isMailedKind(n.kind));
  if (mailed.length === 0) return;
  const recipients = await tx
    .select(recipientColumns)
    .from(users)
    .where(
      and(
        inArray(
          users.id,
          mailed.map((n) => n.userId),
        ),
        wantsImmediateMail,
      ),
    );
  if (recipients.length === 0) return;
  const first = mailed[0]!;
  const [about] = await tx
    .select({
      thread: commentThreads,
      body: comments.body,
      authorName: currentCommentAuthor.user.name,
      planTitle: plans.title,
      viewTitle: dataViews.title,
      ws: { slug: workspaces.slug, name: workspaces.name, districtName: districts.name },
    })
    .from(comments)
    .innerJoin(commentThreads, eq(commentThreads.id, comments.threadId))
    .innerJoin(workspaces, eq(workspaces.id, commentThreads.workspaceId))
    .innerJoin(districts, eq(districts.id, workspaces.districtId))
    .leftJoin(currentCommentAuthor.membership, currentCommentAuthor.membershipOn)
    .leftJoin(currentCommentAuthor.user, currentCommentAuthor.userOn)
    .leftJoin(plans, eq(plans.id, commentThreads.planId))
    .leftJoin(dataViews, eq(dataViews.id, commentThreads.viewId))
    .where(eq(comments.id, first.commentId));
  if (!about) return;
  const { ws } = about;
  const target = targetOf(about.thread);
  const url = ctx.origin + threadHref(ws.slug, about.thread.id, target);
  await queueLetters(
    tx,
    ctx,
    recipients.map((to) => ({
      to,
      kind: "notification",
      mode: "immediate",
      render: (footer) =>
        commentNotificationMail(to.locale, {
          kind: mailed.find((n) => n.userId === to.id)!.kind as MailedKind,
          recipientName: to.name,
          authorName: about.authorName,
          workspaceName: ws.name,
          target: targetWords(to.locale, target, about.planTitle ?? about.viewTitle ?? null),
          excerpt: excerpt(about.body),
          url,
          districtName: ws.districtName,
          footer,
        }),
    })),
  );
  await tx
    .update(notifications)
    .set({ emailedAt: sql`now()` })
    .where(
      and(
        inArray(
          notifications.id,
          mailed.map((n) => n.id),
        ),
        inArray(
          notifications.userId,
          recipients.map((r) => r.id),
        ),
      ),
    );
}

/**
 * Announces votes that have opened (by hand or on schedule) and were not announced yet:
 * claims up to `limit` of them with `openingMailedAt` in one transaction (SKIP LOCKED, and the
 * update re-checks the column, so two processes never both claim one), and queues, in the
 * same transaction, one mail to each member who may vote in it — asked of the one policy —
 * and wants mail at once. A vote that closed before anyone saw it open is claimed silently.
 * Daily-digest readers hear of it in their digest. Returns how many votes were claimed.
 */
export async function announceOpenedPolls(db: Database, ctx: NotificationMailContext, limit = 20): Promise<number> {
  return db.transaction(async (txn) => {
    const tx = txn as unknown as Database;
    const due = await tx
      .select({ id: polls.id })
      .from(polls)
      .where(
        and(
          isNull(polls.openingMailedAt),
          eq(polls.imported, false),
          or(ne(polls.state, "draft"), lte(polls.opensAt, sql`now()`)),
        ),
      )
      .orderBy(asc(polls.createdAt))
      .limit(limit)
      // Strong enough to keep other notifiers off, weak enough not to hold up ballots (their key checks).
      .for("no key update", { skipLocked: true });
    if (due.length === 0) return 0;
    const claimed = await tx
      .update(polls)
      .set({ openingMailedAt: sql`now()` })
      .where(
        and(
          inArray(
            polls.id,
            due.map((p) => p.id),
          ),
          isNull(polls.openingMailedAt),
        ),
      )
      .returning();
    const now = new Date();
    for (const poll of claimed) {
      if (pollStateAt(poll, now) !== "open") continue;
      const ws = await workspaceInfo(tx, poll.workspaceId);
      const members = await tx
        .select(recipientColumns)
        .from(workspaceMemberships)
        .innerJoin(users, eq(users.id, workspaceMemberships.userId))
        .where(and(eq(workspaceMemberships.workspaceId, poll.workspaceId), wantsImmediateMail));
      const url = `${ctx.origin}/workspaces/${encodeURIComponent(ws.slug)}/polls/${encodeURIComponent(poll.id)}`;
      const voters = await pollVoters(
        tx,
        poll,
        members.map((m) => m.id),
      );
      await queueLetters(
        tx,
        ctx,
        members
          .filter((m) => voters.has(m.id))
          .map((to) => ({
            to,
            kind: "notification",
            mode: "immediate",
            render: (footer) =>
              pollOpeningMail(to.locale, {
                recipientName: to.name,
                title: poll.title,
                workspaceName: ws.name,
                url,
                districtName: ws.districtName,
                footer,
              }),
          })),
      );
    }
    return due.length;
  });
}

/**
 * Queues the daily digests that are due: for each person on "daily" with a confirmed address
 * whose last digest is a day old, claimed with SKIP LOCKED and moved on in one transaction
 * with the mail, so two processes never send the same digest. It lists the mentions and
 * replies not mailed yet (marked `emailedAt` here) and the votes announced since the last
 * digest that the person may vote in now; with nothing new, no mail, and the day starts over.
 * `lagMs` keeps the last minutes of announcements for the next digest, so a vote whose
 * announcement was still committing is not skipped. Returns how many people were handled.
 */
export async function sendDueDigests(
  db: Database,
  ctx: NotificationMailContext,
  options: { limit?: number; lagMs?: number } = {},
): Promise<number> {
  const limit = options.limit ?? 20;
  const lag = sql`${options.lagMs ?? 5 * 60_000} * interval '1 millisecond'`;
  const interval = sql`${DIGEST_INTERVAL_MS} * interval '1 millisecond'`;
  return db.transaction(async (txn) => {
    const tx = txn as unknown as Database;
    const due = await tx
      .select({ ...recipientColumns, digestSentAt: users.digestSentAt })
      .from(users)
      .where(
        and(
          eq(users.mailNotifications, "daily"),
          isNotNull(users.emailVerifiedAt),
          or(isNull(users.digestSentAt), lte(users.digestSentAt, sql`now() - ${interval}`)),
        ),
      )
      .orderBy(asc(users.digestSentAt))
      .limit(limit)
      // As for votes: other notifiers skip these people, notifications for them are still written.
      .for("no key update", { skipLocked: true });
    for (const person of due) {
      // No digest yet: the day starts now (switching to "daily" sets it too).
      if (person.digestSentAt) await queueDigest(tx, ctx, person, person.digestSentAt, lag);
      await tx
        .update(users)
        .set({ digestSentAt: sql`now()` })
        .where(eq(users.id, person.id));
    }
    return due.length;
  });
}

async function queueDigest(
  tx: Database,
  ctx: NotificationMailContext,
  to: Recipient,
  since: Date,
  lag: ReturnType<typeof sql>,
): Promise<void> {
  // As the inbox lists them: one's own, from workspaces one still belongs to, the excerpt only while
  // shown, and an author who has since left as a former member.
  const items = await tx
    .select({
      id: notifications.id,
      kind: notifications.kind,
      thread: commentThreads,
      comment: { state: comments.state, body: comments.body },
      authorName: currentCommentAuthor.user.name,
      workspace: { slug: workspaces.slug, name: workspaces.name },
      planTitle: plans.title,
      viewTitle: dataViews.title,
    })
    .from(notifications)
    .innerJoin(
      workspaceMemberships,
      and(
        eq(workspaceMemberships.workspaceId, notifications.workspaceId),
        eq(workspaceMemberships.userId, notifications.userId),
      ),
    )
    .innerJoin(workspaces, eq(workspaces.id, notifications.workspaceId))
    .innerJoin(commentThreads, eq(commentThreads.id, notifications.threadId))
    .innerJoin(comments, eq(comments.id, notifications.commentId))
    .leftJoin(currentCommentAuthor.membership, currentCommentAuthor.membershipOn)
    .leftJoin(currentCommentAuthor.user, currentCommentAuthor.userOn)
    .leftJoin(plans, eq(plans.id, commentThreads.planId))
    .leftJoin(dataViews, eq(dataViews.id, commentThreads.viewId))
    .where(
      and(
        eq(notifications.userId, to.id),
        inArray(notifications.kind, [...MAILED_KINDS]),
        isNull(notifications.emailedAt),
        // Earlier ones were there before the person chose the digest; the lag covers late commits.
        gt(notifications.createdAt, sql`${since.toISOString()}::timestamptz - ${lag}`),
      ),
    )
    .orderBy(asc(notifications.createdAt));
  const announced = await tx
    .select({ id: polls.id, title: polls.title, workspace: { slug: workspaces.slug, name: workspaces.name } })
    .from(polls)
    .innerJoin(
      workspaceMemberships,
      and(eq(workspaceMemberships.workspaceId, polls.workspaceId), eq(workspaceMemberships.userId, to.id)),
    )
    .innerJoin(workspaces, eq(workspaces.id, polls.workspaceId))
    .where(
      and(
        gt(polls.openingMailedAt, sql`${since.toISOString()}::timestamptz - ${lag}`),
        lte(polls.openingMailedAt, sql`now() - ${lag}`),
      ),
    )
    .orderBy(asc(polls.openingMailedAt));
  const entries: DigestEntry[] = [];
  for (const poll of announced) {
    // Still open, and this person may vote in it: the policy decides, at the time of sending.
    if (!(await authorizeIn(tx, to.id, { kind: "poll", id: poll.id }, "vote")).ok) continue;
    entries.push({
      kind: "poll",
      title: poll.title,
      workspaceName: poll.workspace.name,
      url: `${ctx.origin}/workspaces/${encodeURIComponent(poll.workspace.slug)}/polls/${encodeURIComponent(poll.id)}`,
    });
  }
  for (const n of items) {
    const target = targetOf(n.thread);
    entries.push({
      kind: n.kind as MailedKind,
      authorName: n.authorName,
      target: targetWords(to.locale, target, n.planTitle ?? n.viewTitle ?? null),
      workspaceName: n.workspace.name,
      // A hidden comment's text is kept for the audit log: never mailed.
      excerpt: n.comment.state === "visible" ? excerpt(n.comment.body) : null,
      url: ctx.origin + threadHref(n.workspace.slug, n.thread.id, target),
    });
  }
  if (entries.length === 0) return;
  const districtName = await firstDistrictName(tx, to.id);
  await queueLetters(tx, ctx, [
    {
      to,
      kind: "digest",
      mode: "daily",
      render: (footer) =>
        digestMail(to.locale, {
          recipientName: to.name,
          entries,
          inboxUrl: `${ctx.origin}/notifications`,
          districtName,
          footer,
        }),
    },
  ]);
  if (items.length) {
    await tx
      .update(notifications)
      .set({ emailedAt: sql`now()` })
      .where(
        inArray(
          notifications.id,
          items.map((n) => n.id),
        ),
      );
  }
}

/** Whether an unsubscribe link still works (the page offers its button only then). */
export async function isUnsubscribeTokenValid(db: Database, token: string): Promise<boolean> {
  const [row] = await db
    .select({ id: unsubscribeTokens.id })
    .from(unsubscribeTokens)
    .where(eq(unsubscribeTokens.id, hashToken(token)));
  return Boolean(row);
}

/**
 * One-click unsubscribe: spends the link (the same statement checks and deletes it, so a
 * second use finds nothing) and turns notification mail off. Null for an unknown or used link.
 */
export async function unsubscribeWithToken(db: Database, token: string, ip: string | null): Promise<string | null> {
  return db.transaction(async (txn) => {
    const tx = txn as unknown as Database;
    const [spent] = await tx
      .delete(unsubscribeTokens)
      .where(eq(unsubscribeTokens.id, hashToken(token)))
      .returning({ userId: unsubscribeTokens.userId });
    if (!spent) return null;
    await tx.update(users).set({ mailNotifications: "never", updatedAt: new Date() }).where(eq(users.id, spent.userId));
    await recordAudit(tx, { action: "user.mail_unsubscribe", actorId: spent.userId, ip });
    return spent.userId;
  });
}

/**
 * Sets how a person gets notification mail. Moving to "daily" starts the digest's day now,
 * so the first digest does not repeat what was already mailed, or predates the choice.
 */
export async function setMailNotifications(db: Database, userId: string, mode: MailNotificationMode): Promise<void> {
  await db
    .update(users)
    .set({
      mailNotifications: mode,
      digestSentAt:
        mode === "daily"
          ? sql`case when ${users.mailNotifications} = 'daily' then ${users.digestSentAt} else now() end`
          : sql`${users.digestSentAt}`,
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId));
}
