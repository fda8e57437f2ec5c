import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import type { EventBus } from "../../app/load-context";
import type { WorkspaceEvent } from "../../app/domain/app-events";
import { publishEvent } from "../../app/models/events.server";
import { createEventBus } from "../../server/event-bus";
import { waitFor } from "../helpers/collab";
import { createTestDatabase } from "../helpers/db";

// Two buses on one database stand for two server processes.
let database: DatabaseHandle;
let one: EventBus;
let two: EventBus;

beforeAll(async () => {
  database = await createTestDatabase();
  one = await createEventBus(database, pino({ level: "silent" }));
  two = await createEventBus(database, pino({ level: "silent" }));
});
afterAll(async () => {
  await Promise.all([one.close(), two.close()]);
  await database.close();
});

function follower(bus: EventBus, districtId: string) {
  const events: WorkspaceEvent[] = [];
  const stop = bus.follow(
    { districtId, workspaceId: "w" },
    { onEvent: (e) => events.push(e), onResync() {}, onClose() {} },
  );
  return { events, stop };
}

describe("the event bus", () => {
  it("delivers a rights change to every process, and to the publisher once, at once", async () => {
    let here = 0;
    let there = 0;
    const stopHere = one.subscribe("rights.changed", () => here++);
    const stopThere = two.subscribe("rights.changed", () => there++);
    await one.publish({ type: "rights.changed" });
    // The publishing process re-checks before publish resolves, without waiting for Postgres.
    expect(here).toBe(1);
    await waitFor(() => there === 1, 10_000, "the other process");
    // A marker event published after it has arrived, so its own echo would have too.
    const marker = follower(one, "marker");
    await publishEvent(database.db, { type: "data.version", districtId: "marker", version: 1 });
    await waitFor(() => marker.events.length === 1, 10_000, "the marker");
    expect(here).toBe(1);
    stopHere();
    stopThere();
    marker.stop();
  });

  it("delivers a model's event when its transaction commits, and never when it rolls back", async () => {
    const a = follower(one, "district-a");
    const b = follower(two, "district-a");
    const other = follower(two, "district-b");
    await database.db
      .transaction(async (tx) => {
        await publishEvent(tx, { type: "data.version", districtId: "district-a", version: 1 });
        throw new Error("rolled back");
      })
      .catch(() => {});
    await database.db.transaction((tx) =>
      publishEvent(tx, { type: "data.version", districtId: "district-a", version: 2 }),
    );
    await waitFor(() => a.events.length > 0 && b.events.length > 0, 10_000, "the committed event");
    expect(a.events).toEqual([{ type: "data.version", districtId: "district-a", version: 2 }]);
    expect(b.events).toEqual(a.events);
    expect(other.events).toEqual([]);
    for (const f of [a, b, other]) f.stop();
  });

  it("ignores notifications that are not events", async () => {
    const f = follower(one, "district-c");
    const { sql } = await import("drizzle-orm");
    for (const payload of ["not json", "{}", JSON.stringify({ event: { type: "data.version", districtId: 5 } })]) {
      await database.db.execute(sql`select pg_notify('app_events', ${payload})`);
    }
    await publishEvent(database.db, { type: "data.version", districtId: "district-c", version: 7 });
    await waitFor(() => f.events.length === 1, 10_000, "the real event");
    expect(f.events[0]).toMatchObject({ version: 7 });
    f.stop();
  });
});
