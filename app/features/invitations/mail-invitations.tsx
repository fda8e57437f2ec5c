import { Form } from "@remix-run/react";
import { useId } from "react";
import { FormMessage, SelectField } from "../../components/ui/field";
import { MAX_INVITATION_ADDRESSES, type AddressProblem } from "../../domain/invitation-addresses";
import { canResend, canRevoke, type MailInvitationState } from "../../domain/invitation-policy";
import { locales, type Locale } from "../../i18n/locales";
import { useLocale, useT } from "../../i18n/react";
import type { MessageKey } from "../../i18n/translate";
import { formatDate } from "../../utils/format";

export type MailInvitationRow = {
  id: string;
  email: string;
  role: string;
  stakeholderGroup: string;
  state: MailInvitationState;
  expiresAt: string;
};

/** What the page's action answered to a mail-invitation form. */
export type MailInviteResult = {
  intent: string;
  success?: MessageKey;
  formError?: MessageKey;
  vars?: Record<string, string | number>;
  invalid?: AddressProblem[];
  sent?: number;
  skippedMembers?: string[];
  skippedPending?: string[];
  /** The form as submitted, to fill in again after a refusal. */
  values?: Record<string, string>;
};

const INTENTS = ["invite-by-mail", "resend-invitation", "revoke-mail-invitation"];

/** The owner's form to invite people by mail, and the invitations sent so far with their states. */
export function MailInvitations({
  invitations,
  mailUnavailable,
  result,
  roleOptions,
  groupOptions,
}: {
  invitations: MailInvitationRow[];
  mailUnavailable: boolean;
  result: MailInviteResult | undefined;
  roleOptions: { value: string; label: string }[];
  groupOptions: { value: string; label: string }[];
}) {
  const t = useT();
  const locale = useLocale();
  const id = useId();
  const mine = result && INTENTS.includes(result.intent) ? result : undefined;
  const refused = mine?.intent === "invite-by-mail" && (mine.formError || mine.invalid) ? mine : undefined;
  const values = refused?.values ?? {};
  const languageNames: Record<Locale, string> = { en: "English", es: "Español" };
  // Refilled after a refusal; a fresh form after success, so a second click does not send twice.
  const formKey = refused ? "refused" : `fresh-${mine?.sent ?? 0}-${invitations.length}`;

  return (
    <section aria-labelledby={`${id}-heading`} className="card">
      <h2 id={`${id}-heading`}>{t("inviteMail.heading")}</h2>
      {mailUnavailable ? (
        <FormMessage>{t("inviteMail.notConfigured")}</FormMessage>
      ) : (
        <>
          <Outcome result={mine} />
          <Form method="post" className="stack" key={formKey}>
            <input type="hidden" name="intent" value="invite-by-mail" />
            <div className="field">
              <label htmlFor={`${id}-emails`}>{t("inviteMail.addresses")}</label>
              <p id={`${id}-hint`} className="field__hint">
                {t("inviteMail.help", { max: MAX_INVITATION_ADDRESSES })}
              </p>
              <textarea
                id={`${id}-emails`}
                name="emails"
                rows={4}
                required
                defaultValue={values.emails}
                aria-invalid={refused ? true : undefined}
                aria-describedby={`${id}-hint`}
              />
            </div>
            <div className="grid-2">
              <SelectField
                label={t("field.role")}
                name="role"
                options={roleOptions}
                defaultValue={values.role ?? "commenter"}
              />
              <SelectField
                label={t("field.stakeholderGroup")}
                name="stakeholderGroup"
                options={groupOptions}
                defaultValue={values.stakeholderGroup ?? "family"}
              />
              <SelectField
                label={t("inviteMail.language")}
                name="locale"
                options={locales.map((l) => ({ value: l, label: languageNames[l] }))}
                defaultValue={values.locale ?? locale}
              />
            </div>
            <button type="submit" className="button">
              {t("inviteMail.submit")}
            </button>
          </Form>
        </>
      )}
      {invitations.length ? (
        <>
          <h3>{t("inviteMail.listHeading")}</h3>
          <ul className="list" aria-label={t("inviteMail.listHeading")}>
            {invitations.map((i) => (
              <li key={i.id}>
                <span>
                  <strong>{i.email}</strong>
                  <span className="muted">
                    {" "}
                    · {t(`role.${i.role}` as MessageKey)} · {t(`group.${i.stakeholderGroup}` as MessageKey)}
                  </span>
                </span>
                <span>
                  {t(`inviteMail.state.${i.state}`)}
                  {i.state === "sent" ? (
                    <span className="muted">
                      {" "}
                      · {t("inviteMail.expires", { date: formatDate(i.expiresAt, locale) })}
                    </span>
                  ) : null}
                </span>
                {canResend(i.state) && !mailUnavailable ? (
                  <InvitationButton
                    intent="resend-invitation"
                    id={i.id}
                    label={t("inviteMail.resend")}
                    email={i.email}
                  />
                ) : null}
                {canRevoke(i.state) ? (
                  <InvitationButton
                    intent="revoke-mail-invitation"
                    id={i.id}
                    label={t("action.revoke")}
                    email={i.email}
                    quiet
                  />
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function InvitationButton(props: { intent: string; id: string; label: string; email: string; quiet?: boolean }) {
  const t = useT();
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="invitationId" value={props.id} />
      <button type="submit" className={props.quiet ? "button button--quiet" : "button button--secondary"}>
        {props.label}
        <span className="visually-hidden"> {t("inviteMail.toAddress", { email: props.email })}</span>
      </button>
    </Form>
  );
}

function Outcome({ result }: { result: MailInviteResult | undefined }) {
  const t = useT();
  if (!result) return null;
  if (result.invalid?.length) {
    return (
      <div className="form-message form-message--error" role="alert">
        <p>{t("inviteMail.invalidHeading")}</p>
        <ul>
          {result.invalid.map((p) => (
            <li key={p.address}>{`${p.address}: ${t(`inviteMail.reason.${p.reason}`)}`}</li>
          ))}
        </ul>
      </div>
    );
  }
  if (result.formError) return <FormMessage>{t(result.formError, result.vars)}</FormMessage>;
  if (result.intent !== "invite-by-mail") {
    return result.success ? <FormMessage kind="success">{t(result.success, result.vars)}</FormMessage> : null;
  }
  return (
    <div className="form-message form-message--success" role="status">
      <p>{t("inviteMail.sent", { count: result.sent ?? 0 })}</p>
      {result.skippedMembers?.length ? (
        <p>{t("inviteMail.skippedMembers", { list: result.skippedMembers.join(", ") })}</p>
      ) : null}
      {result.skippedPending?.length ? (
        <p>{t("inviteMail.skippedPending", { list: result.skippedPending.join(", ") })}</p>
      ) : null}
    </div>
  );
}
