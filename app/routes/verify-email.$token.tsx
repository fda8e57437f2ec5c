import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormMessage } from "../components/ui/field";
import type { EmailConfirmationPurpose } from "../domain/mail";
import { useT } from "../i18n/react";
import { recordAudit } from "../models/audit.server";
import { confirmEmail, findPendingConfirmation } from "../models/email-confirmations.server";
import { pageTitle } from "../utils/meta";

// The token in the path is the whole key: server/logging.ts redacts it, and the page keeps it out
// of Referer headers. Opening the link only shows what it confirms; the button (a POST) confirms,
// because mail scanners open every link in a message and must not confirm on the person's behalf.

export const meta: MetaFunction = ({ matches }) => [
  ...pageTitle(matches, "verify.title"),
  { name: "referrer", content: "no-referrer" },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const pending = await findPendingConfirmation(context.db, params.token ?? "");
  return json({ pending }, { status: pending ? 200 : 404 });
}

type ActionData =
  { done: true; purpose: EmailConfirmationPurpose; email: string } | { done: false; reason: "invalid" | "taken" };

export async function action({ params, context }: ActionFunctionArgs) {
  const result = await confirmEmail(context.db, params.token ?? "");
  if (!result.ok) {
    return json<ActionData>({ done: false, reason: result.reason }, { status: result.reason === "taken" ? 409 : 404 });
  }
  await recordAudit(context.db, {
    action: result.purpose === "verify" ? "user.email_verified" : "user.email_changed",
    actorId: result.userId,
    ip: context.clientAddress,
  });
  return json<ActionData>({ done: true, purpose: result.purpose, email: result.email });
}

export default function VerifyEmail() {
  const t = useT();
  const { pending } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const busy = useNavigation().state === "submitting";
  const heading =
    (data?.done ? data.purpose : pending?.purpose) === "change" ? "verify.changeHeading" : "verify.heading";
  return (
    <div className="page narrow">
      <h1>{t(heading)}</h1>
      {data?.done ? (
        <>
          <FormMessage kind="success">
            {t(data.purpose === "change" ? "verify.changed" : "verify.verified", { email: data.email })}
          </FormMessage>
          <p>
            <Link to="/account">{t("verify.toAccount")}</Link>
          </p>
        </>
      ) : data?.reason === "taken" ? (
        <FormMessage>{t("verify.taken")}</FormMessage>
      ) : !pending || data ? (
        <>
          <FormMessage>{t("verify.invalid")}</FormMessage>
          <p>
            <Link to="/account">{t("verify.askAgain")}</Link>
          </p>
        </>
      ) : (
        <>
          <p>{t(pending.purpose === "change" ? "verify.changeLead" : "verify.lead", { email: pending.email })}</p>
          <Form method="post">
            <button type="submit" className="button" disabled={busy}>
              {t(pending.purpose === "change" ? "verify.changeSubmit" : "verify.submit")}
            </button>
          </Form>
        </>
      )}
    </div>
  );
}
