import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CopyButton } from "../components/copy-button";
import { IntentMessage } from "../components/intent-message";
import { NotificationSettings } from "../features/account/notification-settings";
import { DeleteAccountSection } from "../features/account/delete-account";
import { Field } from "../components/ui/field";
import { deviceFromStored, deviceLabel } from "../domain/device";
import { EmailSection, type EmailSectionResult } from "../features/account/email-section";
import { LanguageSection } from "../features/account/language-section";
import { MIN_PASSWORD_LENGTH } from "../domain/session-policy";
import { apiTokenSchema, changePasswordSchema, fieldErrors, signupSchema } from "../domain/validation";
import { useLocale, useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";
import { createApiToken, listApiTokens, revokeAllApiTokens, revokeApiToken } from "../models/api-tokens.server";
import { recordAudit } from "../models/audit.server";
import { invalidateUserSessions, listUserSessions } from "../models/sessions.server";
import { setPassword, updateUserName } from "../models/users.server";
import { recheckPassword } from "../utils/password-recheck.server";
import { emailSectionState, handleEmailIntent } from "../utils/account-email-page.server";
import { readForm } from "../utils/forms.server";
import { instancePermissions } from "../utils/access.server";
import { requireUser } from "../utils/guards.server";
import { pageTitle } from "../utils/meta";
import { clearedSessionCookie } from "../utils/session.server";
import { formatDateTime } from "../utils/format";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "account.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user, session } = await requireUser(request, context);
  const [sessions, tokens] = await Promise.all([
    listUserSessions(context.db, user.id),
    listApiTokens(context.db, user.id),
  ]);
  return json({
    user: { name: user.name, email: user.email },
    manageInstanceAdmins: instancePermissions(context, user).manageInstanceAdmins,
    accountLocale: user.locale,
    emailSection: await emailSectionState(context, user),
    mailNotifications: user.mailNotifications,
    sessions: sessions.map((s) => ({
      // The id is a token hash: never sent to the browser.
      current: s.id === session?.id,
      createdAt: s.createdAt.toISOString(),
      lastUsedAt: s.lastUsedAt.toISOString(),
      device: deviceFromStored(s.browser, s.os),
    })),
    tokens: tokens.map((t) => ({
      ...t,
      createdAt: t.createdAt.toISOString(),
      lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    })),
  });
}

type ActionData = {
  intent: string;
  fields?: Record<string, string>;
  formError?: MessageKey;
  success?: MessageKey;
  newToken?: string;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = await requireUser(request, context);
  const { values } = await readForm(request);
  const intent = values.intent ?? "";
  const emailAnswer = await handleEmailIntent(request, context, user, values);
  if (emailAnswer) return emailAnswer;
  const fail = (data: Omit<ActionData, "intent">) => json<ActionData>({ intent, ...data }, { status: 400 });

  switch (intent) {
    case "update-name": {
      const parsed = signupSchema.pick({ name: true }).safeParse(values);
      if (!parsed.success) return fail({ fields: fieldErrors(parsed.error) });
      await updateUserName(context.db, user.id, parsed.data.name);
      return json<ActionData>({ intent, success: "account.nameSaved" });
    }
    case "change-password": {
      const parsed = changePasswordSchema.safeParse(values);
      if (!parsed.success) return fail({ fields: fieldErrors(parsed.error) });
      const checked = await recheckPassword(context, user, parsed.data.currentPassword);
      if (!checked.ok) {
        const field =
          checked.reason === "rate_limited" ? "account.passwordTooManyAttempts" : "account.currentPasswordWrong";
        return fail({ fields: { currentPassword: field } });
      }
      await setPassword(context.db, user.id, parsed.data.newPassword);
      // Anyone holding an old session or a token loses it; this browser stays signed in.
      await invalidateUserSessions(context.db, user.id, session?.id);
      await revokeAllApiTokens(context.db, user.id);
      await recordAudit(context.db, { action: "user.password_change", actorId: user.id, ip: context.clientAddress });
      return json<ActionData>({ intent, success: "account.passwordChanged" });
    }
    case "sign-out-others": {
      await invalidateUserSessions(context.db, user.id, session?.id);
      await recordAudit(context.db, { action: "user.sign_out_others", actorId: user.id, ip: context.clientAddress });
      return json<ActionData>({ intent, success: "account.signedOutOthers" });
    }
    case "sign-out-everywhere": {
      await invalidateUserSessions(context.db, user.id);
      await revokeAllApiTokens(context.db, user.id);
      await recordAudit(context.db, {
        action: "user.sign_out_everywhere",
        actorId: user.id,
        ip: context.clientAddress,
      });
      return redirect("/login", { headers: { "Set-Cookie": clearedSessionCookie(request, context) } });
    }
    case "create-token": {
      const parsed = apiTokenSchema.safeParse(values);
      if (!parsed.success) return fail({ fields: fieldErrors(parsed.error) });
      const { token } = await createApiToken(context.db, user.id, parsed.data.name);
      await recordAudit(context.db, { action: "api_token.create", actorId: user.id, ip: context.clientAddress });
      return json<ActionData>({ intent, newToken: token, success: "account.tokenCreated" });
    }
    case "revoke-token": {
      const revoked = await revokeApiToken(context.db, user.id, values.tokenId ?? "");
      if (!revoked) return fail({ formError: "account.tokenNotFound" });
      await recordAudit(context.db, { action: "api_token.revoke", actorId: user.id, ip: context.clientAddress });
      return json<ActionData>({ intent, success: "account.tokenRevoked" });
    }
    default:
      return fail({ formError: "error.unknownAction" });
  }
}

