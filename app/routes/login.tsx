import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { Field, FormMessage } from "../components/ui/field";
import { accountLocaleCookie } from "../i18n/locale.server";
import { loginSchema } from "../utils/form-schemas.server";
import { useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";
import { recordAudit } from "../models/audit.server";
import { createSession } from "../models/sessions.server";
import { normalizeEmail, verifyCredentials } from "../models/users.server";
import { readForm } from "../utils/forms.server";
import { safeRedirect } from "../utils/safe-redirect";
import { pageTitle } from "../utils/meta";
import { getAuth, sessionCookie } from "../utils/session.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "login.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (await getAuth(request, context)) throw redirect(redirectTo);
  return null;
}

type ActionData = { formError: MessageKey; minutes?: number; email?: string };

export async function action({ request, context }: ActionFunctionArgs) {
  const { values } = await readForm(request);
  const parsed = loginSchema.safeParse(values);
  if (!parsed.success) return json<ActionData>({ formError: "login.invalid", email: values.email }, { status: 400 });

  const email = normalizeEmail(parsed.data.email);
  const { byEmail, byAddress } = context.loginLimiter;
  const wait = Math.max(byEmail.retryAfter(email), byAddress.retryAfter(context.clientAddress));
  if (wait > 0) {
    return json<ActionData>(
      { formError: "auth.tooManyAttempts", minutes: Math.ceil(wait / 60000), email },
      { status: 429 },
    );
  }
  byAddress.hit(context.clientAddress);

  const user = await verifyCredentials(context.db, email, parsed.data.password);
  if (!user) {
    byEmail.hit(email);
    await recordAudit(context.db, { action: "login.failure", ip: context.clientAddress, data: { email } });
    // One message whether or not the account exists.
    return json<ActionData>({ formError: "login.invalid", email }, { status: 400 });
  }
  byEmail.reset(email);
  await recordAudit(context.db, { action: "login.success", actorId: user.id, ip: context.clientAddress });
  const { token, session } = await createSession(context.db, user.id, request.headers.get("User-Agent"));
  const headers = new Headers({ "Set-Cookie": sessionCookie(request, context, token, session.expiresAt) });
  // Unless a language was chosen on this device, the account's applies from the first page on (decision 021).
  headers.append("Set-Cookie", accountLocaleCookie(user.locale));
  return redirect(safeRedirect(values.redirectTo), { headers });
}

export default function Login() {
  const t = useT();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const [params] = useSearchParams();
  const redirectTo = params.get("redirectTo") ?? "";
  const afterReset = params.get("reset") === "1" && !data;
  const busy = useNavigation().state === "submitting";
  return (
    <div className="page narrow">
      <h1>{t("login.heading")}</h1>
      <FormMessage kind="success">{afterReset ? t("login.resetDone") : null}</FormMessage>
      <FormMessage>{data?.formError ? t(data.formError, { minutes: data.minutes ?? 1 }) : null}</FormMessage>
      <Form method="post" className="stack">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field
          label={t("field.email")}
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={data?.email}
        />
        <Field label={t("field.password")} name="password" type="password" autoComplete="current-password" required />
        <button type="submit" className="button" disabled={busy}>
          {t("login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("login.forgot")}</Link>
      </p>
      <p>
        {t("login.noAccount")}{" "}
        <Link to={redirectTo ? `/signup?redirectTo=${encodeURIComponent(redirectTo)}` : "/signup"}>
          {t("home.createAccount")}
        </Link>
      </p>
    </div>
  );
}
