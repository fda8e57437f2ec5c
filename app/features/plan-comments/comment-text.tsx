import { Fragment } from "react";
import { bodySegments } from "../../domain/comments/comment-body";

/** A comment's words as plain text: line breaks kept, http(s) links clickable, nothing else. */
export function CommentText({ body }: { body: string }) {
  return (
    <p className="comment__body">
      {bodySegments(body).map((s, i) =>
        s.kind === "break" ? (
          <br key={i} />
        ) : s.kind === "link" ? (
          <a key={i} href={s.href} target="_blank" rel="noopener noreferrer nofollow ugc">
            {s.text}
          </a>
        ) : (
          <Fragment key={i}>{s.text}</Fragment>
        ),
      )}
    </p>
  );
}
