import type { Logger } from "pino";
import type { Database } from "../../db/client";
import { saveAutoVersion } from "../../app/models/plan-versions.server";

type PlanState = {
  dirty: boolean;
  editor: string | null;
  latestAt: number;
  timer: NodeJS.Timeout | null;
  saving: boolean;
};

/**
 * Automatic versions: at most one per `everyMs` while a plan is edited. The
 * first edit after a quiet interval saves one at once; later edits in the
 * interval are captured by one more save when it ends, so the last state of a
 * stretch of work is kept too.
 */
export function createAutoVersions(options: { db: Database; logger: Logger; everyMs: number }) {
  const plans = new Map<string, PlanState>();

  async function save(planId: string) {
    const state = plans.get(planId);
    if (!state || !state.dirty || state.saving) return;
    state.saving = true;
    state.dirty = false;
    try {
      const result = await saveAutoVersion(options.db, { planId, createdBy: state.editor, everyMs: options.everyMs });
      state.latestAt = result.latestAt.getTime();
      // Another process saved one recently: ours waits for the end of that interval.
      if (!result.created) state.dirty = true;
    } catch (err) {
      // A deleted plan, or a database hiccup: the edits themselves are stored; only this version is skipped.
      options.logger.warn({ msg: "automatic version failed", planId, err: String(err) });
    } finally {
      state.saving = false;
    }
    if (state.dirty) schedule(planId, state);
    else if (!state.timer) plans.delete(planId);
  }

  function schedule(planId: string, state: PlanState) {
    if (state.timer) return;
    const wait = Math.max(0, state.latestAt + options.everyMs - Date.now());
    state.timer = setTimeout(() => {
      state.timer = null;
      void save(planId);
    }, wait);
    state.timer.unref();
  }

  return {
    /** Called after edits to a plan are stored. */
    edited(planId: string, editor: string | null) {
      let state = plans.get(planId);
      if (!state) {
        state = { dirty: false, editor: null, latestAt: 0, timer: null, saving: false };
        plans.set(planId, state);
      }
      state.dirty = true;
      if (editor) state.editor = editor;
      if (Date.now() - state.latestAt >= options.everyMs) void save(planId);
      else schedule(planId, state);
    },
    close() {
      for (const state of plans.values()) if (state.timer) clearTimeout(state.timer);
      plans.clear();
    },
  };
}
