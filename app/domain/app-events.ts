/**
 * What the server tells its processes (and, per workspace, its readers) has happened.
 * Published with NOTIFY inside the transaction that made the change, so an event is
 * delivered to every process if and only if the change committed.
 */
export type AppEvent =
  /** A district's data package was imported: open plans and views refetch. */
  | { type: "data.version"; districtId: string; version: number }
  /** Someone's rights changed (a role, a removal, an archive): re-check open sockets now. */
  | { type: "rights.changed" }
  /**
   * A vote moved on (opened, closed, published) or, when its results are live, got a ballot:
   * embeds refetch. Plans of any workspace in the district may embed it, so it goes to the
   * district's streams, each passing it on only to readers who may read the vote.
   */
  | { type: "poll.changed"; districtId: string; workspaceId: string; pollId: string }
  /** A discussion changed. Readers refetch the thread, so no words travel in the event. */
  | { type: ThreadEventType; workspaceId: string; threadId: string; target: ThreadTarget; commentId: string | null };

export const threadEventTypes = [
  "thread.created",
  "comment.created",
  "comment.updated",
  "thread.resolved",
  "thread.reopened",
] as const;
export type ThreadEventType = (typeof threadEventTypes)[number];
export type ThreadTarget = { kind: "plan" | "view" | "diagnostic"; id: string };

export type AppEventType = AppEvent["type"];

/** The events a workspace's event stream carries to its readers (internal ones left out). */
export type WorkspaceEvent = Exclude<AppEvent, { type: "rights.changed" }>;

const isId = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.length <= 64;

/** An event read back from a notification, or null when the payload is not one we publish. */
export function parseAppEvent(value: unknown): AppEvent | null {
  if (typeof value !== "object" || value === null) return null;
  const e = value as Record<string, unknown>;
  switch (e.type) {
    case "data.version":
      return isId(e.districtId) && Number.isSafeInteger(e.version)
        ? { type: "data.version", districtId: e.districtId, version: e.version as number }
        : null;
    case "rights.changed":
      return { type: "rights.changed" };
    case "poll.changed":
      return isId(e.districtId) && isId(e.workspaceId) && isId(e.pollId)
        ? { type: "poll.changed", districtId: e.districtId, workspaceId: e.workspaceId, pollId: e.pollId }
        : null;
    default: {
      if (!threadEventTypes.includes(e.type as ThreadEventType)) return null;
      const target = e.target as Record<string, unknown> | null;
      const kind = target?.kind;
      if (!isId(e.workspaceId) || !isId(e.threadId) || !(e.commentId === null || isId(e.commentId))) return null;
      if (!(kind === "plan" || kind === "view" || kind === "diagnostic") || !isId(target?.id)) return null;
      return {
        type: e.type as ThreadEventType,
        workspaceId: e.workspaceId,
        threadId: e.threadId,
        target: { kind, id: target.id as string },
        commentId: e.commentId as string | null,
      };
    }
  }
}
