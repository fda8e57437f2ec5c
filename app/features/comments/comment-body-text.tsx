import { Fragment } from "react";
import { bodySegments } from "../../domain/comments/comment-body";

/** A comment's words as plain text: line breaks kept, http(s) links clickable, nothing else interpreted. */
export function CommentBodyText({ body }: { body: string }) {
  return (
    <>
      {bodySegments(body).map((s, i) =>
        s.kind === "break" ? (
          <br key={i} />
        ) : s.kind === "link" ? (
          <a key={i} href={s.href} rel="noopener noreferrer nofollow ugc" target="_blank">
            {s.text}
          </a>
        ) : (
          <Fragment key={i}>{s.text}</Fragment>
        ),
      )}
    </>
  );
}
