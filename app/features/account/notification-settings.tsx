import { Form, useLoaderData, useSearchParams } from "@remix-run/react";
import { FormMessage } from "../../components/ui/field";
import { mailNotificationModes, type MailNotificationMode } from "../../domain/mail";
import { useT } from "../../i18n/react";

/** The query the settings' action redirects back with, so the page can say it saved. */
export const MAIL_SETTINGS_SAVED = "mail-notifications";

/**
 * The Account page's "E-mail notifications" section: immediately, a daily digest, or never,
 * as native radio buttons (arrow keys move between them) in a form that works without
 * JavaScript. It reads `mailNotifications` from the Account page's loader data.
 */
export function NotificationSettings() {
  const { mailNotifications } = useLoaderData<{ mailNotifications: MailNotificationMode }>();
  const [params] = useSearchParams();
  const t = useT();
  return (
    <section id="mail-notifications" aria-labelledby="mail-notifications-heading" className="card">
      <h2 id="mail-notifications-heading">{t("mailSettings.heading")}</h2>
      <p className="muted">{t("mailSettings.help")}</p>
      {params.get("saved") === MAIL_SETTINGS_SAVED ? (
        <FormMessage kind="success">{t("mailSettings.saved")}</FormMessage>
      ) : null}
      {/* A plain form post: the action answers with a redirect back here. */}
      <Form method="post" action="/account/mail-notifications" reloadDocument className="stack">
        <fieldset className="checkbox-group">
          <legend>{t("mailSettings.legend")}</legend>
          {mailNotificationModes.map((mode) => (
            <label key={mode} className="checkbox">
              <input
                type="radio"
                name="mailNotifications"
                value={mode}
                defaultChecked={mode === mailNotifications}
                aria-describedby={`mail-notifications-${mode}-hint`}
              />
              <span>
                {t(`mailSettings.${mode}`)}{" "}
                <span id={`mail-notifications-${mode}-hint`} className="muted">
                  — {t(`mailSettings.${mode}Hint`)}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        <div>
          <button type="submit" className="button button--secondary">
            {t("action.save")}
          </button>
        </div>
      </Form>
    </section>
  );
}
