import { asc, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import {
  ballots,
  comments,
  commentThreads,
  districtMemberships,
  districts,
  invitations,
  polls,
  users,
  workspaceMemberships,
  workspaces,
} from "../../db/schema";

import { targetOf } from "../domain/comments/thread-link";
/**
 * Everything the app holds that a person wrote or is about them, as they may take it away
 * (issue 14): the account, memberships, their comments, the receipts of their ballots and
 * the invitations they sent. Ballots are exported as receipts only: a file that names how
 * someone voted is one they could be made to show.
 */
export async function exportAccountData(db: Database, userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) return null;
  const [workspaceRows, districtRows, commentRows, ballotRows, invitationRows] = await Promise.all([
    db
      .select({
        workspace: workspaces.slug,
        workspaceName: workspaces.name,
        role: workspaceMemberships.role,
        stakeholderGroup: workspaceMemberships.stakeholderGroup,
        joinedAt: workspaceMemberships.createdAt,
      })
      .from(workspaceMemberships)
      .innerJoin(workspaces, eq(workspaces.id, workspaceMemberships.workspaceId))
      .where(eq(workspaceMemberships.userId, userId))
      .orderBy(asc(workspaceMemberships.createdAt)),
    db
      .select({
        district: districts.slug,
        districtName: districts.name,
        role: districtMemberships.role,
        joinedAt: districtMemberships.createdAt,
      })
      .from(districtMemberships)
      .innerJoin(districts, eq(districts.id, districtMemberships.districtId))
      .where(eq(districtMemberships.userId, userId))
      .orderBy(asc(districtMemberships.createdAt)),
    db
      .select({
        comment: comments,
        workspace: workspaces.slug,
        targetKind: commentThreads.targetKind,
        planId: commentThreads.planId,
        viewId: commentThreads.viewId,
        chartKey: commentThreads.chartKey,
      })
      .from(comments)
      .innerJoin(commentThreads, eq(commentThreads.id, comments.threadId))
      .innerJoin(workspaces, eq(workspaces.id, comments.workspaceId))
      .where(eq(comments.authorId, userId))
      .orderBy(asc(comments.createdAt), asc(comments.id)),
    db
      .select({
        pollId: polls.id,
        poll: polls.title,
        workspace: workspaces.slug,
        receipt: ballots.receipt,
        submittedAt: ballots.submittedAt,
      })
      .from(ballots)
      .innerJoin(polls, eq(polls.id, ballots.pollId))
      .innerJoin(workspaces, eq(workspaces.id, polls.workspaceId))
      .where(eq(ballots.voterId, userId))
      .orderBy(asc(ballots.submittedAt)),
    db
      .select({ invitation: invitations, workspace: workspaces.slug })
      .from(invitations)
      .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
      .where(eq(invitations.createdBy, userId))
      .orderBy(asc(invitations.createdAt)),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    account: {
      id: user.id,
      name: user.name,
      email: user.email,
      locale: user.locale,
      emailVerifiedAt: user.emailVerifiedAt?.toISOString() ?? null,
      mailNotifications: user.mailNotifications,
      instanceAdmin: user.isInstanceAdmin,
      createdAt: user.createdAt.toISOString(),
    },
    memberships: {
      workspaces: workspaceRows.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() })),
      districts: districtRows.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() })),
    },
    comments: commentRows.map(({ comment: c, workspace, targetKind, planId, viewId, chartKey }) => ({
      id: c.id,
      workspace,
      threadId: c.threadId,
      target: targetOf({ targetKind, planId, viewId, chartKey }),
      state: c.state,
      // Their own words, hidden ones too (a moderator hid them from others, not from them); deleted ones are gone.
      body: c.state === "deleted" ? null : c.body,
      createdAt: c.createdAt.toISOString(),
      editedAt: c.editedAt?.toISOString() ?? null,
    })),
    ballotReceipts: ballotRows.map((b) => ({ ...b, submittedAt: b.submittedAt.toISOString() })),
    invitationsSent: invitationRows.map(({ invitation: i, workspace }) => ({
      id: i.id,
      workspace,
      role: i.role,
      stakeholderGroup: i.stakeholderGroup,
      email: i.email,
      createdAt: i.createdAt.toISOString(),
      expiresAt: i.expiresAt.toISOString(),
      uses: i.uses,
      maxUses: i.maxUses,
      revokedAt: i.revokedAt?.toISOString() ?? null,
      acceptedAt: i.acceptedAt?.toISOString() ?? null,
    })),
  };
}
