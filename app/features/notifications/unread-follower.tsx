import { announceUnread } from "../../components/notification-bell";
import { useWorkspaceEvents } from "../workspace-events/workspace-events";

/**
 * Inside a workspace page: when a thread or a comment appears, asks for the reader's unread
 * count (their own, through the API) and hands it to the bell. Events carry ids only, so the
 * count is always read with the reader's rights.
 */
export function UnreadFollower() {
  useWorkspaceEvents(["thread.created", "comment.created"], () => {
    fetch("/api/v1/me/notifications", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((res) => (res.ok ? (res.json() as Promise<{ unread: number }>) : null))
      .then((body) => {
        if (body && typeof body.unread === "number") announceUnread(body.unread);
      })
      .catch(() => {
        // Offline or signed out: the bell keeps its count until the next page load.
      });
  });
  return null;
}
