import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import { and, desc, eq, lt, max, sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { districtDataDrafts, districtDataVersions, users, type DataIssue } from "../../db/schema";
import { fromStored, toStored, type StoredPackage } from "../domain/district-data/storage-format";
import type { DataPackage } from "../domain/district-data/types";
import { recordAudit } from "./audit.server";
import { publishEvent } from "./events.server";
import { isPlanId as isUuid } from "./plans.server";

const zip = promisify(gzip);
const unzip = promisify(gunzip);

// Fast compression: a version is written once and read rarely (then cached).
const encode = async (data: DataPackage) => new Uint8Array(await zip(JSON.stringify(toStored(data)), { level: 1 }));
const decode = async (bytes: Uint8Array) =>
  fromStored(JSON.parse((await unzip(bytes)).toString("utf8")) as StoredPackage | DataPackage);

export type DataVersionSummary = {
  version: number;
  schools: number;
  measures: number;
  warnings: DataIssue[];
  createdAt: Date;
  createdByName: string | null;
};

/** Stores a validated package as the district's next version. */
export async function createDataVersion(
  db: Database,
  input: { districtId: string; data: DataPackage; warnings: DataIssue[]; createdBy: string },
): Promise<{ version: number; schools: number; measures: number }> {
  const bytes = await encode(input.data);
  return db.transaction((tx) =>
    insertDataVersion(tx as unknown as Database, {
      districtId: input.districtId,
      bytes,
      schools: input.data.schools.length,
      measures: input.data.measures.length,
      warnings: input.warnings,
      createdBy: input.createdBy,
    }),
  );
}

/**
 * Writes the next version inside the caller's transaction `tx`: the version row,
 * its audit event and the NOTIFY, which Postgres delivers only if `tx` commits.
 */
async function insertDataVersion(
  tx: Database,
  input: {
    districtId: string;
    bytes: Uint8Array;
    schools: number;
    measures: number;
    warnings: DataIssue[];
    createdBy: string;
  },
): Promise<{ version: number; schools: number; measures: number }> {
  // Version numbers are per district and gapless: imports for one district take turns.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"data-version:" + input.districtId}))`);
  const [row] = await tx
    .select({ latest: max(districtDataVersions.version) })
    .from(districtDataVersions)
    .where(eq(districtDataVersions.districtId, input.districtId));
  const version = (row?.latest ?? 0) + 1;
  await tx.insert(districtDataVersions).values({
    districtId: input.districtId,
    version,
    schoolCount: input.schools,
    measureCount: input.measures,
    warnings: input.warnings,
    data: input.bytes,
    createdBy: input.createdBy,
  });
  await recordAudit(tx, {
    action: "district.data_imported",
    actorId: input.createdBy,
    districtId: input.districtId,
    data: { version },
  });
  // Delivered when the transaction commits, to every server process: open plans refresh their views.
  await publishEvent(tx, { type: "data.version", districtId: input.districtId, version });
  return { version, schools: input.schools, measures: input.measures };
}

export async function listDataVersions(db: Database, districtId: string): Promise<DataVersionSummary[]> {
  return db
    .select({
      version: districtDataVersions.version,
      schools: districtDataVersions.schoolCount,
      measures: districtDataVersions.measureCount,
      warnings: districtDataVersions.warnings,
      createdAt: districtDataVersions.createdAt,
      createdByName: users.name,
    })
    .from(districtDataVersions)
    .leftJoin(users, eq(users.id, districtDataVersions.createdBy))
    .where(eq(districtDataVersions.districtId, districtId))
    .orderBy(desc(districtDataVersions.version));
}

export async function latestDataVersion(db: Database, districtId: string): Promise<number | null> {
  const [row] = await db
    .select({ latest: max(districtDataVersions.version) })
    .from(districtDataVersions)
    .where(eq(districtDataVersions.districtId, districtId));
  return row?.latest ?? null;
}

// Versions never change, so a decoded package can be shared by every request that reads it.
const cache = new Map<string, Promise<DataPackage>>();
const CACHE_SIZE = 8;

/** A version's package (the latest when `version` is null), or undefined when there is none. */
export async function loadDataVersion(
  db: Database,
  districtId: string,
  version: number | null,
): Promise<{ version: number; data: DataPackage } | undefined> {
  const wanted = version ?? (await latestDataVersion(db, districtId));
  if (wanted === null) return undefined;
  const key = `${districtId}:${wanted}`;
  let data = cache.get(key);
  if (!data) {
    data = (async () => {
      const [row] = await db
        .select({ data: districtDataVersions.data })
        .from(districtDataVersions)
        .where(and(eq(districtDataVersions.districtId, districtId), eq(districtDataVersions.version, wanted)));
      if (!row) throw new VersionNotFound();
      return decode(row.data);
    })();
    cache.set(key, data);
    data.catch(() => cache.delete(key));
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  } else {
    // Most recently used last.
    cache.delete(key);
    cache.set(key, data);
  }
  try {
    return { version: wanted, data: await data };
  } catch (err) {
    if (err instanceof VersionNotFound) return undefined;
    throw err;
  }
}

class VersionNotFound extends Error {}

const DRAFT_TTL_MS = 60 * 60 * 1000;

/** Keeps a validated upload for the admin to confirm after the preview. */
export async function saveDataDraft(
  db: Database,
  input: { districtId: string; data: DataPackage; warnings: DataIssue[]; createdBy: string },
): Promise<string> {
  // Old drafts are cleaned up as new ones arrive.
  await db.delete(districtDataDrafts).where(lt(districtDataDrafts.createdAt, new Date(Date.now() - DRAFT_TTL_MS)));
  const [row] = await db
    .insert(districtDataDrafts)
    .values({
      districtId: input.districtId,
      schoolCount: input.data.schools.length,
      measureCount: input.data.measures.length,
      warnings: input.warnings,
      data: await encode(input.data),
      createdBy: input.createdBy,
    })
    .returning({ id: districtDataDrafts.id });
  return row!.id;
}

/**
 * Turns the caller's own, unexpired draft into the next version; undefined when there is no such draft.
 * Taking the draft and writing the version are one transaction: if the version cannot be
 * written, the draft is still there to confirm again.
 */
export async function commitDataDraft(db: Database, input: { districtId: string; draftId: string; userId: string }) {
  if (!isUuid(input.draftId)) return undefined;
  return db.transaction(async (tx) => {
    const [draft] = await tx
      .delete(districtDataDrafts)
      .where(
        and(
          eq(districtDataDrafts.id, input.draftId),
          eq(districtDataDrafts.districtId, input.districtId),
          eq(districtDataDrafts.createdBy, input.userId),
        ),
      )
      .returning();
    // An expired draft is used up all the same (its deletion commits).
    if (!draft || draft.createdAt.getTime() < Date.now() - DRAFT_TTL_MS) return undefined;
    // The draft holds the package already encoded the way a version stores it.
    return insertDataVersion(tx as unknown as Database, {
      districtId: input.districtId,
      bytes: draft.data,
      schools: draft.schoolCount,
      measures: draft.measureCount,
      warnings: draft.warnings,
      createdBy: input.userId,
    });
  });
}
