import { sql } from "drizzle-orm";
import type { AppEvent } from "../domain/app-events";
import type { Queryable } from "./plan-storage.server";

/** The one Postgres channel every server process LISTENs on (server/event-bus.ts). */
export const EVENTS_CHANNEL = "app_events";

/** A notification's payload: the event, and which process sent it (to skip its own echo). */
export type EventEnvelope = { origin: string | null; event: AppEvent };

/**
 * Publishes an event to every server process. Inside a transaction it is delivered
 * when (and only if) the transaction commits — how models publish what they changed.
 */
export async function publishEvent(db: Queryable, event: AppEvent, origin: string | null = null): Promise<void> {
  const envelope: EventEnvelope = { origin, event };
  await db.execute(sql`select pg_notify(${EVENTS_CHANNEL}, ${JSON.stringify(envelope)})`);
}
