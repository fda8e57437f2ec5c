import { useId, useRef, useState, type KeyboardEvent } from "react";
import { Button } from "../../components/ui/button";
import { parseCommentBody } from "../../domain/comments/comment-body";
import { matchMembers, mentionAt, mentionedIds } from "../../domain/comments/thread-order";
import { useT } from "../../i18n/react";
import type { MessageKey } from "../../i18n/translate";
import type { Failure, Member } from "./api";

export const failureMessage: Record<Failure, MessageKey> = {
  rate_limited: "planComments.rateLimited",
  anchor_not_found: "planComments.anchorNotFound",
  conflict: "planComments.conflict",
  forbidden: "planComments.forbidden",
  failed: "planComments.postFailed",
};

type Props = {
  label: string;
  submitLabel: string;
  /** Members one may @mention (null while loading). */
  members: Member[] | null;
  initial?: string;
  /** Opened by the reader's own action (Comment, Edit): focus goes to the text box, where they will type. */
  focusOnOpen?: boolean;
  /** Sends the comment; a failure keeps the text in the box and says why. */
  onSubmit: (body: string, mentions: string[]) => Promise<Failure | null>;
  onCancel?: () => void;
};

/**
 * A comment box: plain text, and @ offers the workspace's members in a listbox (arrow keys
 * to choose, Enter or Tab to pick, Escape to close). Ctrl+Enter sends.
 */
export function CommentComposer({ label, submitLabel, members, initial = "", focusOnOpen, onSubmit, onCancel }: Props) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(initial);
  const [caret, setCaret] = useState(initial.length);
  const [error, setError] = useState<MessageKey | null>(null);
  const [sending, setSending] = useState(false);
  const [picked, setPicked] = useState<Member[]>([]);
  const [choice, setChoice] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);

  const mention = mentionAt(text, caret);
  const options = mention && members && dismissed !== mention.start ? matchMembers(members, mention.query) : [];
  const open = options.length > 0;
  const active = open ? Math.min(choice, options.length - 1) : -1;

  const pick = (m: Member) => {
    if (!mention) return;
    const inserted = `@${m.name} `;
    const next = text.slice(0, mention.start) + inserted + text.slice(caret);
    const at = mention.start + inserted.length;
    setText(next);
    setCaret(at);
    setPicked((p) => (p.some((x) => x.userId === m.userId) ? p : [...p, m]));
    requestAnimationFrame(() => {
      box.current?.focus();
      box.current?.setSelectionRange(at, at);
    });
  };

  const submit = async () => {
    const parsed = parseCommentBody(text);
    if (!parsed.ok) {
      setError(`validation.comment_${parsed.error}`);
      box.current?.focus();
      return;
    }
    setSending(true);
    const failure = await onSubmit(parsed.body, mentionedIds(parsed.body, picked));
    setSending(false);
    if (failure) {
      setError(failureMessage[failure]);
      box.current?.focus();
      return;
    }
    setError(null);
    setText("");
    setPicked([]);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setChoice((active + step + options.length) % options.length);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        event.preventDefault();
        pick(options[active]!);
        return;
      }
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        setDismissed(mention!.start);
        return;
      }
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === "Escape" && onCancel) {
      event.preventDefault();
      onCancel();
    }
  };

  return (
    <form
      className="comment-composer"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={`${id}-box`} className="comment-composer__label">
        {label}
      </label>
      <textarea
        id={`${id}-box`}
        ref={box}
        className="comment-composer__box"
        rows={3}
        value={text}
        // eslint-disable-next-line jsx-a11y/no-autofocus -- opened on purpose by "Comment" or "Reply"
        autoFocus={focusOnOpen}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        aria-invalid={error ? true : undefined}
        aria-autocomplete="list"
        aria-controls={open ? `${id}-members` : undefined}
        aria-activedescendant={open ? `${id}-member-${active}` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setCaret(e.target.selectionStart);
          setChoice(0);
          if (error) setError(null);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
      />
      {open ? (
        <ul id={`${id}-members`} role="listbox" className="mention-list" aria-label={t("planComments.mentionMembers")}>
          {options.map((m, i) => (
            <li
              key={m.userId}
              id={`${id}-member-${i}`}
              role="option"
              aria-selected={i === active}
              className="mention-list__option"
              onMouseDown={(e) => {
                e.preventDefault();
                pick(m);
              }}
            >
              {m.name}
            </li>
          ))}
        </ul>
      ) : null}
      <p id={`${id}-hint`} className="field__hint">
        {t("planComments.composerHint")}
      </p>
      {error ? (
        <p id={`${id}-error`} className="field__error" role="alert">
          {t(error)}
        </p>
      ) : null}
      <div className="actions">
        <Button type="submit" disabled={sending}>
          {submitLabel}
        </Button>
        {onCancel ? (
          <Button variant="quiet" onClick={onCancel}>
            {t("planComments.cancel")}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
