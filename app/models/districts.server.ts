import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { districtMemberships, districts, workspaceMemberships, workspaces, type District } from "../../db/schema";
import type { DistrictRole } from "../domain/roles";
import { recordAudit } from "./audit.server";
import { insertWithUniqueSlug } from "./unique-slug.server";

export type DistrictWithRole = { district: District; role: DistrictRole };

/** Creates a district and makes its creator the admin. */
export async function createDistrict(db: Database, userId: string, name: string): Promise<District> {
  return db.transaction(async (tx) => {
    const district = await insertWithUniqueSlug(name, async (slug) => {
      const [row] = await tx.insert(districts).values({ slug, name: name.trim() }).onConflictDoNothing().returning();
      return row;
    });
    await tx.insert(districtMemberships).values({ districtId: district.id, userId, role: "admin" });
    await recordAudit(tx as unknown as Database, {
      action: "district.create",
      actorId: userId,
      districtId: district.id,
    });
    return district;
  });
}

/** The districts a user belongs to, with their role in each. */
export async function listUserDistricts(db: Database, userId: string): Promise<DistrictWithRole[]> {
  return db
    .select({ district: districts, role: districtMemberships.role })
    .from(districtMemberships)
    .innerJoin(districts, eq(districtMemberships.districtId, districts.id))
    .where(eq(districtMemberships.userId, userId))
    .orderBy(asc(districts.name));
}

/** A district and the user's role in it, or undefined when the user is not a district member. */
export async function getDistrictForUser(
  db: Database,
  slug: string,
  userId: string,
): Promise<DistrictWithRole | undefined> {
  const [row] = await db
    .select({ district: districts, role: districtMemberships.role })
    .from(districts)
    .innerJoin(
      districtMemberships,
      and(eq(districtMemberships.districtId, districts.id), eq(districtMemberships.userId, userId)),
    )
    .where(eq(districts.slug, slug));
  return row;
}

export async function getDistrictBySlug(db: Database, slug: string): Promise<District | undefined> {
  const [row] = await db.select().from(districts).where(eq(districts.slug, slug));
  return row;
}

/** The district a person has belonged to longest, to sign the mail with; null for accounts in none. */
export async function firstDistrictName(db: Database, userId: string): Promise<string | null> {
  const [direct] = await db
    .select({ name: districts.name })
    .from(districtMemberships)
    .innerJoin(districts, eq(districts.id, districtMemberships.districtId))
    .where(eq(districtMemberships.userId, userId))
    .orderBy(asc(districtMemberships.createdAt))
    .limit(1);
  if (direct) return direct.name;
  const [viaWorkspace] = await db
    .select({ name: districts.name })
    .from(workspaceMemberships)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMemberships.workspaceId))
    .innerJoin(districts, eq(districts.id, workspaces.districtId))
    .where(eq(workspaceMemberships.userId, userId))
    .orderBy(asc(workspaceMemberships.createdAt))
    .limit(1);
  return viaWorkspace?.name ?? null;
}
