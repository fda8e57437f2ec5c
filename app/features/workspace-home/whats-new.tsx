import { Link, useParams } from "@remix-run/react";
import type { ThreadTarget } from "../../domain/app-events";
import { threadHref } from "../../domain/comments/thread-link";
import { useT, useTc } from "../../i18n/react";

type Props = {
  counts: { threads: number; replies: number; resolved: number };
  threads: {
    threadId: string;
    target: ThreadTarget;
    targetTitle: string | null;
    quote: string | null;
    started: boolean;
    replies: number;
    resolved: boolean;
  }[];
  more: number;
};

/** "New since your last visit": counts of threads started, replies and resolutions, and the threads, linked. */
export function WhatsNew({ counts, threads, more }: Props) {
  const t = useT();
  const tc = useTc();
  const { workspace = "" } = useParams();
  if (threads.length === 0) return null;
  return (
    <section aria-labelledby="whats-new-heading" className="card whats-new">
      <h2 id="whats-new-heading">{t("whatsNew.heading")}</h2>
      <ul className="whats-new__counts">
        {counts.threads ? <li>{tc("whatsNew.threads", counts.threads)}</li> : null}
        {counts.replies ? <li>{tc("whatsNew.replies", counts.replies)}</li> : null}
        {counts.resolved ? <li>{tc("whatsNew.resolved", counts.resolved)}</li> : null}
      </ul>
      <ul className="whats-new__list">
        {threads.map((th) => {
          const where =
            th.target.kind === "plan"
              ? t("inbox.onPlan", { title: th.targetTitle ?? "" })
              : th.target.kind === "view"
                ? t("inbox.onView", { title: th.targetTitle ?? "" })
                : t("inbox.onDiagnostic");
          const what = [
            th.started ? t("whatsNew.newThread") : null,
            th.replies ? tc("comments.replies", th.replies) : null,
            th.resolved ? t("whatsNew.resolvedThread") : null,
          ].filter(Boolean);
          return (
            <li key={th.threadId}>
              <Link to={threadHref(workspace, th.threadId, th.target)}>
                {where}
                {th.quote ? ` · “${th.quote.length > 80 ? `${th.quote.slice(0, 79)}…` : th.quote}”` : ""}
              </Link>
              <span className="muted"> · {what.join(" · ")}</span>
            </li>
          );
        })}
      </ul>
      {more > 0 ? <p className="muted">{tc("whatsNew.more", more)}</p> : null}
    </section>
  );
}
