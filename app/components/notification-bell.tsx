import { Link, useLocation } from "@remix-run/react";
import { Bell } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useT, useTc } from "../i18n/react";

// Pages that follow a workspace's events announce a fresh count here (see UnreadFollower);
// the header lives outside any workspace, so a tiny broadcast rather than a context.
const followers = new Set<(unread: number) => void>();

/** Tells the bell the reader's unread count, fetched after a live event. */
export function announceUnread(unread: number): void {
  for (const follow of followers) follow(unread);
}

/**
 * A link to the inbox whose name says how many notifications are unread ("Notifications,
 * 2 unread"), with the count as a visible badge. The count comes from the root loader and
 * follows live announcements until the root's data is loaded again. The root's data is not
 * reloaded on a plain navigation (it carries the dictionary), so each navigation asks for the
 * count afresh: one read on another page or another tab is reflected on the next page.
 */
export function NotificationBell({ unread, revision }: { unread: number; revision: unknown }) {
  const t = useT();
  const tc = useTc();
  const [count, setCount] = useState(unread);
  // New root data (after any action, e.g. "Mark all as read") is the truth again.
  useEffect(() => setCount(unread), [unread, revision]);
  useEffect(() => {
    followers.add(setCount);
    return () => void followers.delete(setCount);
  }, []);
  const { key } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    // The first page came with the count from the server.
    if (first.current) return void (first.current = false);
    const stop = new AbortController();
    fetch("/api/v1/me/notifications", { credentials: "same-origin", signal: stop.signal })
      .then((r) => (r.ok ? (r.json() as Promise<{ unread?: unknown }>) : null))
      .then((body) => typeof body?.unread === "number" && setCount(body.unread))
      .catch(() => {
        // Offline or navigated on: the count shown stays until the next page or event.
      });
    return () => stop.abort();
  }, [key]);
  const label = count > 0 ? tc("nav.notificationsUnread", count) : t("nav.notifications");
  return (
    <Link to="/notifications" className="button button--quiet notification-bell" aria-label={label}>
      <Bell aria-hidden="true" size={20} />
      {count > 0 ? (
        <span className="notification-bell__badge" aria-hidden="true">
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </Link>
  );
}
