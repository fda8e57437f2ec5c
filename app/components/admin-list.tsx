import { Form } from "@remix-run/react";
import { useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";

/**
 * A list of administrators (of the site, or of a district), each with a Remove button that
 * posts `intent` and `userId` — except for the last one, who keeps the right: then a note
 * says why no button is offered.
 */
export function AdminList({
  admins,
  intent,
  words,
}: {
  admins: { id: string; name: string; me: boolean; email?: string }[];
  intent: string;
  words: { revoke: MessageKey; revokeFrom: MessageKey; last: MessageKey };
}) {
  const t = useT();
  const last = admins.length <= 1;
  return (
    <>
      <ul className="list">
        {admins.map((a) => (
          <li key={a.id}>
            <span>
              <strong>{a.name}</strong> {a.me ? `(${t("admins.you")})` : null}
            </span>
            {a.email ? <span className="muted">{a.email}</span> : null}
            {last ? null : (
              <Form method="post">
                <input type="hidden" name="intent" value={intent} />
                <input type="hidden" name="userId" value={a.id} />
                <button
                  type="submit"
                  className="button button--quiet"
                  aria-label={t(words.revokeFrom, { name: a.name })}
                >
                  {t(words.revoke)}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      {last ? <p className="muted">{t(words.last)}</p> : null}
    </>
  );
}
