import { useCallback, useEffect, useRef, useState } from "react";
import { useWorkspaceEvents } from "../workspace-events/workspace-events";
import { threadsApi, type PlanThread } from "./api";

/**
 * The plan's threads, refetched (with the reader's own rights) whenever the workspace's event
 * stream says one of them changed; events carry ids only.
 */
export function usePlanThreads(planId: string) {
  const [threads, setThreads] = useState<PlanThread[] | null>(null);
  const [failed, setFailed] = useState(false);
  // Answers can arrive out of order: only the latest request's answer is kept.
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const n = ++latest.current;
    const result = await threadsApi.list(planId);
    if (n !== latest.current) return;
    if (result.ok) {
      setThreads(result.value.threads);
      setFailed(false);
    } else setFailed(true);
  }, [planId]);
  useEffect(() => {
    void reload();
    // Events missed while offline are not replayed: catch up when the connection returns.
    const onOnline = () => void reload();
    window.addEventListener("online", onOnline);
    return () => window.removeEventListener("online", onOnline);
  }, [reload]);
  useWorkspaceEvents(
    ["thread.created", "comment.created", "comment.updated", "thread.resolved", "thread.reopened"],
    (_name, data) => {
      if (data.target.kind === "plan" && data.target.id === planId) void reload();
    },
  );
  return { threads, failed, reload };
}
