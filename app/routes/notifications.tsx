import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { threadHref } from "../domain/comments/thread-link";
import { useLocale, useT, useTc } from "../i18n/react";
import { markNotificationsRead } from "../models/comments.server";
import { listInbox } from "../models/notifications.server";
import { isPlanId as isUuid } from "../models/plans.server";
import { formatDateTime } from "../utils/format";
import { pageRefusal, readForm } from "../utils/forms.server";
import { requireUser } from "../utils/guards.server";
import { pageTitle } from "../utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "inbox.title");

/** The signed-in member's own notifications (from workspaces they still belong to), newest first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, context);
  const items = await listInbox(context.db, user.id);
  return json({
    items: items.map((n) => ({
      id: n.id,
      kind: n.kind,
      read: n.read,
      createdAt: n.createdAt.toISOString(),
      href: threadHref(n.workspace.slug, n.threadId, n.target),
      targetKind: n.target.kind,
      targetTitle: n.targetTitle ?? n.target.id,
      workspace: n.workspace.name,
      author: n.author,
      excerpt: n.excerpt,
      commentState: n.commentState,
    })),
  });
}

/** Marks one notification (`intent=read`, `id`) or all of them (`intent=read-all`) read; works without JavaScript. */
export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireUser(request, context);
  const { values } = await readForm(request);
  if (values.intent === "read-all") {
    await markNotificationsRead(context.db, user.id, { all: true });
  } else if (values.intent === "read") {
    const id = values.id ?? "";
    if (!isUuid(id)) throw pageRefusal(request, 400, "Name the notification to mark read.");
    // Someone else's id changes nothing: the model only touches the caller's rows.
    await markNotificationsRead(context.db, user.id, { ids: [id] });
  } else {
    throw pageRefusal(request, 400, "Unknown action.");
  }
  return redirect("/notifications", 303);
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>["items"][number];

export default function Notifications() {
  const { items } = useLoaderData<typeof loader>();
  const t = useT();
  const tc = useTc();
  const unread = items.filter((n) => !n.read).length;
  return (
    <div className="page narrow inbox">
      <h1>{t("inbox.heading")}</h1>
      {items.length === 0 ? (
        <p className="empty-state">{t("inbox.empty")}</p>
      ) : (
        <>
          <div className="inbox__toolbar">
            <p className="muted" role="status">
              {tc("inbox.unread", unread)}
            </p>
            {unread > 0 ? (
              <Form method="post">
                <input type="hidden" name="intent" value="read-all" />
                <button type="submit" className="button button--secondary">
                  {t("inbox.markAllRead")}
                </button>
              </Form>
            ) : null}
          </div>
          <ul className="inbox__list">
            {items.map((n) => (
              <InboxEntry key={n.id} item={n} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function InboxEntry({ item: n }: { item: Item }) {
  const t = useT();
  const locale = useLocale();
  const who = n.author ?? t("inbox.someone");
  const summaryId = `notification-${n.id}`;
  const where =
    n.targetKind === "plan"
      ? t("inbox.onPlan", { title: n.targetTitle })
      : n.targetKind === "view"
        ? t("inbox.onView", { title: n.targetTitle })
        : t("inbox.onDiagnostic");
  return (
    <li className={n.read ? "inbox__item" : "inbox__item inbox__item--unread"}>
      <p className="inbox__summary" id={summaryId}>
        {n.read ? null : <span className="inbox__new">{t("inbox.new")}</span>}
        <Link to={n.href}>{t(`inbox.kind.${n.kind}` as const, { name: who })}</Link>
      </p>
      <p className="muted inbox__where">
        {where} · {n.workspace} · <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, locale)}</time>
      </p>
      {n.excerpt !== null ? (
        <blockquote className="inbox__excerpt">{n.excerpt}</blockquote>
      ) : (
        <p className="inbox__excerpt inbox__excerpt--gone">
          {n.commentState === "hidden" ? t("inbox.commentHidden") : t("inbox.commentDeleted")}
        </p>
      )}
      {n.read ? null : (
        <Form method="post" className="inbox__mark">
          <input type="hidden" name="intent" value="read" />
          <input type="hidden" name="id" value={n.id} />
          <button type="submit" className="button button--quiet" aria-describedby={summaryId}>
            {t("inbox.markRead")}
          </button>
        </Form>
      )}
    </li>
  );
}
