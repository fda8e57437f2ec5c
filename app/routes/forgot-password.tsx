import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormMessage } from "../components/ui/field";
import { getLocale } from "../i18n/locale.server";
import { useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";
import { recordAudit } from "../models/audit.server";
import { requestPasswordReset } from "../models/password-resets.server";
import { normalizeEmail } from "../models/users.server";
import { fieldErrors, forgotPasswordSchema } from "../utils/form-schemas.server";
import { readForm } from "../utils/forms.server";
import { pageTitle } from "../utils/meta";
import { passwordResetUrl } from "../utils/urls.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "forgot.title");

// In development and tests mail waits in the outbox (/dev/mail); only production needs a mail server.
const mailUnavailable = (context: LoaderFunctionArgs["context"]) =>
  context.config.isProduction && !context.config.mailConfigured;

export async function loader({ context }: LoaderFunctionArgs) {
  return json({ mailUnavailable: mailUnavailable(context) });
}

type ActionData = { sentTo?: string; formError?: MessageKey; minutes?: number; fields?: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  if (mailUnavailable(context)) return json<ActionData>({ formError: "forgot.mailNotConfigured" }, { status: 503 });
  const { values } = await readForm(request);
  const parsed = forgotPasswordSchema.safeParse(values);
  if (!parsed.success) return json<ActionData>({ fields: fieldErrors(parsed.error) }, { status: 400 });

  const email = normalizeEmail(parsed.data.email);
  const { byEmail, byAddress } = context.resetLimiter;
  const wait = Math.max(byEmail.retryAfter(email), byAddress.retryAfter(context.clientAddress));
  if (wait > 0) {
    return json<ActionData>({ formError: "auth.tooManyAttempts", minutes: Math.ceil(wait / 60000) }, { status: 429 });
  }
  // Counted whether or not the address has an account, so the limit reveals nothing either.
  byEmail.hit(email);
  byAddress.hit(context.clientAddress);

  await requestPasswordReset(context.db, {
    email,
    locale: getLocale(request),
    resetUrl: (token) => passwordResetUrl(request, context, token),
  });
  await recordAudit(context.db, { action: "password.reset_requested", ip: context.clientAddress, data: { email } });
  // The same answer whether or not an account uses the address.
  return json<ActionData>({ sentTo: email });
}

export default function ForgotPassword() {
  const t = useT();
  const { mailUnavailable } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  const err = (name: string) => (data?.fields?.[name] ? t(data.fields[name] as MessageKey) : null);
  return (
    <div className="page narrow">
      <h1>{t("forgot.heading")}</h1>
      {mailUnavailable ? (
        <FormMessage>{t("forgot.mailNotConfigured")}</FormMessage>
      ) : data?.sentTo ? (
        <FormMessage kind="success">{t("forgot.sent", { email: data.sentTo })}</FormMessage>
      ) : (
        <>
          <p>{t("forgot.lead")}</p>
          <FormMessage>{data?.formError ? t(data.formError, { minutes: data.minutes ?? 1 }) : null}</FormMessage>
          <Form method="post" className="stack">
            <Field
              label={t("field.email")}
              name="email"
              type="email"
              autoComplete="email"
              required
              error={err("email")}
            />
            <button type="submit" className="button" disabled={busy}>
              {t("forgot.submit")}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/login">{t("nav.signIn")}</Link>
      </p>
    </div>
  );
}
