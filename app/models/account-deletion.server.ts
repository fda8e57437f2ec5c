import { and, count, eq, inArray, isNotNull, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import {
  auditEvents,
  districts,
  emailConfirmations,
  invitations,
  mailOutbox,
  users,
  workspaceMemberships,
  workspaces,
} from "../../db/schema";
import {
  checkAccountDeletion,
  type AccountDeletionCheck,
  type HeldDistrict,
  type HeldWorkspace,
} from "../domain/leaving";
import { recordAudit } from "./audit.server";
import { heldDistricts } from "./district-admins.server";
import { lockInstanceAdmins } from "./users.server";

/**
 * The workspaces an account belongs to, with their owner and member counts. Inside a
 * transaction, `lock` takes the owner rows of those workspaces first, so two owners
 * deleting their accounts (or leaving) at once cannot leave a workspace with none.
 */
async function heldWorkspaces(db: Database, userId: string, lock = false): Promise<HeldWorkspace[]> {
  const mine = await db
    .select({
      workspaceId: workspaceMemberships.workspaceId,
      role: workspaceMemberships.role,
      slug: workspaces.slug,
      name: workspaces.name,
    })
    .from(workspaceMemberships)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMemberships.workspaceId))
    .where(eq(workspaceMemberships.userId, userId));
  if (mine.length === 0) return [];
  const ids = mine.map((m) => m.workspaceId);
  if (lock) {
    await db
      .select({ userId: workspaceMemberships.userId })
      .from(workspaceMemberships)
      .where(and(inArray(workspaceMemberships.workspaceId, ids), eq(workspaceMemberships.role, "owner")))
      .orderBy(workspaceMemberships.workspaceId, workspaceMemberships.userId)
      .for("update");
  }
  const counts = await db
    .select({
      workspaceId: workspaceMemberships.workspaceId,
      members: count(),
      owners: sql<number>`count(*) filter (where ${workspaceMemberships.role} = 'owner')`.mapWith(Number),
    })
    .from(workspaceMemberships)
    .where(inArray(workspaceMemberships.workspaceId, ids))
    .groupBy(workspaceMemberships.workspaceId);
  const byId = new Map(counts.map((c) => [c.workspaceId, c]));
  return mine.map((m) => ({
    slug: m.slug,
    name: m.name,
    role: m.role,
    ownerCount: byId.get(m.workspaceId)?.owners ?? 0,
    memberCount: byId.get(m.workspaceId)?.members ?? 0,
  }));
}

/** What deleting the account would do now (or why it is refused), without doing it: the Account page shows it. */
export async function previewAccountDeletion(db: Database, userId: string): Promise<AccountDeletionCheck> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) return { ok: true, deletedWorkspaces: [], deletedDistricts: [] };
  return check(db, user, await heldWorkspaces(db, userId), await heldDistricts(db, userId));
}

async function check(
  db: Database,
  user: { isInstanceAdmin: boolean },
  held: HeldWorkspace[],
  administered: HeldDistrict[],
) {
  const [admins] = await db.select({ n: count() }).from(users).where(eq(users.isInstanceAdmin, true));
  const [accounts] = await db.select({ n: count() }).from(users);
  return checkAccountDeletion({
    workspaces: held,
    districts: administered,
    isInstanceAdmin: user.isInstanceAdmin,
    instanceAdminCount: admins?.n ?? 0,
    accountCount: accounts?.n ?? 0,
  });
}

/**
 * Deletes an account (decision 023), in one transaction. What goes: the users row and with
 * it (by the foreign keys' ON DELETE CASCADE) the password, sessions, API tokens, reset,
 * confirmation and unsubscribe tokens, notifications, memberships and data drafts; besides,
 * invitations the person created that were never used and their mails, and, for every address
 * the account had, invitations and mail sent to it and its mentions in the audit log (with the
 * person's IP). Workspaces and districts nobody
 * else belongs to go too. What stays, unlinked (ON DELETE SET NULL): plan text and history,
 * comments (shown as by a former member), ballots (still counted), polls, views and the
 * audit events themselves.
 */
