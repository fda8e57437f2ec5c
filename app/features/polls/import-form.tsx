import { Form, useNavigation } from "@remix-run/react";
import { useT, useTc } from "../../i18n/react";
import type { MessageKey } from "../../i18n/translate";

/** What the import action answers when nothing was imported (a success redirects to the new poll). */
export type ImportRefusal =
  { errors: { line: number; message: string }[]; count: number } | { refused: MessageKey; size: number };

/**
 * A Pabulib file upload that posts without JavaScript (multipart); a file with errors is
 * answered with every error by line, announced as an alert.
 */
export function ImportForm({ maxMb, refusal }: { maxMb: number; refusal?: ImportRefusal }) {
  const t = useT();
  const tc = useTc();
  const busy = useNavigation().state !== "idle";
  return (
    <section aria-labelledby="import-heading" className="card poll-import">
      <h3 id="import-heading">{t("polls.import.heading")}</h3>
      <p>{t("polls.import.hint")}</p>
      <Form method="post" encType="multipart/form-data" className="stack">
        <div className="field">
          <label htmlFor="pabulib-file">{t("polls.import.file", { size: maxMb })}</label>
          <input
            id="pabulib-file"
            type="file"
            name="file"
            accept=".pb,text/plain"
            required
            aria-invalid={refusal ? true : undefined}
            aria-describedby={refusal ? "import-errors" : undefined}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t("polls.import.submit")}
        </button>
      </Form>
      {refusal ? (
        <div id="import-errors" role="alert" className="form-message form-message--error">
          {"refused" in refusal ? (
            <p>{t(refusal.refused, { size: refusal.size })}</p>
          ) : (
            <>
              <p>{tc("polls.import.errors", refusal.count)}</p>
              <ul className="poll-import__errors">
                {refusal.errors.map((e, i) => (
                  <li key={i}>{t("polls.import.line", { line: e.line, message: e.message })}</li>
                ))}
              </ul>
              {refusal.count > refusal.errors.length ? (
                <p>{t("polls.import.more", { shown: refusal.errors.length })}</p>
              ) : null}
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}
