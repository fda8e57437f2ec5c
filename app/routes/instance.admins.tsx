import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { AdminList } from "../components/admin-list";
import { RemovalMessage } from "../components/ui/removal-message";
import { Field, FormMessage } from "../components/ui/field";
import { accountIdSchema, fieldErrors, instanceAdminSchema } from "../domain/validation";
import { useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";
import { recordAudit } from "../models/audit.server";
import { grantInstanceAdmin, listInstanceAdmins, revokeInstanceAdmin } from "../models/users.server";
import { readForm } from "../utils/forms.server";
import { requireInstance } from "../utils/guards.server";
import { pageTitle } from "../utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "admins.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireInstance(request, context, "manage_instance_admins");
  const admins = await listInstanceAdmins(context.db);
  return json({
    admins: admins.map((a) => ({ ...a, me: a.id === user.id })),
    districtCreation: context.config.districtCreation,
  });
}

type ActionData = {
  intent: string;
  fields?: Record<string, string>;
  formError?: MessageKey;
  success?: MessageKey;
  name?: string;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireInstance(request, context, "manage_instance_admins");
  const { values } = await readForm(request);
  const intent = values.intent ?? "";
  const fail = (data: Omit<ActionData, "intent">, status = 400) => json<ActionData>({ intent, ...data }, { status });

  switch (intent) {
    case "grant": {
      const parsed = instanceAdminSchema.safeParse(values);
      if (!parsed.success) return fail({ fields: fieldErrors(parsed.error) });
      const result = await grantInstanceAdmin(context.db, parsed.data.email);
      if (!result.ok) return fail({ fields: { email: "admins.noAccount" } }, 404);
      if (result.changed) {
        await recordAudit(context.db, {
          action: "instance_admin.grant",
          actorId: user.id,
          targetUserId: result.user.id,
          ip: context.clientAddress,
        });
      }
      return json<ActionData>({
        intent,
        success: result.changed ? "admins.granted" : "admins.alreadyAdmin",
        name: result.user.name,
      });
    }
    case "revoke": {
      const userId = accountIdSchema.safeParse(values.userId);
      if (!userId.success) return fail({ formError: "admins.notFound" }, 404);
      const result = await revokeInstanceAdmin(context.db, userId.data);
      if (!result.ok) {
        return result.reason === "last_admin"
          ? fail({ formError: "admins.lastAdmin" }, 409)
          : fail({ formError: "admins.notFound" }, 404);
      }
      if (result.changed) {
        await recordAudit(context.db, {
          action: "instance_admin.revoke",
          actorId: user.id,
          targetUserId: result.user.id,
          ip: context.clientAddress,
        });
      }
      // Whoever gave up their own right may no longer see this page.
      if (result.user.id === user.id) return redirect("/account");
      return json<ActionData>({ intent, success: "admins.revoked", name: result.user.name });
    }
    default:
      return fail({ formError: "error.unknownAction" });
  }
}

export default function InstanceAdmins() {
  const { admins, districtCreation } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  // A removal takes its row (and the focused button) away: its message catches the focus.
  const message = (intent: string, removal = false) => {
    if (data?.intent !== intent) return null;
    const Message = removal ? RemovalMessage : FormMessage;
    if (data.success) return <Message kind="success">{t(data.success, { name: data.name ?? "" })}</Message>;
    return data.formError ? <Message>{t(data.formError)}</Message> : null;
  };

  return (
    <div className="page">
      <h1>{t("admins.heading")}</h1>
      <p className="lead">{t("admins.help")}</p>
      <p>{t(districtCreation === "anyone" ? "admins.settingAnyone" : "admins.settingAdmins")}</p>

      <section aria-labelledby="admins-list-heading" className="card">
        <h2 id="admins-list-heading">{t("admins.listHeading", { count: admins.length })}</h2>
        {message("revoke", true)}
        <AdminList
          admins={admins}
          intent="revoke"
          words={{ revoke: "admins.revoke", revokeFrom: "admins.revokeFrom", last: "admins.lastAdmin" }}
        />
      </section>

      <section aria-labelledby="admins-add-heading" className="card">
        <h2 id="admins-add-heading">{t("admins.add")}</h2>
        {message("grant")}
        <Form method="post" className="stack" noValidate>
          <input type="hidden" name="intent" value="grant" />
          <Field
            label={t("field.email")}
            name="email"
            type="email"
            autoComplete="off"
            required
            hint={t("admins.addHelp")}
            error={data?.intent === "grant" && data.fields?.email ? t(data.fields.email as MessageKey) : null}
          />
          <button type="submit" className="button button--secondary">
            {t("admins.add")}
          </button>
        </Form>
      </section>
    </div>
  );
}
