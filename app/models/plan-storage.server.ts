import { asc, eq, inArray, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import * as Y from "yjs";
import type { Sql as PostgresClient } from "postgres";
import type { Database } from "../../db/client";

/** The database handle or an open transaction. */
export type Queryable = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];
import { planSnapshots, planUpdates } from "../../db/schema";

/** A plan's stored state: its snapshot with every later update merged in (one Yjs update). */
export async function loadPlanState(db: Database, planId: string): Promise<Uint8Array> {
  // One consistent snapshot for both reads: a compaction committing in between
  // (snapshot written, updates deleted) must not make updates vanish.
  const parts = await db.transaction(
    async (tx) => {
      const [snapshot] = await tx.select().from(planSnapshots).where(eq(planSnapshots.planId, planId));
      const rows = await tx
        .select({ update: planUpdates.update })
        .from(planUpdates)
        .where(eq(planUpdates.planId, planId))
        .orderBy(asc(planUpdates.id));
      // Every remaining row is applied (Yjs updates are idempotent): a row whose
      // transaction committed late is never skipped.
      return [...(snapshot ? [snapshot.state] : []), ...rows.map((r) => r.update)];
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  return parts.length ? Y.mergeUpdates(parts) : Y.encodeStateAsUpdate(new Y.Doc());
}

/**
 * Folds stored updates into the snapshot and deletes exactly the rows it
 * folded, from the database alone (not any process's memory), so it is safe
 * while other processes keep appending.
 */
export async function compactPlan(db: Database, planId: string): Promise<void> {
  await db.transaction(async (tx) => {
    // One compactor per plan at a time, across processes (a row lock cannot cover the first snapshot).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"compact:" + planId}))`);
    const [snapshot] = await tx.select().from(planSnapshots).where(eq(planSnapshots.planId, planId));
    const rows = await tx
      .select({ id: planUpdates.id, update: planUpdates.update })
      .from(planUpdates)
      .where(eq(planUpdates.planId, planId))
      .orderBy(asc(planUpdates.id));
    if (rows.length === 0) return;
    const state = Y.mergeUpdates([...(snapshot ? [snapshot.state] : []), ...rows.map((r) => r.update)]);
    const lastUpdateId = rows[rows.length - 1]!.id;
    await tx
      .insert(planSnapshots)
      .values({ planId, state, lastUpdateId })
      .onConflictDoUpdate({ target: planSnapshots.planId, set: { state, lastUpdateId, updatedAt: new Date() } });
    await tx.delete(planUpdates).where(
      inArray(
        planUpdates.id,
        rows.map((r) => r.id),
      ),
    );
  });
}

/**
 * A plan's stored state read with one statement (so one consistent snapshot
 * even under read committed), usable inside a caller's transaction.
 */
export async function readPlanState(db: Queryable, planId: string): Promise<Uint8Array> {
  const rows = await unionAll(
    db.select({ state: planSnapshots.state }).from(planSnapshots).where(eq(planSnapshots.planId, planId)),
    db.select({ state: planUpdates.update }).from(planUpdates).where(eq(planUpdates.planId, planId)),
  );
  return rows.length ? Y.mergeUpdates(rows.map((r) => r.state)) : Y.encodeStateAsUpdate(new Y.Doc());
}

type UpdateRow = { planId: string; userId: string | null; update: Uint8Array };

/**
 * Appends update rows in one statement. On postgres.js it goes to the driver
 * directly, as a prepared statement per row count: the hottest query of the
 * collaboration server costs a third less CPU without the query builder
 * (bench/collab). Other drivers (embedded PGlite) use drizzle.
 */
function appender(db: Database): (rows: UpdateRow[]) => Promise<unknown> {
  const client = (db as { $client?: Partial<PostgresClient> }).$client;
  if (typeof client?.unsafe !== "function") return (rows) => db.insert(planUpdates).values(rows);
  const unsafe = client.unsafe.bind(client);
  const statements = new Map<number, string>();
  const statement = (n: number) => {
    let text = statements.get(n);
    if (!text) {
      const tuples = Array.from({ length: n }, (_, i) => `($${3 * i + 1}, $${3 * i + 2}, $${3 * i + 3})`);
      text = `insert into plan_updates (plan_id, update, user_id) values ${tuples.join(", ")}`;
      statements.set(n, text);
    }
    return text;
  };
  return (rows) =>
    unsafe(
      statement(rows.length),
      rows.flatMap((r) => [r.planId, Buffer.from(r.update.buffer, r.update.byteOffset, r.update.byteLength), r.userId]),
      { prepare: true },
    );
}

type StoreRequest = {
  planId: string;
  updates: { update: Uint8Array; userId: string | null }[];
  done: { resolve(): void; reject(err: unknown): void };
};

/**
 * Group commit for every document of the process: updates that arrive while a
 * write is in flight go together in the next INSERT, one row per plan and
 * person (merged). Resolves each caller once its updates are durable.
 */
export function createUpdateWriter(db: Database) {
  let queue: StoreRequest[] = [];
  let running = false;
  const insert = appender(db);

  const rowsOf = (requests: StoreRequest[]) => {
    const merged = new Map<string, { planId: string; userId: string | null; parts: Uint8Array[] }>();
    for (const r of requests) {
      for (const u of r.updates) {
        const key = `${r.planId}|${u.userId ?? ""}`;
        const row = merged.get(key) ?? { planId: r.planId, userId: u.userId, parts: [] };
        row.parts.push(u.update);
        merged.set(key, row);
      }
    }
    return [...merged.values()].map((m): UpdateRow => ({
      planId: m.planId,
      userId: m.userId,
      update: m.parts.length === 1 ? m.parts[0]! : Y.mergeUpdates(m.parts),
    }));
  };

  async function drain() {
    running = true;
    // Let the current event-loop turn add its updates first.
    await new Promise((r) => setImmediate(r));
    while (queue.length) {
      const batch = queue;
      queue = [];
      try {
        await insert(rowsOf(batch));
        for (const r of batch) r.done.resolve();
      } catch {
        // One bad plan (deleted meanwhile, say) must not fail the others: retry each alone.
        for (const r of batch) {
          try {
            await insert(rowsOf([r]));
            r.done.resolve();
          } catch (err) {
            r.done.reject(err);
          }
        }
      }
    }
    running = false;
  }

  return {
    store(planId: string, updates: { update: Uint8Array; userId: string | null }[]): Promise<void> {
      if (updates.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        queue.push({ planId, updates, done: { resolve, reject } });
        if (!running) void drain();
      });
    },
  };
}
