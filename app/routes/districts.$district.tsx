import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AdminList } from "../components/admin-list";
import { RemovalMessage } from "../components/ui/removal-message";
import { Field, FormMessage, SelectField } from "../components/ui/field";
import { accountIdSchema, fieldErrors, workspaceSchema } from "../domain/validation";
import { useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";
import { recordAudit } from "../models/audit.server";
import {
  districtAdminCandidates,
  grantDistrictAdmin,
  listDistrictAdmins,
  revokeDistrictAdmin,
} from "../models/district-admins.server";
import { createWorkspace, listDistrictWorkspaces } from "../models/workspaces.server";
import { readForm } from "../utils/forms.server";
import { requireDistrict } from "../utils/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.district.name ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, district, role, may } = await requireDistrict(request, context, params.district, "read");
  const isAdmin = may("manage");
  const workspaces = await listDistrictWorkspaces(context.db, district, auth.user.id, isAdmin);
  const [admins, candidates] = isAdmin
    ? await Promise.all([listDistrictAdmins(context.db, district.id), districtAdminCandidates(context.db, district.id)])
    : [[], []];
  return json({
    district: { slug: district.slug, name: district.name },
    role,
    canManage: isAdmin,
    admins: admins.map((a) => ({ id: a.id, name: a.name, me: a.id === auth.user.id })),
    candidates,
    workspaces: workspaces.map((w) => ({
      slug: w.workspace.slug,
      name: w.workspace.name,
      description: w.workspace.description,
      role: w.role,
    })),
  });
}

type ActionData = {
  intent: string;
  fields?: Record<string, string>;
  formError?: MessageKey;
  success?: MessageKey;
  name?: string;
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { auth, district } = await requireDistrict(request, context, params.district, "manage");
  const { values } = await readForm(request);
  // The workspace form predates intents: a form without one creates a workspace.
  const intent = values.intent ?? "create-workspace";
  const fail = (data: Omit<ActionData, "intent">, status = 400) => json<ActionData>({ intent, ...data }, { status });
  switch (intent) {
    case "create-workspace": {
      const parsed = workspaceSchema.safeParse(values);
      if (!parsed.success) return fail({ fields: fieldErrors(parsed.error) });
      const workspace = await createWorkspace(context.db, {
        districtId: district.id,
        userId: auth.user.id,
        name: parsed.data.name,
        description: parsed.data.description,
      });
      return redirect(`/workspaces/${workspace.slug}`);
    }
    case "grant-admin": {
      const userId = accountIdSchema.safeParse(values.userId);
      const result = userId.success ? await grantDistrictAdmin(context.db, district.id, userId.data) : null;
      if (!result?.ok) return fail({ fields: { userId: "districtAdmins.notCandidate" } }, 422);
      if (result.changed) {
        await recordAudit(context.db, {
          action: "district_admin.grant",
          actorId: auth.user.id,
          districtId: district.id,
          targetUserId: result.user.id,
          ip: context.clientAddress,
        });
      }
      return json<ActionData>({ intent, success: "districtAdmins.granted", name: result.user.name });
    }
    case "revoke-admin": {
      const userId = accountIdSchema.safeParse(values.userId);
      const result = userId.success ? await revokeDistrictAdmin(context.db, district.id, userId.data) : null;
      if (!result?.ok) {
        return result?.reason === "last_admin"
          ? fail({ formError: "districtAdmins.lastAdmin" }, 409)
          : fail({ formError: "districtAdmins.notFound" }, 404);
      }
      await recordAudit(context.db, {
        action: "district_admin.revoke",
        actorId: auth.user.id,
        districtId: district.id,
        targetUserId: result.user.id,
        ip: context.clientAddress,
      });
      // Whoever stepped down may no longer manage the district (nor read it, outside its workspaces).
      if (result.user.id === auth.user.id) return redirect("/districts");
      return json<ActionData>({ intent, success: "districtAdmins.revoked", name: result.user.name });
    }
    default:
      return fail({ formError: "error.unknownAction" });
  }
}

export default function DistrictPage() {
  const { district, canManage, workspaces, admins, candidates } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const t = useT();
  const err = (intent: string, name: string) =>
    data?.intent === intent && data.fields?.[name] ? t(data.fields[name] as MessageKey) : null;
  // A removal takes its row (and the focused button) away: its message catches the focus.
  const message = (intent: string, removal = false) => {
    if (data?.intent !== intent) return null;
    const Message = removal ? RemovalMessage : FormMessage;
    if (data.success) return <Message kind="success">{t(data.success, { name: data.name ?? "" })}</Message>;
    return data.formError ? <Message>{t(data.formError)}</Message> : null;
  };
  return (
    <div className="page">
      <p className="eyebrow">{t("districts.district")}</p>
      <h1>{district.name}</h1>
      <p>
        <Link to={`/districts/${district.slug}/data`}>{t("data.manage")}</Link>
      </p>
      <h2>{t("workspaces.heading")}</h2>
      {workspaces.length ? (
        <ul className="card-list">
          {workspaces.map((w) => (
            <li key={w.slug} className="card">
              <h3>{w.role ? <Link to={`/workspaces/${w.slug}`}>{w.name}</Link> : w.name}</h3>
              {w.description ? <p>{w.description}</p> : null}
              <p className="muted">{w.role ? t(`role.${w.role}`) : t("workspaces.notMember")}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("workspaces.noneInDistrict")}</p>
      )}
      {canManage ? (
        <section aria-labelledby="new-workspace" className="card">
          <h2 id="new-workspace">{t("workspaces.create")}</h2>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="create-workspace" />
            <Field label={t("workspaces.name")} name="name" required error={err("create-workspace", "name")} />
            <div className="field">
              <label htmlFor="workspace-description">{t("workspaces.description")}</label>
              <textarea id="workspace-description" name="description" rows={3} maxLength={2000} />
            </div>
            <button type="submit" className="button">
              {t("workspaces.create")}
            </button>
          </Form>
        </section>
      ) : null}
      {canManage ? (
        <section aria-labelledby="district-admins-heading" className="card">
          <h2 id="district-admins-heading">{t("districtAdmins.heading")}</h2>
          <p className="muted">{t("districtAdmins.help")}</p>
          {message("revoke-admin", true)}
          <AdminList
            admins={admins}
            intent="revoke-admin"
            words={{
              revoke: "districtAdmins.revoke",
              revokeFrom: "districtAdmins.revokeFrom",
              last: "districtAdmins.lastAdmin",
            }}
          />
          <h3>{t("districtAdmins.add")}</h3>
          {message("grant-admin")}
          {candidates.length ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="grant-admin" />
              <SelectField
                label={t("districtAdmins.person")}
                name="userId"
                // Nobody chosen until someone is: one stray click names no one.
                options={[
                  { value: "", label: t("districtAdmins.choose") },
                  ...candidates.map((c) => ({
                    value: c.id,
                    label: c.workspaces.length ? `${c.name} — ${c.workspaces.join(", ")}` : c.name,
                  })),
                ]}
                error={err("grant-admin", "userId")}
              />
              <button type="submit" className="button button--secondary">
                {t("districtAdmins.add")}
              </button>
            </Form>
          ) : (
            <p className="muted">{t("districtAdmins.noCandidates")}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