export default function Account() {
  const { user, manageInstanceAdmins, sessions, tokens, accountLocale, emailSection } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const locale = useLocale();
  const err = (intent: string, name: string) =>
    data?.intent === intent && data.fields?.[name] ? t(data.fields[name] as MessageKey) : null;

  return (
    <div className="page">
      <h1>{t("account.heading")}</h1>

      <section aria-labelledby="profile-heading" className="card">
        <h2 id="profile-heading">{t("account.profile")}</h2>
        <p>
          {t("field.email")}: <strong className="address">{user.email}</strong>
        </p>
        <IntentMessage result={data} intents={["update-name"]} />
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="update-name" />
          <Field
            label={t("field.name")}
            name="name"
            defaultValue={user.name}
            required
            error={err("update-name", "name")}
          />
          <button type="submit" className="button button--secondary">
            {t("action.save")}
          </button>
        </Form>
      </section>

      <EmailSection state={emailSection} result={data as EmailSectionResult | undefined} />
      <LanguageSection accountLocale={accountLocale} />

      <section aria-labelledby="password-heading" className="card">
        <h2 id="password-heading">{t("account.changePassword")}</h2>
        <p className="muted">{t("account.changePasswordHelp")}</p>
        <IntentMessage result={data} intents={["change-password"]} />
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="change-password" />
          <Field
            label={t("account.currentPassword")}
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            error={err("change-password", "currentPassword")}
          />
          <Field
            label={t("account.newPassword")}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            hint={t("field.passwordHint", { min: MIN_PASSWORD_LENGTH })}
            error={err("change-password", "newPassword")}
          />
          <button type="submit" className="button button--secondary">
            {t("account.changePassword")}
          </button>
        </Form>
      </section>

      <NotificationSettings />

      <section aria-labelledby="sessions-heading" className="card">
        <h2 id="sessions-heading">{t("account.sessions")}</h2>
        <p className="muted">{t("account.signOutEverywhereHelp")}</p>
        <IntentMessage result={data} intents={["sign-out-others"]} />
        <ul className="list">
          {sessions.map((s, i) => (
            <li key={i}>
              <span>{deviceLabel(s.device, t)}</span>
              <span className="muted">
                {t("account.sessionSince", { date: formatDateTime(s.createdAt, locale) })}
                {s.current ? ` · ${t("account.thisDevice")}` : ""}
              </span>
            </li>
          ))}
        </ul>
        <div className="actions">
          <Form method="post">
            <input type="hidden" name="intent" value="sign-out-others" />
            <button type="submit" className="button button--secondary">
              {t("account.signOutOthers")}
            </button>
          </Form>
          <Form method="post">
            <input type="hidden" name="intent" value="sign-out-everywhere" />
            <button type="submit" className="button button--danger">
              {t("account.signOutEverywhere")}
            </button>
          </Form>
        </div>
      </section>

      <section aria-labelledby="tokens-heading" className="card">
        <h2 id="tokens-heading">{t("account.apiTokens")}</h2>
        <p className="muted">{t("account.apiTokensHelp")}</p>
        <IntentMessage result={data} intents={["create-token"]} />
        <IntentMessage result={data} intents={["revoke-token"]} />
        {data?.newToken ? (
          <div className="new-token">
            <label htmlFor="new-token">{t("account.tokenShownOnce")}</label>
            <input id="new-token" readOnly value={data.newToken} className="mono" />
            <CopyButton value={data.newToken} fieldId="new-token" label={t("copy.token")} />
          </div>
        ) : null}
        {tokens.length ? (
          <ul className="list">
            {tokens.map((token) => (
              <li key={token.id}>
                <span>
                  <strong>{token.name}</strong> <code>{token.prefix}…</code>
                </span>
                <span className="muted">
                  {token.lastUsedAt
                    ? t("account.tokenLastUsed", { date: formatDateTime(token.lastUsedAt, locale) })
                    : t("account.tokenNeverUsed")}
                </span>
                <Form method="post">
                  <input type="hidden" name="intent" value="revoke-token" />
                  <input type="hidden" name="tokenId" value={token.id} />
                  <button
                    type="submit"
                    className="button button--quiet"
                    aria-label={t("account.revokeToken", { name: token.name })}
                  >
                    {t("action.revoke")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("account.noTokens")}</p>
        )}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="create-token" />
          <Field label={t("account.tokenName")} name="name" required error={err("create-token", "name")} />
          <button type="submit" className="button button--secondary">
            {t("account.createToken")}
          </button>
        </Form>
      </section>

      <DeleteAccountSection />

      {manageInstanceAdmins ? (
        <section aria-labelledby="admin-heading" className="card">
          <h2 id="admin-heading">{t("account.adminHeading")}</h2>
          <p>{t("account.adminHelp")}</p>
          <p>
            <Link to="/instance/admins">{t("account.manageAdmins")}</Link>
          </p>
        </section>
      ) : null}
    </div>
  );
}
