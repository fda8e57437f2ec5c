import type { Logger } from "pino";
import type { DatabaseHandle } from "../db/client";
import type { DataVersionEvents, DataVersionListener } from "../app/load-context";
import { DATA_VERSION_CHANNEL, latestDataVersion } from "../app/models/district-data.server";

/**
 * New district data versions, as they commit, for whoever in this process follows a
 * district (open plans' live data views). One LISTEN per process on the channel the
 * import transaction notifies, so imports made by any process (or script) arrive.
 */
export async function createDataVersionEvents(database: DatabaseHandle, logger: Logger): Promise<DataVersionEvents> {
  const listeners = new Map<string, Set<DataVersionListener>>();
  const closers = new Set<() => void>();
  let listening = false;

  const emit = (districtId: string, version: number) => {
    for (const listener of [...(listeners.get(districtId) ?? [])]) listener.onVersion(version);
  };

  const unlisten = await database.listen(
    DATA_VERSION_CHANNEL,
    (payload) => {
      try {
        const { districtId, version } = JSON.parse(payload) as { districtId: unknown; version: unknown };
        if (typeof districtId === "string" && typeof version === "number") emit(districtId, version);
      } catch {
        logger.warn({ msg: "malformed data version notification" });
      }
    },
    () => {
      // Back after a lost connection: imports meanwhile were not heard, so ask for the latest.
      if (listening) {
        logger.warn({ msg: "data version notifications restored; re-reading latest versions" });
        for (const districtId of listeners.keys()) {
          latestDataVersion(database.db, districtId).then(
            (version) => version !== null && emit(districtId, version),
            (err: unknown) => logger.warn({ msg: "re-reading latest data version failed", err: String(err) })
          );
        }
      }
      listening = true;
    }
  );

  return {
    follow(districtId, listener) {
      const set = listeners.get(districtId) ?? new Set();
      set.add(listener);
      listeners.set(districtId, set);
      closers.add(listener.onClose);
      return () => {
        closers.delete(listener.onClose);
        set.delete(listener);
        if (set.size === 0) listeners.delete(districtId);
      };
    },
    async close() {
      // Open event streams would hold the HTTP server's shutdown for its whole grace period.
      for (const close of [...closers]) close();
      listeners.clear();
      closers.clear();
      await unlisten().catch(() => {});
    },
  };
}
