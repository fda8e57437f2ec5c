import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { DatabaseHandle } from "../db/client";
import type { EventBus, WorkspaceEventListener } from "../app/load-context";
import { parseAppEvent, type AppEvent, type AppEventType } from "../app/domain/app-events";
import { EVENTS_CHANNEL, publishEvent } from "../app/models/events.server";

type Handler = (event: AppEvent) => void;

/**
 * The server's events, across processes: one LISTEN per process on the channel models
 * NOTIFY (inside their transactions), dispatched to this process's subscribers — the
 * collaboration server, and each open workspace event stream.
 */
export async function createEventBus(database: DatabaseHandle, logger: Logger): Promise<EventBus> {
  const origin = randomUUID();
  const handlers = new Map<AppEventType, Set<Handler>>();
  const streams = new Set<{ districtId: string; workspaceId: string; listener: WorkspaceEventListener }>();
  let listening = false;

  const dispatch = (event: AppEvent) => {
    for (const handler of [...(handlers.get(event.type) ?? [])]) handler(event);
    if (event.type === "rights.changed") return;
    for (const s of [...streams]) {
      const reaches =
        event.type === "data.version" || event.type === "poll.changed"
          ? s.districtId === event.districtId
          : s.workspaceId === event.workspaceId;
      if (reaches) s.listener.onEvent(event);
    }
  };

  const unlisten = await database.listen(
    EVENTS_CHANNEL,
    (payload) => {
      let envelope: { origin?: unknown; event?: unknown };
      try {
        envelope = JSON.parse(payload) as typeof envelope;
      } catch {
        return logger.warn({ msg: "malformed event notification" });
      }
      const event = parseAppEvent(envelope?.event);
      if (!event) return logger.warn({ msg: "unknown event notification" });
      // This process handled its own events when it published them.
      if (envelope.origin === origin) return;
      dispatch(event);
    },
    () => {
      // Back after a lost connection: events meanwhile were not heard; followers catch up.
      if (listening) {
        logger.warn({ msg: "event notifications restored; followers re-read what they show" });
        for (const s of [...streams]) s.listener.onResync();
        for (const handler of [...(handlers.get("rights.changed") ?? [])]) handler({ type: "rights.changed" });
      }
      listening = true;
    },
  );

  return {
    async publish(event) {
      dispatch(event);
      await publishEvent(database.db, event, origin);
    },
    subscribe(type, handler) {
      const set = handlers.get(type) ?? new Set<Handler>();
      set.add(handler as Handler);
      handlers.set(type, set);
      return () => void set.delete(handler as Handler);
    },
    follow(scope, listener) {
      const entry = { ...scope, listener };
      streams.add(entry);
      return () => void streams.delete(entry);
    },
    async close() {
      // Open event streams would hold the HTTP server's shutdown for its whole grace period.
      for (const s of [...streams]) s.listener.onClose();
      streams.clear();
      handlers.clear();
      await unlisten().catch(() => {});
    },
  };
}
