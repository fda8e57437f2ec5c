import { Form } from "@remix-run/react";
import { Field, FormMessage } from "../../components/ui/field";
import { useT } from "../../i18n/react";
import type { MessageKey } from "../../i18n/translate";

/** What the Account page's loader tells the e-mail section (app/utils/account-email-page.server.ts). */
export type EmailSectionState = {
  email: string;
  verified: boolean;
  /** An address the account asked to move to and has not confirmed yet. */
  pendingEmail: string | null;
  /** Production without SMTP_URL: no link can be sent, so nothing here is offered. */
  mailUnavailable: boolean;
};

/** The outcome of this section's forms, from the Account page's action. */
export type EmailSectionResult = {
  intent: string;
  success?: MessageKey;
  formError?: MessageKey;
  fields?: Record<string, string>;
  params?: Record<string, string | number>;
};

/** The account's address: whether it is verified (with a way to get a new link), and moving to another one. */
export function EmailSection({ state, result }: { state: EmailSectionState; result: EmailSectionResult | undefined }) {
  const t = useT();
  const mine = (intent: string) => (result?.intent === intent ? result : undefined);
  const message = (intent: string) => {
    const r = mine(intent);
    if (r?.success) return <FormMessage kind="success">{t(r.success, r.params)}</FormMessage>;
    if (r?.formError) return <FormMessage>{t(r.formError, r.params)}</FormMessage>;
    return null;
  };
  const err = (name: string) => {
    const key = mine("change-email")?.fields?.[name];
    return key ? t(key as MessageKey) : null;
  };
  return (
    <section aria-labelledby="email-heading" className="card">
      <h2 id="email-heading">{t("account.emailHeading")}</h2>
      <p>
        <strong className="address">{state.email}</strong> ·{" "}
        {state.verified ? t("account.emailVerified") : <span>{t("account.emailNotVerified")}</span>}
      </p>
      {state.mailUnavailable ? (
        <p className="muted">{t("account.emailMailUnavailable")}</p>
      ) : (
        <>
          {state.verified ? null : (
            <>
              <p className="muted">{t("account.emailVerifyHelp")}</p>
              {message("resend-verification")}
              <Form method="post">
                <input type="hidden" name="intent" value="resend-verification" />
                <button type="submit" className="button button--secondary">
                  {t("account.emailResend")}
                </button>
              </Form>
            </>
          )}
          <h3>{t("account.emailChange")}</h3>
          <p className="muted">{t("account.emailChangeHelp")}</p>
          {state.pendingEmail && !mine("change-email")?.success ? (
            <p className="address">{t("account.emailPending", { email: state.pendingEmail })}</p>
          ) : null}
          {message("change-email")}
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="change-email" />
            <Field
              label={t("account.emailNew")}
              name="email"
              type="email"
              autoComplete="email"
              required
              error={err("email")}
            />
            <Field
              label={t("account.currentPassword")}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              error={err("password")}
            />
            <button type="submit" className="button button--secondary">
              {t("account.emailChangeSubmit")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
