import { and, asc, count, eq, inArray, isNotNull, ne, notInArray, or, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { districtMemberships, districts, users, workspaceMemberships, workspaces } from "../../db/schema";
import type { HeldDistrict } from "../domain/leaving";
import { checkAdminChange } from "../domain/permissions";

// A district's administrators (decision 025): they manage its data and workspaces and name
// one another. There is always one: the last cannot step down or delete their account while
// others are in the district.

/** An administrator as other administrators see them: by name (addresses are for a workspace's owners). */
export type DistrictPerson = { id: string; name: string };

/** Changes to one district's administrators take turns, so two cannot leave it with none. */
async function lockAdmins(tx: Database, districtId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`district-admins:${districtId}`}))`);
}

/** The district's administrators, by name. */
export async function listDistrictAdmins(db: Database, districtId: string): Promise<DistrictPerson[]> {
  return db
    .select({ id: users.id, name: users.name })
    .from(districtMemberships)
    .innerJoin(users, eq(users.id, districtMemberships.userId))
    .where(and(eq(districtMemberships.districtId, districtId), eq(districtMemberships.role, "admin")))
    .orderBy(asc(users.name), asc(users.id));
}

/** The people of the district's workspaces, as a subquery of user ids. */
const workspacePeople = (db: Database, districtId: string) =>
  db
    .select({ id: workspaceMemberships.userId })
    .from(workspaceMemberships)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMemberships.workspaceId))
    .where(eq(workspaces.districtId, districtId));

/** The district's own members (administrators and staff), as a subquery of user ids. */
const districtMembers = (db: Database, districtId: string, role?: "admin") =>
  db
    .select({ id: districtMemberships.userId })
    .from(districtMemberships)
    .where(and(eq(districtMemberships.districtId, districtId), role ? eq(districtMemberships.role, role) : undefined));

/** Someone who may be named, with the district's workspaces they are in (not their address: only owners see those). */
export type DistrictAdminCandidate = { id: string; name: string; workspaces: string[] };

/**
 * Who may be named an administrator: the district's people (members of its workspaces, and its
 * staff) who are not one yet, by name — the same people account deletion counts.
 */
export async function districtAdminCandidates(db: Database, districtId: string): Promise<DistrictAdminCandidate[]> {
  return db
    .select({
      id: users.id,
      name: users.name,
      // Spelled out: drizzle leaves columns unqualified in a one-table select, and this subquery
      // must name the outer "users" row.
      workspaces: sql<string[]>`coalesce((
        select array_agg(w.name order by w.name)
        from workspace_memberships wm join workspaces w on w.id = wm.workspace_id
        where wm.user_id = "users"."id" and w.district_id = ${districtId}
      ), '{}')`,
    })
    .from(users)
    .where(
      and(
        or(inArray(users.id, workspacePeople(db, districtId)), inArray(users.id, districtMembers(db, districtId))),
        notInArray(users.id, districtMembers(db, districtId, "admin")),
      ),
    )
    .orderBy(asc(users.name), asc(users.id));
}

export type DistrictAdminChange =
  { ok: true; user: DistrictPerson; changed: boolean } | { ok: false; reason: "not_found" | "last_admin" };

/**
 * Names someone an administrator of the district. Only someone already in it (a member of
 * one of its workspaces, or of the district): anyone else is not found, so the form cannot
 * be used to learn who has an account.
 */
export async function grantDistrictAdmin(
  db: Database,
  districtId: string,
  userId: string,
): Promise<DistrictAdminChange> {
  return db.transaction(async (t) => {
    const tx = t as unknown as Database;
    // The account first, then the district, in the order deleting an account takes them: an
    // account deleted meanwhile is gone before this reads it, or waits until this is done.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("key share");
    await lockAdmins(tx, districtId);
    const [person] = await tx
      .select({ id: users.id, name: users.name, role: districtMemberships.role })
      .from(users)
      .leftJoin(
        districtMemberships,
        and(eq(districtMemberships.userId, users.id), eq(districtMemberships.districtId, districtId)),
      )
      .where(
        and(
          eq(users.id, userId),
          or(isNotNull(districtMemberships.role), inArray(users.id, workspacePeople(tx, districtId))),
        ),
      );
    if (!person) return { ok: false, reason: "not_found" };
    const { role, ...user } = person;
    if (role === "admin") return { ok: true, user, changed: false };
    await tx
      .insert(districtMemberships)
      .values({ districtId, userId, role: "admin" })
      .onConflictDoUpdate({
        target: [districtMemberships.districtId, districtMemberships.userId],
        set: { role: "admin" },
      });
    return { ok: true, user, changed: true };
  });
}

/** Takes the right from an administrator of the district (never from the last one); they stay in its workspaces. */
export async function revokeDistrictAdmin(
  db: Database,
  districtId: string,
  userId: string,
): Promise<DistrictAdminChange> {
  return db.transaction(async (t) => {
    const tx = t as unknown as Database;
    await lockAdmins(tx, districtId);
    const [target] = await tx
      .select({ id: users.id, name: users.name })
      .from(districtMemberships)
      .innerJoin(users, eq(users.id, districtMemberships.userId))
      .where(
        and(
          eq(districtMemberships.districtId, districtId),
          eq(districtMemberships.userId, userId),
          eq(districtMemberships.role, "admin"),
        ),
      );
    if (!target) return { ok: false, reason: "not_found" };
    const [admins] = await tx
      .select({ n: count() })
      .from(districtMemberships)
      .where(and(eq(districtMemberships.districtId, districtId), eq(districtMemberships.role, "admin")));
    const refusal = checkAdminChange({ kind: "revoke", targetIsAdmin: true, adminCount: admins?.n ?? 0 });
    if (refusal) return { ok: false, reason: refusal };
    await tx
      .delete(districtMemberships)
      .where(and(eq(districtMemberships.districtId, districtId), eq(districtMemberships.userId, userId)));
    return { ok: true, user: target, changed: true };
  });
}

/**
 * The districts an account administers, with how many administrators and people each has.
 * Inside a transaction, `lock` makes changes to those districts' administrators wait.
 */
export async function heldDistricts(db: Database, userId: string, lock = false): Promise<HeldDistrict[]> {
  const mine = await db
    .select({ id: districts.id, slug: districts.slug, name: districts.name })
    .from(districtMemberships)
    .innerJoin(districts, eq(districts.id, districtMemberships.districtId))
    .where(and(eq(districtMemberships.userId, userId), eq(districtMemberships.role, "admin")))
    .orderBy(asc(districts.id));
  const held: HeldDistrict[] = [];
  for (const d of mine) {
    if (lock) await lockAdmins(db, d.id);
    const rows = await db
      .select({ userId: districtMemberships.userId })
      .from(districtMemberships)
      .where(and(eq(districtMemberships.districtId, d.id), eq(districtMemberships.role, "admin")));
    // Removed by another administrator while this waited for the lock: not theirs to hand on any more.
    if (!rows.some((r) => r.userId === userId)) continue;
    const [others] = await db
      .select({ n: count() })
      .from(users)
      .where(
        and(
          ne(users.id, userId),
          or(inArray(users.id, workspacePeople(db, d.id)), inArray(users.id, districtMembers(db, d.id))),
        ),
      );
    held.push({ slug: d.slug, name: d.name, adminCount: rows.length, peopleCount: 1 + (others?.n ?? 0) });
  }
  return held;
}
