import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormMessage } from "../components/ui/field";
import { useT } from "../i18n/react";
import { isUnsubscribeTokenValid, unsubscribeWithToken } from "../models/notification-mail.server";
import { readForm } from "../utils/forms.server";
import { pageTitle } from "../utils/meta";

// The link from a notification mail, for people who are not signed in. The token in the path is
// the whole authority: server/logging.ts redacts it, the page sends no Referer, and POST is
// exempt from the Origin rule so a mail client's RFC 8058 one-click request (no cookies, no
// Origin, body `List-Unsubscribe=One-Click`) works (decision 022). A GET changes nothing: mail
// scanners follow links.

export const meta: MetaFunction = ({ matches }) => [
  ...pageTitle(matches, "unsubscribe.title"),
  { name: "referrer", content: "no-referrer" },
];

export async function loader({ params, context }: LoaderFunctionArgs) {
  const valid = await isUnsubscribeTokenValid(context.db, params.token ?? "");
  return json({ valid }, { status: valid ? 200 : 404 });
}

type ActionData = { done: boolean };

/** The page's button and a mail client's one-click POST alike: notification mail off, the link spent. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  // Read (and bounded) like every form; its fields do not matter: the token decides, so a mail
  // client that labels its one-click body oddly is not refused for that.
  await readForm(request).catch((refusal: unknown) => {
    if (!(refusal instanceof Response && refusal.status === 415)) throw refusal;
  });
  const userId = await unsubscribeWithToken(context.db, params.token ?? "", context.clientAddress);
  return json<ActionData>({ done: userId !== null }, { status: userId ? 200 : 404 });
}

export default function Unsubscribe() {
  const t = useT();
  const { valid } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  return (
    <div className="page narrow">
      <h1>{t("unsubscribe.heading")}</h1>
      {data?.done ? (
        <>
          <FormMessage kind="success">{t("unsubscribe.done")}</FormMessage>
          <p>
            <Link to="/account#mail-notifications">{t("unsubscribe.changeSettings")}</Link>
          </p>
        </>
      ) : !valid || data ? (
        <>
          <FormMessage>{t("unsubscribe.invalid")}</FormMessage>
          <p>
            <Link to="/account#mail-notifications">{t("unsubscribe.toAccount")}</Link>
          </p>
        </>
      ) : (
        <Form method="post" className="stack">
          <p>{t("unsubscribe.explain")}</p>
          <div>
            <button type="submit" className="button">
              {t("unsubscribe.submit")}
            </button>
          </div>
        </Form>
      )}
    </div>
  );
}
