import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "../components/ui/field";
import { fieldErrors, workspaceSchema } from "../domain/validation";
import { useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";
import { createWorkspace, listDistrictWorkspaces } from "../models/workspaces.server";
import { readForm } from "../utils/forms.server";
import { requireDistrict } from "../utils/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.district.name ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, district, role, may } = await requireDistrict(request, context, params.district, "read");
  const isAdmin = may("manage");
  const workspaces = await listDistrictWorkspaces(context.db, district, auth.user.id, isAdmin);
  return json({
    district: { slug: district.slug, name: district.name },
    role,
    canManage: isAdmin,
    workspaces: workspaces.map((w) => ({
      slug: w.workspace.slug,
      name: w.workspace.name,
      description: w.workspace.description,
      role: w.role,
    })),
  });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { auth, district } = await requireDistrict(request, context, params.district, "manage");
  const { values } = await readForm(request);
  const parsed = workspaceSchema.safeParse(values);
  if (!parsed.success) return json({ fields: fieldErrors(parsed.error) }, { status: 400 });
  const workspace = await createWorkspace(context.db, {
    districtId: district.id,
    userId: auth.user.id,
    name: parsed.data.name,
    description: parsed.data.description,
  });
  return redirect(`/workspaces/${workspace.slug}`);
}

export default function DistrictPage() {
  const { district, canManage, workspaces } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const err = (name: string) => (data?.fields?.[name] ? t(data.fields[name] as MessageKey) : null);
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
            <Field label={t("workspaces.name")} name="name" required error={err("name")} />
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
    </div>
  );
}
