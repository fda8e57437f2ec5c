import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, FormMessage } from "../components/ui/field";
import { fieldErrors, signupSchema } from "../utils/form-schemas.server";
import { MIN_PASSWORD_LENGTH } from "../domain/session-policy";
import { useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";
import { recordAudit } from "../models/audit.server";
import { createSession } from "../models/sessions.server";
import { signUp } from "../utils/account-email.server";
import { readForm } from "../utils/forms.server";
import { safeRedirect } from "../utils/safe-redirect";
import { pageTitle } from "../utils/meta";
import { getAuth, sessionCookie } from "../utils/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "signup.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (await getAuth(request, context)) throw redirect(redirectTo);
  return null;
}

type ActionData = { fields?: Record<string, string>; formError?: MessageKey; minutes?: number };

export async function action({ request, context }: ActionFunctionArgs) {
  const { values } = await readForm(request);
  const limiter = context.loginLimiter.byAddress;
  const wait = limiter.retryAfter(context.clientAddress);
  if (wait > 0) {
    return json<ActionData>({ formError: "auth.tooManyAttempts", minutes: Math.ceil(wait / 60000) }, { status: 429 });
  }
  limiter.hit(context.clientAddress);

  const parsed = signupSchema.safeParse(values);
  if (!parsed.success) return json<ActionData>({ fields: fieldErrors(parsed.error) }, { status: 400 });

  const user = await signUp(request, context, parsed.data);
  if (!user) return json<ActionData>({ formError: "signup.emailUnavailable" }, { status: 400 });
  await recordAudit(context.db, { action: "user.signup", actorId: user.id, ip: context.clientAddress });

  const { token, session } = await createSession(context.db, user.id, request.headers.get("User-Agent"));
  return redirect(safeRedirect(values.redirectTo), {
    headers: { "Set-Cookie": sessionCookie(request, context, token, session.expiresAt) },
  });
}

export default function Signup() {
  const t = useT();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "";
  const busy = useNavigation().state === "submitting";
  const err = (name: string) => (data?.fields?.[name] ? t(data.fields[name] as MessageKey) : null);
  return (
    <div className="page narrow">
      <h1>{t("signup.heading")}</h1>
      <FormMessage>{data?.formError ? t(data.formError, { minutes: data.minutes ?? 1 }) : null}</FormMessage>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field label={t("field.name")} name="name" autoComplete="name" required error={err("name")} />
        <Field label={t("field.email")} name="email" type="email" autoComplete="email" required error={err("email")} />
        <Field
          label={t("field.password")}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD_LENGTH}
          hint={t("field.passwordHint", { min: MIN_PASSWORD_LENGTH })}
          error={err("password")}
        />
        <button type="submit" className="button" disabled={busy}>
          {t("signup.submit")}
        </button>
      </Form>
      <p>
        {t("signup.haveAccount")}{" "}
        <Link to={redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : "/login"}>
          {t("nav.signIn")}
        </Link>
      </p>
    </div>
  );
}
