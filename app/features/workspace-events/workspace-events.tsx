import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import type { ThreadEventType, ThreadTarget } from "../../domain/app-events";

/** What a reader receives of each event type on the workspace's stream (see docs/api.md). */
export type WorkspaceEventData = {
  "data.version": { version: number | null };
  "poll.changed": { pollId: string };
} & Record<ThreadEventType, { threadId: string; target: ThreadTarget; commentId: string | null }>;
export type WorkspaceEventName = keyof WorkspaceEventData;

type Listener = (name: WorkspaceEventName, data: unknown) => void;
const eventNames: WorkspaceEventName[] = [
  "data.version",
  "poll.changed",
  "thread.created",
  "comment.created",
  "comment.updated",
  "thread.resolved",
  "thread.reopened",
];

const ListenersContext = createContext<Set<Listener> | null>(null);

/**
 * One event stream per page for the workspace's live events, however many parts of the page
 * follow them. EventSource reconnects by itself; the server starts each connection with the
 * current data version, and followers of threads refetch on `open` too (see useWorkspaceEvents).
 */
export function WorkspaceEventsProvider({ workspace, children }: { workspace: string; children: ReactNode }) {
  const [listeners] = useState(() => new Set<Listener>());
  useEffect(() => {
    const source = new EventSource(`/api/v1/workspaces/${encodeURIComponent(workspace)}/events`);
    const handlers = eventNames.map((name) => {
      const handler = (event: MessageEvent<string>) => {
        let data: unknown;
        try {
          data = JSON.parse(event.data);
        } catch {
          return;
        }
        for (const listener of listeners) listener(name, data);
      };
      source.addEventListener(name, handler);
      return handler;
    });
    return () => {
      handlers.forEach((h, i) => source.removeEventListener(eventNames[i]!, h));
      source.close();
    };
  }, [workspace, listeners]);
  return <ListenersContext.Provider value={listeners}>{children}</ListenersContext.Provider>;
}

/**
 * Calls `onEvent` for each of the named events while mounted. Outside a provider it does
 * nothing (a page without live updates still renders).
 */
export function useWorkspaceEvents<N extends WorkspaceEventName>(
  names: readonly N[],
  onEvent: (name: N, data: WorkspaceEventData[N]) => void,
): void {
  const listeners = useContext(ListenersContext);
  const latest = useRef(onEvent);
  latest.current = onEvent;
  const key = names.join(" ");
  useEffect(() => {
    if (!listeners) return;
    const wanted = new Set<string>(key.split(" "));
    const listener: Listener = (name, data) => {
      if (wanted.has(name)) latest.current(name as N, data as WorkspaceEventData[N]);
    };
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, [listeners, key]);
}
