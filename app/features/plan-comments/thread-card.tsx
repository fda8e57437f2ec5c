import { forwardRef } from "react";
import { Button } from "../../components/ui/button";
import { useT, useTc } from "../../i18n/react";
import { threadsApi, type Failure, type Member, type PlanThread } from "./api";
import { CommentComposer } from "./comment-composer";
import { CommentItem } from "./comment-item";

type Props = {
  thread: PlanThread;
  removed: boolean;
  open: boolean;
  userId: string;
  canComment: boolean;
  canHide: boolean;
  members: Member[] | null;
  onToggle: () => void;
  /** After any change: refetch the list (the event stream tells the others). */
  onChanged: () => Promise<void>;
};

const failureOf = (r: { ok: boolean; failure?: Failure }) => (r.ok ? null : (r.failure ?? "failed"));

/** A thread in the panel: its quote and first words; opened, all its comments and what can be done. */
export const ThreadCard = forwardRef<HTMLLIElement, Props>(function ThreadCard(
  { thread, removed, open, userId, canComment, canHide, members, onToggle, onChanged },
  ref,
) {
  const t = useT();
  const tc = useTc();
  const [first] = thread.comments;
  const replies = thread.comments.length - 1;
  const detailsId = `thread-${thread.id}`;
  const mayComment = canComment && !thread.resolved;
  const done = async <T extends { ok: boolean }>(result: T) => {
    const failure = failureOf(result as { ok: boolean; failure?: Failure });
    if (!failure) await onChanged();
    return failure;
  };

  return (
    <li
      ref={ref}
      tabIndex={-1}
      className={`thread${open ? " thread--open" : ""}${removed ? " thread--removed" : ""}`}
      data-thread-id={thread.id}
    >
      <button
        type="button"
        className="thread__summary"
        aria-expanded={open}
        aria-controls={detailsId}
        onClick={onToggle}
      >
        {removed ? <span className="thread__removed">{t("planComments.onRemovedText")}</span> : null}
        <q className="thread__quote">{thread.anchor.quote}</q>
        <span className="thread__first">
          <strong>{first?.author?.name ?? t("planComments.formerMember")}</strong>
          {first?.state === "visible" && first.body ? `: ${first.body.slice(0, 120)}` : null}
        </span>
        <span className="muted thread__count">
          {replies > 0 ? tc("comments.replies", replies) : t("planComments.noReplies")}
          {thread.resolved ? ` · ${t("planComments.resolved")}` : null}
        </span>
      </button>
      <div id={detailsId} className="thread__details" hidden={!open}>
        {open ? (
          <>
            <ol className="thread__comments" aria-label={t("planComments.commentsInThread")}>
              {thread.comments.map((c) => (
                <CommentItem
                  key={c.id}
                  comment={c}
                  userId={userId}
                  canEdit={mayComment}
                  canHide={canHide}
                  members={members}
                  onEdit={async (body) => done(await threadsApi.edit(c.id, body))}
                  onRemove={async (reason) => done(await threadsApi.remove(c.id, reason))}
                />
              ))}
            </ol>
            {canComment ? (
              <div className="actions">
                <Button
                  variant="secondary"
                  onClick={async () => {
                    await done(await threadsApi.setResolved(thread.id, !thread.resolved));
                  }}
                >
                  {thread.resolved ? t("planComments.reopen") : t("planComments.resolve")}
                </Button>
              </div>
            ) : null}
            {mayComment ? (
              <CommentComposer
                label={t("planComments.replyLabel")}
                submitLabel={t("planComments.reply")}
                members={members}
                onSubmit={async (body, mentions) => done(await threadsApi.reply(thread.id, body, mentions))}
              />
            ) : null}
          </>
        ) : null}
      </div>
    </li>
  );
});
