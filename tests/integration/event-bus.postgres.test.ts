import { sql } from "drizzle-orm";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { districtDataVersions, districts } from "../../db/schema";
import { publishEvent } from "../../app/models/events.server";
import { createEventBus } from "../../server/event-bus";
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
});
afterAll(() => database.close());

describe("the event bus after a lost LISTEN connection", () => {
  it("asks followers and rights re-checks to catch up when it comes back, then hears events again", async () => {
    const bus = await createEventBus(database, pino({ level: "silent" }));
    const heard: number[] = [];
    let resyncs = 0;
    let rechecks = 0;
    const stop = bus.follow(
      { districtId, workspaceId: "w" },
      {
        onEvent: (e) => e.type === "data.version" && heard.push(e.version),
        onResync: () => resyncs++,
        onClose: () => {},
      },
    );
    const stopRights = bus.subscribe("rights.changed", () => rechecks++);
    try {
      // postgres.js keeps one connection for LISTEN and re-listens when it is lost.
      const [ended] = (await database.db.execute(sql`
        select pg_terminate_backend(pid) as ended from pg_stat_activity
        where datname = current_database() and query ilike 'listen %'`)) as unknown as { ended: boolean }[];
      expect(ended?.ended).toBe(true);

      await waitFor(() => resyncs === 1 && rechecks === 1, 10_000, "a resync after the reconnect");
      await database.db.insert(districtDataVersions).values({
        districtId,
        version: 3,
        schoolCount: 0,
        measureCount: 0,
        data: new Uint8Array(),
        createdBy: null,
      });
      await publishEvent(database.db, { type: "data.version", districtId, version: 3 });
      await waitFor(() => heard.includes(3), 10_000, "an event after the reconnect");
      expect(heard).toEqual([3]);
    } finally {
      stop();
      stopRights();
      await bus.close();
    }
  });
});