export async function deleteAccount(db: Database, userId: string): Promise<AccountDeletionCheck> {
  return db.transaction(async (t) => {
    const tx = t as unknown as Database;
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    if (!user) return { ok: true, deletedWorkspaces: [], deletedDistricts: [] } as const;
    if (user.isInstanceAdmin) await lockInstanceAdmins(tx);
    const held = await heldWorkspaces(tx, userId, true);
    const administered = await heldDistricts(tx, userId, true);
    const outcome = await check(tx, user, held, administered);
    if (!outcome.ok) return outcome;

    const addresses = await addressesOf(tx, userId, user.email);
    // Invitation mails they sent that nobody used, and those of workspaces that go with them:
    // each names the person and leads nowhere once they are gone.
    const deletedSlugs = outcome.deletedWorkspaces.map((w) => w.slug);
    const sentMail = await tx
      .select({ id: invitations.mailId })
      .from(invitations)
      .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
      .where(
        and(
          isNotNull(invitations.mailId),
          or(
            and(eq(invitations.createdBy, userId), eq(invitations.uses, 0)),
            deletedSlugs.length ? inArray(workspaces.slug, deletedSlugs) : undefined,
          ),
        ),
      );
    if (deletedSlugs.length > 0) await tx.delete(workspaces).where(inArray(workspaces.slug, deletedSlugs));
    // A district nobody else is in goes with its data; its workspaces had only this person too.
    const gone = outcome.deletedDistricts.map((d) => d.slug);
    if (gone.length > 0) await tx.delete(districts).where(inArray(districts.slug, gone));
    await tx
      .delete(invitations)
      .where(
        or(
          and(eq(invitations.createdBy, userId), eq(invitations.uses, 0)),
          inArray(sql`lower(${invitations.email})`, addresses),
        ),
      );
    // Queued mail to them is never sent; sent mail's copy held their name and address.
    await tx.delete(mailOutbox).where(
      or(
        inArray(sql`lower(${mailOutbox.to})`, addresses),
        inArray(
          mailOutbox.id,
          sentMail.map((m) => m.id!),
        ),
      ),
    );
    await anonymizeAudit(tx, userId, addresses);
    await tx.delete(users).where(eq(users.id, userId));
    await recordAudit(tx, {
      action: "user.delete",
      data: { workspacesDeleted: outcome.deletedWorkspaces.length, districtsDeleted: outcome.deletedDistricts.length },
    });
    return outcome;
  });
}

/**
 * Every address the account has had or asked for: the current one and those its confirmation
 * links went to (the sign-up address, earlier and pending changes), lower-cased.
 */
async function addressesOf(tx: Database, userId: string, current: string): Promise<string[]> {
  const linked = await tx
    .selectDistinct({ email: sql<string>`lower(${emailConfirmations.email})` })
    .from(emailConfirmations)
    .where(eq(emailConfirmations.userId, userId));
  return [...new Set([current.toLowerCase(), ...linked.map((r) => r.email)])];
}

/**
 * The audit log keeps its events but loses what names the person: the client address of
 * events they took part in, and any value equal to one of their addresses (failed sign-ins and reset
 * requests record the address typed). The ids go by ON DELETE SET NULL.
 */
async function anonymizeAudit(tx: Database, userId: string, addresses: string[]) {
  await tx
    .update(auditEvents)
    .set({ ip: null })
    .where(or(eq(auditEvents.actorId, userId), eq(auditEvents.targetUserId, userId)));
  const list = sql.join(
    addresses.map((a) => sql`${a}`),
    sql`, `,
  );
  const holdsEmail = sql`exists (select 1 from jsonb_each_text(${auditEvents.data}) e where lower(e.value) in (${list}))`;
  await tx
    .update(auditEvents)
    .set({
      ip: null,
      data: sql`(select coalesce(jsonb_object_agg(e.key, e.value), '{}'::jsonb) from jsonb_each(${auditEvents.data}) e
        where not (jsonb_typeof(e.value) = 'string' and lower(e.value #>> '{}') in (${list})))`,
    })
    .where(holdsEmail);
}
