import { and, asc, count, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import {
  districts,
  users,
  workspaceMemberships,
  workspaces,
  type District,
  type Workspace,
  type WorkspaceMembership,
} from "../../db/schema";
import { checkMembershipChange } from "../domain/permissions";
import type { StakeholderGroup, WorkspaceRole } from "../domain/roles";
import { recordAudit } from "./audit.server";
import { insertWithUniqueSlug } from "./unique-slug.server";

export type WorkspaceAccess = { workspace: Workspace; district: District; membership: WorkspaceMembership };

/** Creates a workspace in a district; its creator becomes the first owner. */
export async function createWorkspace(
  db: Database,
  input: {
    districtId: string;
    userId: string;
    name: string;
    description?: string;
    creatorGroup?: StakeholderGroup;
  },
): Promise<Workspace> {
  return db.transaction(async (tx) => {
    const workspace = await insertWithUniqueSlug(input.name, async (slug) => {
      const [row] = await tx
        .insert(workspaces)
        .values({
          districtId: input.districtId,
          slug,
          name: input.name.trim(),
          description: input.description?.trim() ?? "",
        })
        .onConflictDoNothing()
        .returning();
      return row;
    });
    await tx.insert(workspaceMemberships).values({
      workspaceId: workspace.id,
      userId: input.userId,
      role: "owner",
      stakeholderGroup: input.creatorGroup ?? "district_staff",
    });
    await recordAudit(tx as unknown as Database, {
      action: "workspace.create",
      actorId: input.userId,
      districtId: input.districtId,
      workspaceId: workspace.id,
    });
    return workspace;
  });
}

/** The workspace and the user's membership, or undefined for a non-member (callers answer 404). */
export async function getWorkspaceAccess(
  db: Database,
  slug: string,
  userId: string,
): Promise<WorkspaceAccess | undefined> {
  const [row] = await db
    .select({ workspace: workspaces, district: districts, membership: workspaceMemberships })
    .from(workspaces)
    .innerJoin(districts, eq(workspaces.districtId, districts.id))
    .innerJoin(
      workspaceMemberships,
      and(eq(workspaceMemberships.workspaceId, workspaces.id), eq(workspaceMemberships.userId, userId)),
    )
    .where(eq(workspaces.slug, slug));
  return row;
}

export type WorkspaceListItem = {
  workspace: Workspace;
  district: Pick<District, "slug" | "name">;
  role: WorkspaceRole | null;
  stakeholderGroup: StakeholderGroup | null;
};

/** Workspaces the user is a member of, across districts. */
export async function listUserWorkspaces(db: Database, userId: string): Promise<WorkspaceListItem[]> {
  const rows = await db
    .select({
      workspace: workspaces,
      districtSlug: districts.slug,
      districtName: districts.name,
      role: workspaceMemberships.role,
      stakeholderGroup: workspaceMemberships.stakeholderGroup,
    })
    .from(workspaceMemberships)
    .innerJoin(workspaces, eq(workspaceMemberships.workspaceId, workspaces.id))
    .innerJoin(districts, eq(workspaces.districtId, districts.id))
    .where(eq(workspaceMemberships.userId, userId))
    .orderBy(asc(districts.name), asc(workspaces.name));
  return rows.map((r) => ({
    workspace: r.workspace,
    district: { slug: r.districtSlug, name: r.districtName },
    role: r.role,
    stakeholderGroup: r.stakeholderGroup,
  }));
}

/**
 * Workspaces of a district the user may know about: all of them for a district
 * admin, otherwise only those the user belongs to.
 */
export async function listDistrictWorkspaces(
  db: Database,
  district: District,
  userId: string,
  isAdmin: boolean,
): Promise<WorkspaceListItem[]> {
  const rows = await db
    .select({
      workspace: workspaces,
      role: workspaceMemberships.role,
      stakeholderGroup: workspaceMemberships.stakeholderGroup,
    })
    .from(workspaces)
    .leftJoin(
      workspaceMemberships,
      and(eq(workspaceMemberships.workspaceId, workspaces.id), eq(workspaceMemberships.userId, userId)),
    )
    .where(eq(workspaces.districtId, district.id))
    .orderBy(asc(workspaces.name));
  return rows
    .filter((r) => isAdmin || r.role !== null)
    .map((r) => ({
      workspace: r.workspace,
      district: { slug: district.slug, name: district.name },
      role: r.role,
      stakeholderGroup: r.stakeholderGroup,
    }));
}

/** Whether the user belongs to at least one workspace of the district. */
export async function isMemberOfAnyDistrictWorkspace(db: Database, districtId: string, userId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(workspaceMemberships)
    .innerJoin(workspaces, eq(workspaceMemberships.workspaceId, workspaces.id))
    .where(and(eq(workspaces.districtId, districtId), eq(workspaceMemberships.userId, userId)));
  return (row?.n ?? 0) > 0;
}

export type MemberListItem = {
  userId: string;
  name: string;
  email: string;
  role: WorkspaceRole;
  stakeholderGroup: StakeholderGroup;
  joinedAt: Date;
  /** When the member confirmed their address; null while not verified (owners see it). */
  emailVerifiedAt: Date | null;
};

export async function listMembers(db: Database, workspaceId: string): Promise<MemberListItem[]> {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: workspaceMemberships.role,
      stakeholderGroup: workspaceMemberships.stakeholderGroup,
      joinedAt: workspaceMemberships.createdAt,
      emailVerifiedAt: users.emailVerifiedAt,
    })
    .from(workspaceMemberships)
    .innerJoin(users, eq(workspaceMemberships.userId, users.id))
    .where(eq(workspaceMemberships.workspaceId, workspaceId))
    .orderBy(asc(users.name));
}

