import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormMessage } from "../components/ui/field";
import { useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";
import { maskAddress } from "../domain/invitation-addresses";
import { acceptInvitation, lookupInvitation } from "../models/invitations.server";
import { requireUser } from "../utils/guards.server";
import { pageTitle } from "../utils/meta";
import { getAuth } from "../utils/session.server";
import { authorize } from "../utils/authorize.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "invite.title");

const stateMessages: Record<string, MessageKey> = {
  expired: "invite.expired",
  used_up: "invite.usedUp",
  revoked: "invite.revokedLink",
  not_found: "invite.invalid",
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const auth = await getAuth(request, context);
  const lookup = await lookupInvitation(context.db, params.token ?? "");
  if (!lookup.found) return json({ status: "not_found" as const }, { status: 404 });
  const alreadyMember = auth
    ? (await authorize(context, auth.user.id, { kind: "workspace", slug: lookup.workspace.slug }, "read")).ok
    : false;
  if (alreadyMember) throw redirect(`/workspaces/${lookup.workspace.slug}`);
  if (lookup.state !== "valid") return json({ status: lookup.state }, { status: 410 });
  // An invitation sent by mail names its address only masked: the link may have been forwarded.
  const sentTo = lookup.invitation.email;
  const wrongAccount = Boolean(sentTo && auth && auth.user.email.toLowerCase() !== sentTo);
  return json(
    {
      status: "valid" as const,
      sentTo: sentTo ? maskAddress(sentTo) : null,
      wrongAccount,
      signedInAs: wrongAccount ? auth!.user.email : null,
      signedIn: Boolean(auth),
      returnTo: new URL(request.url).pathname,
      workspace: lookup.workspace.name,
      district: lookup.districtName,
      role: lookup.invitation.role,
      stakeholderGroup: lookup.invitation.stakeholderGroup,
    },
    { status: wrongAccount ? 403 : 200 },
  );
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { user } = await requireUser(request, context);
  const result = await acceptInvitation(context.db, params.token ?? "", user.id);
  if (!result.ok && result.reason === "wrong_account") {
    const vars = { email: user.email, address: result.sentTo };
    return json({ formError: "invite.wrongAccount" as MessageKey, vars }, { status: 403 });
  }
  if (!result.ok)
    return json({ formError: stateMessages[result.reason] ?? "invite.invalid", vars: {} }, { status: 410 });
  return redirect(`/workspaces/${result.workspace.slug}`);
}

export default function InvitationLanding() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  if (data.status !== "valid") {
    return (
      <div className="page narrow">
        <h1>{t("invite.title")}</h1>
        <p>{t(stateMessages[data.status] ?? "invite.invalid")}</p>
      </div>
    );
  }
  return (
    <div className="page narrow">
      <h1>{t("invite.joinHeading", { workspace: data.workspace })}</h1>
      <p className="lead">
        {t("invite.joinLead", {
          district: data.district,
          role: t(`role.${data.role}`),
          group: t(`group.${data.stakeholderGroup}`),
        })}
      </p>
      {data.sentTo && !data.wrongAccount ? <p>{t("invite.sentTo", { address: data.sentTo })}</p> : null}
      <FormMessage>
        {data.wrongAccount
          ? t("invite.wrongAccount", { email: data.signedInAs ?? "", address: data.sentTo ?? "" })
          : actionData?.formError
            ? t(actionData.formError, actionData.vars)
            : null}
      </FormMessage>
      {data.wrongAccount ? null : data.signedIn ? (
        <Form method="post">
          <button type="submit" className="button">
            {t("invite.join")}
          </button>
        </Form>
      ) : (
        <InviteAuthLinks returnTo={data.returnTo} />
      )}
    </div>
  );
}

function InviteAuthLinks({ returnTo }: { returnTo: string }) {
  const t = useT();
  // Sign-up or sign-in comes back to this invitation.
  const back = `?redirectTo=${encodeURIComponent(returnTo)}`;
  return (
    <>
      <p>{t("invite.needAccount")}</p>
      <p className="actions">
        <Link to={`/signup${back}`} className="button">
          {t("home.createAccount")}
        </Link>
        <Link to={`/login${back}`} className="button button--secondary">
          {t("nav.signIn")}
        </Link>
      </p>
    </>
  );
}
