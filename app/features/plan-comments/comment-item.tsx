import { useState } from "react";
import { Button } from "../../components/ui/button";
import { Dialog, DialogClose } from "../../components/ui/dialog";
import { useLocale, useT } from "../../i18n/react";
import { formatDateTime } from "../../utils/format";
import type { CommentJson, Failure, Member } from "./api";
import { CommentComposer, failureMessage } from "./comment-composer";
import { CommentText } from "./comment-text";

type Props = {
  comment: CommentJson;
  userId: string;
  /** One may still comment here (an archived plan or a resolved thread: no edits). */
  canEdit: boolean;
  /** A workspace owner, who may hide anyone's comment. */
  canHide: boolean;
  members: Member[] | null;
  onEdit: (body: string) => Promise<Failure | null>;
  onRemove: (reason?: string) => Promise<Failure | null>;
};

/** One comment: author, time, words (or what became of them), and what its reader may do to it. */
export function CommentItem({ comment, userId, canEdit, canHide, members, onEdit, onRemove }: Props) {
  const t = useT();
  const locale = useLocale();
  const [editing, setEditing] = useState(false);
  const [dialog, setDialog] = useState<"delete" | "hide" | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<Failure | "reason" | null>(null);
  const own = comment.author?.id === userId;
  const visible = comment.state === "visible";

  const confirm = async () => {
    if (dialog === "hide" && reason.trim() === "") return setError("reason");
    const failure = await onRemove(dialog === "hide" ? reason.trim() : undefined);
    if (failure) return setError(failure);
    setDialog(null);
    setReason("");
    setError(null);
  };

  return (
    <li className={`comment comment--${comment.state}`}>
      <p className="comment__meta">
        <strong>{comment.author?.name ?? t("planComments.formerMember")}</strong>{" "}
        <time dateTime={comment.createdAt} className="muted">
          {formatDateTime(comment.createdAt, locale)}
        </time>
        {comment.editedAt && visible ? <span className="muted"> · {t("planComments.edited")}</span> : null}
      </p>
      {comment.state === "deleted" ? (
        <p className="comment__gone muted">{t("planComments.commentDeleted")}</p>
      ) : comment.state === "hidden" ? (
        <p className="comment__gone muted">{t("planComments.commentHidden")}</p>
      ) : editing ? (
        <CommentComposer
          label={t("planComments.editLabel")}
          submitLabel={t("planComments.save")}
          members={members}
          initial={comment.body ?? ""}
          focusOnOpen
          onCancel={() => setEditing(false)}
          onSubmit={async (body) => {
            const failure = await onEdit(body);
            if (!failure) setEditing(false);
            return failure;
          }}
        />
      ) : (
        <CommentText body={comment.body ?? ""} />
      )}
      {visible && !editing && ((own && canEdit) || own || (canHide && !own)) ? (
        <div className="actions comment__actions">
          {own && canEdit ? (
            <Button variant="quiet" onClick={() => setEditing(true)}>
              {t("planComments.edit")}
            </Button>
          ) : null}
          {own ? (
            <Button variant="quiet" onClick={() => setDialog("delete")}>
              {t("planComments.delete")}
            </Button>
          ) : null}
          {canHide && !own ? (
            <Button variant="quiet" onClick={() => setDialog("hide")}>
              {t("planComments.hide")}
            </Button>
          ) : null}
        </div>
      ) : null}
      <Dialog
        open={dialog !== null}
        onOpenChange={(o) => {
          if (!o) {
            setDialog(null);
            setError(null);
          }
        }}
        title={dialog === "hide" ? t("planComments.hideTitle") : t("planComments.deleteTitle")}
        description={dialog === "hide" ? t("planComments.hideDescription") : t("planComments.deleteDescription")}
      >
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          {dialog === "hide" ? (
            <div className="field">
              <label htmlFor={`hide-reason-${comment.id}`}>{t("planComments.hideReason")}</label>
              <input
                id={`hide-reason-${comment.id}`}
                value={reason}
                maxLength={500}
                aria-invalid={error === "reason" ? true : undefined}
                onChange={(e) => setReason(e.target.value)}
              />
            </div>
          ) : null}
          {error ? (
            <p className="field__error" role="alert">
              {t(error === "reason" ? "validation.reasonRequired" : failureMessage[error])}
            </p>
          ) : null}
          <div className="actions">
            <Button type="submit" variant="danger">
              {dialog === "hide" ? t("planComments.hide") : t("planComments.delete")}
            </Button>
            <DialogClose asChild>
              <Button variant="quiet">{t("planComments.cancel")}</Button>
            </DialogClose>
          </div>
        </form>
      </Dialog>
    </li>
  );
}
