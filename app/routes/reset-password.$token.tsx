import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Field, FormMessage } from "../components/ui/field";
import { MIN_PASSWORD_LENGTH } from "../domain/session-policy";
import { useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";
import { recordAudit } from "../models/audit.server";
import { isResetTokenValid, resetPassword } from "../models/password-resets.server";
import { fieldErrors, resetPasswordSchema } from "../utils/form-schemas.server";
import { readForm } from "../utils/forms.server";
import { pageTitle } from "../utils/meta";

// The token in the path is the whole key: server/logging.ts redacts it, and the page
// keeps it out of Referer headers for the links it shows.

export const meta: MetaFunction = ({ matches }) => [
  ...pageTitle(matches, "reset.title"),
  { name: "referrer", content: "no-referrer" },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const valid = await isResetTokenValid(context.db, params.token ?? "");
  return json({ valid }, { status: valid ? 200 : 404 });
}

type ActionData = { invalid?: true; fields?: Record<string, string> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { values } = await readForm(request);
  const parsed = resetPasswordSchema.safeParse(values);
  if (!parsed.success) return json<ActionData>({ fields: fieldErrors(parsed.error) }, { status: 400 });
  const userId = await resetPassword(context.db, params.token ?? "", parsed.data.password);
  if (!userId) return json<ActionData>({ invalid: true }, { status: 404 });
  await recordAudit(context.db, { action: "password.reset", actorId: userId, ip: context.clientAddress });
  return redirect("/login?reset=1");
}

export default function ResetPassword() {
  const t = useT();
  const { valid } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  const err = (name: string) => (data?.fields?.[name] ? t(data.fields[name] as MessageKey) : null);
  return (
    <div className="page narrow">
      <h1>{t("reset.heading")}</h1>
      {!valid || data?.invalid ? (
        <>
          <FormMessage>{t("reset.invalid")}</FormMessage>
          <p>
            <Link to="/forgot-password">{t("reset.askAgain")}</Link>
          </p>
        </>
      ) : (
        <Form method="post" className="stack">
          <Field
            label={t("field.newPassword")}
            name="password"
            type="password"
            autoComplete="new-password"
            required
            minLength={MIN_PASSWORD_LENGTH}
            hint={t("field.passwordHint", { min: MIN_PASSWORD_LENGTH })}
            error={err("password")}
          />
          <button type="submit" className="button" disabled={busy}>
            {t("reset.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
