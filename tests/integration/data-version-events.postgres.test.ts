import { sql } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { districtDataVersions, districts } from "../../db/schema";
import { DATA_VERSION_CHANNEL } from "../../app/models/district-data.server";
import { createDataVersionEvents } from "../../server/data-version-events";
import { waitFor } from "../helpers/collab";
import { createTestDatabase } from "../helpers/db";

// The LISTEN connection is a real server's: only Postgres can lose it and give it back, so this
// file runs in the Postgres project only (vitest.config.ts, *.postgres.test.ts).
let database: DatabaseHandle;
let districtId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const [district] = await database.db.insert(districts).values({ slug: "lakeside", name: "Lakeside" }).returning();
  districtId = district!.id;
  await addVersion(1);
});
afterAll(() => database.close());

/** A version row written without its NOTIFY: an import whose notification never reached us. */
const addVersion = (version: number) =>
  database.db
    .insert(districtDataVersions)
    .values({ districtId, version, schoolCount: 0, measureCount: 0, data: new Uint8Array(), createdBy: null });

describe("data version events after a lost LISTEN connection", () => {
  it("re-reads the latest version when the connection comes back, then hears notifications again", async () => {
    const events = await createDataVersionEvents(database, pino({ level: "silent" }));
    const heard: number[] = [];
    const stop = events.follow(districtId, { onVersion: (v) => heard.push(v), onClose: () => {} });
    try {
      await addVersion(2);
      // postgres.js keeps one connection for LISTEN and re-listens when it is lost.
      const [ended] = (await database.db.execute(sql`
        select pg_terminate_backend(pid) as ended from pg_stat_activity
        where datname = current_database() and query ilike 'listen %'`)) as unknown as { ended: boolean }[];
      expect(ended?.ended).toBe(true);

      await waitFor(() => heard.includes(2), 10_000, "version 2 after the reconnect");
      await database.db.execute(
        sql`select pg_notify(${DATA_VERSION_CHANNEL}, ${JSON.stringify({ districtId, version: 3 })})`
      );
      await waitFor(() => heard.includes(3), 10_000, "a notification after the reconnect");
      expect(heard).toEqual([2, 3]);
    } finally {
      stop();
      await events.close();
    }
  });
});