export type MembershipResult = { ok: true } | { ok: false; reason: "not_found" | "last_owner" };

/**
 * Changes a member's role and/or stakeholder group, or removes them (target = actor means leaving).
 * Owner rows are locked so two owners demoting each other at once cannot leave none.
 */
export async function updateMembership(
  db: Database,
  input: {
    workspaceId: string;
    actorId: string;
    targetUserId: string;
    change: { kind: "update"; role?: WorkspaceRole; stakeholderGroup?: StakeholderGroup } | { kind: "remove" };
  },
): Promise<MembershipResult> {
  return db.transaction(async (tx) => {
    const owners = await tx
      .select({ userId: workspaceMemberships.userId })
      .from(workspaceMemberships)
      .where(and(eq(workspaceMemberships.workspaceId, input.workspaceId), eq(workspaceMemberships.role, "owner")))
      .for("update");
    const [target] = await tx
      .select()
      .from(workspaceMemberships)
      .where(
        and(
          eq(workspaceMemberships.workspaceId, input.workspaceId),
          eq(workspaceMemberships.userId, input.targetUserId),
        ),
      )
      .for("update");
    if (!target) return { ok: false, reason: "not_found" } as const;

    const leaving = input.actorId === input.targetUserId;
    const refusal = checkMembershipChange(
      input.change.kind === "remove"
        ? leaving
          ? { kind: "leave", currentRole: target.role, ownerCount: owners.length }
          : { kind: "remove", targetCurrentRole: target.role, ownerCount: owners.length }
        : {
            kind: "change_role",
            targetCurrentRole: target.role,
            newRole: input.change.role ?? target.role,
            ownerCount: owners.length,
          },
    );
    if (refusal) return { ok: false, reason: refusal } as const;

    const where = and(
      eq(workspaceMemberships.workspaceId, input.workspaceId),
      eq(workspaceMemberships.userId, input.targetUserId),
    );
    const audit = { actorId: input.actorId, targetUserId: input.targetUserId, workspaceId: input.workspaceId };
    if (input.change.kind === "remove") {
      await tx.delete(workspaceMemberships).where(where);
      await recordAudit(tx as unknown as Database, {
        ...audit,
        action: leaving ? "membership.leave" : "membership.remove",
        data: { role: target.role },
      });
    } else {
      const role = input.change.role ?? target.role;
      const stakeholderGroup = input.change.stakeholderGroup ?? target.stakeholderGroup;
      await tx.update(workspaceMemberships).set({ role, stakeholderGroup, updatedAt: new Date() }).where(where);
      await recordAudit(tx as unknown as Database, {
        ...audit,
        action: "membership.update",
        data: {
          from: { role: target.role, stakeholderGroup: target.stakeholderGroup },
          to: { role, stakeholderGroup },
        },
      });
    }
    return { ok: true } as const;
  });
}

/** Changes a workspace's settings (owners), audited. */
export async function updateWorkspaceSettings(
  db: Database,
  workspaceId: string,
  settings: { viewersMayComment: boolean },
  actorId: string,
): Promise<Workspace> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(workspaces)
      .set({ viewersMayComment: settings.viewersMayComment, updatedAt: new Date() })
      .where(eq(workspaces.id, workspaceId))
      .returning();
    await recordAudit(tx, { action: "workspace.settings_changed", actorId, workspaceId, data: settings });
    return updated!;
  });
}
