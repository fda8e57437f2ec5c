import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { MAX_PASSWORD_LENGTH } from "../domain/session-policy";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { DeleteAccountForm, type DeleteAccountResult, type DeletionPreview } from "../features/account/delete-account";
import { confirmsDeletion } from "../domain/leaving";
import { useT } from "../i18n/react";
import { previewAccountDeletion } from "../models/account-deletion.server";
import { attemptAccountDeletion } from "../utils/account-deletion.server";
import { readForm } from "../utils/forms.server";
import { requireUser } from "../utils/guards.server";
import { pageTitle } from "../utils/meta";
import { clearedSessionCookie } from "../utils/session.server";
import { clearedAccountLocaleCookie } from "../i18n/locale.server";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "deleteAccount.pageTitle");

/** What deleting the account would do now; the Account page's section loads it too. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, context);
  const check = await previewAccountDeletion(context.db, user.id);
  const nameOf = (x: { name: string }) => x.name;
  const preview: DeletionPreview = check.ok
    ? {
        soleWorkspaces: check.deletedWorkspaces.map(nameOf),
        soleDistricts: check.deletedDistricts.map(nameOf),
        refusal: null,
      }
    : {
        soleWorkspaces: [],
        soleDistricts: [],
        refusal:
          check.reason === "last_owner"
            ? { reason: "last_owner", workspaces: check.workspaces.map(nameOf) }
            : check.reason === "last_district_admin"
              ? { reason: "last_district_admin", districts: check.districts.map(nameOf) }
              : { reason: "last_instance_admin" },
      };
  return json({ preview }, { headers: { "Cache-Control": "private, no-store" } });
}

/** Deletes the account after the confirmation word and the password; then signs out to /account-deleted. */
export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireUser(request, context);
  const { values } = await readForm(request);
  const fields: NonNullable<DeleteAccountResult["fields"]> = {};
  if (!confirmsDeletion(values.confirm ?? "")) fields.confirm = "deleteAccount.confirmWordWrong";
  // Nothing longer than a password can be is hashed to be compared.
  if (!values.password || values.password.length > MAX_PASSWORD_LENGTH) fields.password = "deleteAccount.passwordWrong";
  if (fields.confirm || fields.password) return json<DeleteAccountResult>({ fields }, { status: 400 });

  const result = await attemptAccountDeletion(context, auth, values.password!);
  switch (result.kind) {
    case "deleted": {
      const headers = new Headers({ "Set-Cookie": clearedSessionCookie(request, context) });
      headers.append("Set-Cookie", clearedAccountLocaleCookie());
      return redirect("/account-deleted", { headers });
    }
    case "wrong_password":
      return json<DeleteAccountResult>({ fields: { password: "deleteAccount.passwordWrong" } }, { status: 403 });
    case "rate_limited":
      return json<DeleteAccountResult>(
        { formError: "deleteAccount.tooManyAttempts", minutes: Math.ceil(result.waitMs / 60000) },
        { status: 429 },
      );
    case "refused": {
      const quoted = (list: { name: string }[]) => list.map((x) => `“${x.name}”`).join(", ");
      const refusal = result.refusal;
      return json<DeleteAccountResult>(
        refusal.reason === "last_owner"
          ? { formError: "deleteAccount.lastOwner", names: quoted(refusal.workspaces) }
          : refusal.reason === "last_district_admin"
            ? { formError: "deleteAccount.lastDistrictAdmin", names: quoted(refusal.districts) }
            : { formError: "deleteAccount.lastInstanceAdmin" },
        { status: 409 },
      );
    }
  }
}

/** The same form on a page of its own: where it lands without JavaScript, and a direct address. */
export default function DeleteAccountPage() {
  const t = useT();
  const { preview } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as DeleteAccountResult | undefined;
  const busy = useNavigation().state === "submitting";
  return (
    <div className="page narrow">
      <h1>{t("deleteAccount.heading")}</h1>
      <DeleteAccountForm FormAs={Form} result={result} preview={preview} busy={busy} />
    </div>
  );
}
