import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema/index";

/** One typed handle for app code, whichever driver sits underneath. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseHandle = {
  db: Database;
  driver: "postgres" | "pglite";
  /** Applies the committed migrations in db/migrations. */
  migrate(): Promise<void>;
  /** True when the database answers a trivial query. */
  ping(): Promise<boolean>;
  /**
   * Receives NOTIFY payloads sent on a channel (by any process using this database).
   * `onListen` runs once listening and again after each reconnect, when notifications may have been missed.
   * Resolves to a function that stops listening.
   */
  listen(channel: string, onNotify: (payload: string) => void, onListen?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

export type DatabaseOptions = { url: string; maxConnections?: number } | { dataDir: string } | { memory: true };

/** db/migrations, found from wherever this module runs (source or the bundled server). */
export const migrationsFolder = findUp(path.dirname(fileURLToPath(import.meta.url)), "db/migrations");

function findUp(from: string, relative: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.resolve(relative);
  }
}

/** Opens postgres.js when given a URL, otherwise an embedded PGlite (on disk or in memory). */
export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  if ("url" in options) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const client = postgres(options.url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
    });
    const db = drizzle({ client, schema, casing: "snake_case" });
    return {
      db: db as unknown as Database,
      driver: "postgres",
      migrate: () => migrate(db, { migrationsFolder }),
      ping: () => ping(db as unknown as Database),
      async listen(channel, onNotify, onListen) {
        // postgres.js keeps one extra connection for LISTEN and re-listens after a reconnect.
        const { unlisten } = await client.listen(channel, onNotify, onListen);
        return unlisten;
      },
      close: () => client.end({ timeout: 5 }),
    };
  }

  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  let dataDir: string | undefined;
  if ("dataDir" in options) {
    // PGlite does not create parent folders; the failure would surface much later.
    mkdirSync(options.dataDir, { recursive: true });
    dataDir = options.dataDir;
  }
  const client = await PGlite.create(dataDir ? { dataDir } : {});
  const db = drizzle({ client, schema, casing: "snake_case" });
  return {
    db: db as unknown as Database,
    driver: "pglite",
    migrate: () => migrate(db, { migrationsFolder }),
    ping: () => ping(db as unknown as Database),
    async listen(channel, onNotify, onListen) {
      // One embedded database in one process: there is no reconnect to report.
      const unlisten = await client.listen(channel, onNotify);
      onListen?.();
      return () => unlisten();
    },
    close: () => client.close(),
  };
}

async function ping(db: Database): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}
