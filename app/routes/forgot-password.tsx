import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormMessage } from "../components/ui/field";
import { useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";
import { fieldErrors, forgotPasswordSchema } from "../utils/form-schemas.server";
import { readForm } from "../utils/forms.server";
import { pageTitle } from "../utils/meta";
import { askForResetLink } from "../utils/password-reset.server";
import { mailUnavailable } from "../utils/mail-config.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "forgot.title");

export async function loader({ context }: LoaderFunctionArgs) {
  return json({ mailUnavailable: mailUnavailable(context) });
}

type ActionData = { sentTo?: string; formError?: MessageKey; minutes?: number; fields?: Record<string, string> };

export async function action({ request, context }: ActionFunctionArgs) {
  if (mailUnavailable(context)) return json<ActionData>({ formError: "forgot.mailNotConfigured" }, { status: 503 });
  const { values } = await readForm(request);
  const parsed = forgotPasswordSchema.safeParse(values);
  if (!parsed.success) return json<ActionData>({ fields: fieldErrors(parsed.error) }, { status: 400 });

  const wait = await askForResetLink(request, context, parsed.data.email);
  if (wait > 0) {
    return json<ActionData>({ formError: "auth.tooManyAttempts", minutes: Math.ceil(wait / 60000) }, { status: 429 });
  }
  // The same answer whether or not an account uses the address.
  return json<ActionData>({ sentTo: parsed.data.email });
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
