import { useId, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "../../components/ui/button";
import { FormMessage } from "../../components/ui/field";
import { useLocale, useT } from "../../i18n/react";
import { formatDateTime } from "../../utils/format";
import { CommentBodyText } from "./comment-body-text";
import { sendJson, type CommentJson, type ThreadJson } from "./thread-types";

/**
 * One thread, whatever it is on (a plan passage, a chart or one of its points): what it is
 * about (`about`), its comments, and, for those who may comment, a reply box and
 * resolve/reopen. Changes go through the API; `onChange` refetches with the reader's rights.
 */
export function ThreadView({
  thread,
  about,
  canComment,
  onChange,
}: {
  thread: Pick<ThreadJson, "id" | "resolved" | "comments">;
  about?: ReactNode;
  canComment: boolean;
  onChange: () => void;
}) {
  const t = useT();
  const id = useId();
  const [reply, setReply] = useState("");
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const run = async (send: () => Promise<unknown>, after?: () => void) => {
    setBusy(true);
    setFailed(false);
    try {
      await send();
      after?.();
      onChange();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!reply.trim()) return;
    void run(
      () => sendJson("POST", `/api/v1/threads/${thread.id}/comments`, { body: reply }),
      () => setReply(""),
    );
  };
  const setResolved = (resolved: boolean) =>
    void run(() => sendJson("PATCH", `/api/v1/threads/${thread.id}`, { resolved }));

  return (
    <article className={`thread${thread.resolved ? " thread--resolved" : ""}`} aria-labelledby={`${id}-about`}>
      <div id={`${id}-about`} className="thread__about">
        {about}
        {thread.resolved ? <span className="thread__state">{t("threadView.resolved")}</span> : null}
      </div>
      <ol className="thread__comments">
        {thread.comments.map((c) => (
          <CommentItem key={c.id} comment={c} />
        ))}
      </ol>
      {canComment ? (
        thread.resolved ? (
          <Button variant="secondary" disabled={busy} onClick={() => setResolved(false)}>
            {t("threadView.reopen")}
          </Button>
        ) : (
          <form className="thread__reply" onSubmit={submit}>
            <label htmlFor={`${id}-reply`}>{t("threadView.replyLabel")}</label>
            <textarea id={`${id}-reply`} rows={2} value={reply} onChange={(e) => setReply(e.target.value)} />
            <div className="actions">
              <Button type="submit" disabled={busy || !reply.trim()}>
                {t("threadView.reply")}
              </Button>
              <Button variant="secondary" disabled={busy} onClick={() => setResolved(true)}>
                {t("threadView.resolve")}
              </Button>
            </div>
          </form>
        )
      ) : null}
      {failed ? <FormMessage>{t("chartThreads.failed")}</FormMessage> : null}
    </article>
  );
}

function CommentItem({ comment }: { comment: CommentJson }) {
  const t = useT();
  const locale = useLocale();
  return (
    <li className="thread__comment">
      <p className="thread__meta">
        <strong>{comment.author?.name ?? t("threadView.formerMember")}</strong>{" "}
        <time dateTime={comment.createdAt} className="muted">
          {formatDateTime(comment.createdAt, locale)}
        </time>
      </p>
      {comment.state === "visible" && comment.body !== null ? (
        <p className="thread__body">
          <CommentBodyText body={comment.body} />
        </p>
      ) : (
        <p className="thread__body muted">
          {t(comment.state === "hidden" ? "threadView.hidden" : "threadView.deleted")}
        </p>
      )}
    </li>
  );
}
