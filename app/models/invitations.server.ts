import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import {
  districts,
  invitations,
  users,
  workspaceMemberships,
  workspaces,
  type Invitation,
  type Workspace,
} from "../../db/schema";
import { maskAddress } from "../domain/invitation-addresses";
import { invitationState, type InvitationState } from "../domain/invitation-policy";
import type { StakeholderGroup, WorkspaceRole } from "../domain/roles";
import { generateToken, hashToken } from "../utils/tokens.server";
import { recordAudit } from "./audit.server";
import { isPlanId } from "./plans.server";

/** Creates an invitation link token; only its hash is stored. */
export async function createInvitation(
  db: Database,
  input: {
    workspaceId: string;
    createdBy: string;
    role: WorkspaceRole;
    stakeholderGroup: StakeholderGroup;
    expiresInDays: number;
    maxUses: number;
  },
): Promise<{ token: string; invitation: Invitation }> {
  const token = generateToken();
  const [invitation] = await db
    .insert(invitations)
    .values({
      workspaceId: input.workspaceId,
      createdBy: input.createdBy,
      tokenHash: hashToken(token),
      role: input.role,
      stakeholderGroup: input.stakeholderGroup,
      expiresAt: new Date(Date.now() + input.expiresInDays * 24 * 60 * 60 * 1000),
      maxUses: input.maxUses,
    })
    .returning();
  await recordAudit(db, {
    action: "invitation.create",
    actorId: input.createdBy,
    workspaceId: input.workspaceId,
    data: { role: input.role, stakeholderGroup: input.stakeholderGroup, maxUses: input.maxUses },
  });
  return { token, invitation: invitation! };
}

/** Invitation links of a workspace that can still be used, newest first (invitations by mail are listed apart). */
export async function listActiveInvitations(db: Database, workspaceId: string): Promise<Invitation[]> {
  return db
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.workspaceId, workspaceId),
        isNull(invitations.email),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
        sql`${invitations.uses} < ${invitations.maxUses}`,
      ),
    )
    .orderBy(desc(invitations.createdAt));
}

/** One invitation of a workspace, by id; undefined for ids of other workspaces or no invitation. */
export async function findInvitation(db: Database, workspaceId: string, id: string): Promise<Invitation | undefined> {
  if (!isPlanId(id)) return undefined;
  const [row] = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.id, id), eq(invitations.workspaceId, workspaceId)));
  return row;
}

/** Withdraws an invitation that is neither withdrawn nor accepted yet; false when there is none such. */
export async function revokeInvitation(db: Database, workspaceId: string, invitationId: string, actorId: string) {
  if (!isPlanId(invitationId)) return false;
  const rows = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.id, invitationId),
        eq(invitations.workspaceId, workspaceId),
        isNull(invitations.revokedAt),
        isNull(invitations.acceptedAt),
      ),
    )
    .returning({ id: invitations.id });
  if (rows.length > 0) {
    await recordAudit(db, { action: "invitation.revoke", actorId, workspaceId, data: { invitationId } });
  }
  return rows.length > 0;
}

export type InvitationLookup =
  | { found: false }
  | {
      found: true;
      state: InvitationState;
      invitation: Invitation;
      workspace: Workspace;
      districtName: string;
    };

/** What an invitation link leads to. Holding the link is what entitles one to see the workspace name. */
export async function lookupInvitation(db: Database, token: string): Promise<InvitationLookup> {
  const [row] = await db
    .select({ invitation: invitations, workspace: workspaces, districtName: districts.name })
    .from(invitations)
    .innerJoin(workspaces, eq(invitations.workspaceId, workspaces.id))
    .innerJoin(districts, eq(workspaces.districtId, districts.id))
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!row) return { found: false };
  return { found: true, state: invitationState(row.invitation, new Date()), ...row };
}

export type AcceptResult =
  | { ok: true; workspace: Workspace; alreadyMember: boolean }
  | { ok: false; reason: "not_found" | Exclude<InvitationState, "valid"> }
  /** An invitation sent by mail, opened by an account with another address; `sentTo` is masked. */
  | { ok: false; reason: "wrong_account"; sentTo: string };

/**
 * Joins the user to the invitation's workspace, counting one use. Existing members keep their role.
 * An invitation sent by mail is for the account with that address only, and accepting it proves
 * the account's address (the link could only be read in that mailbox).
 */
export async function acceptInvitation(db: Database, token: string, userId: string): Promise<AcceptResult> {
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .select()
      .from(invitations)
      .where(eq(invitations.tokenHash, hashToken(token)))
      .for("update");
    if (!invitation) return { ok: false, reason: "not_found" } as const;
    const [workspace] = await tx.select().from(workspaces).where(eq(workspaces.id, invitation.workspaceId));
    if (!workspace) return { ok: false, reason: "not_found" } as const;

    const [existing] = await tx
      .select({ role: workspaceMemberships.role })
      .from(workspaceMemberships)
      .where(and(eq(workspaceMemberships.workspaceId, workspace.id), eq(workspaceMemberships.userId, userId)));
    if (existing) return { ok: true, workspace, alreadyMember: true } as const;

    const state = invitationState(invitation, new Date());
    if (state !== "valid") return { ok: false, reason: state } as const;
    if (invitation.email) {
      const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId));
      if (user?.email.toLowerCase() !== invitation.email)
        return { ok: false, reason: "wrong_account", sentTo: maskAddress(invitation.email) } as const;
      await tx
        .update(invitations)
        .set({ acceptedAt: new Date(), acceptedBy: userId })
        .where(eq(invitations.id, invitation.id));
      await tx
        .update(users)
        .set({ emailVerifiedAt: new Date() })
        .where(and(eq(users.id, userId), isNull(users.emailVerifiedAt)));
    }

    await tx.insert(workspaceMemberships).values({
      workspaceId: workspace.id,
      userId,
      role: invitation.role,
      stakeholderGroup: invitation.stakeholderGroup,
    });
    await tx
      .update(invitations)
      .set({ uses: sql`${invitations.uses} + 1` })
      .where(eq(invitations.id, invitation.id));
    await recordAudit(tx as unknown as Database, {
      action: "invitation.accept",
      actorId: userId,
      workspaceId: workspace.id,
      data: { invitationId: invitation.id, role: invitation.role, stakeholderGroup: invitation.stakeholderGroup },
    });
    return { ok: true, workspace, alreadyMember: false } as const;
  });
}

/** What owners see of an invitation (never its token, which is not stored). */
export function invitationSummary(i: Invitation) {
  return {
    id: i.id,
    role: i.role,
    stakeholderGroup: i.stakeholderGroup,
    expiresAt: i.expiresAt.toISOString(),
    uses: i.uses,
    maxUses: i.maxUses,
  };
}
