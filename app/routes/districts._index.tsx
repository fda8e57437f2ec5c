import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "../components/ui/field";
import { districtsReached } from "../domain/districts-reached";
import { districtSchema, fieldErrors } from "../domain/validation";
import { useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";
import { createDistrict, listUserDistricts } from "../models/districts.server";
import { listUserWorkspaces } from "../models/workspaces.server";
import { readForm } from "../utils/forms.server";
import { instancePermissions } from "../utils/access.server";
import { requireInstance, requireUser } from "../utils/guards.server";
import { pageTitle } from "../utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "districts.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, context);
  const direct = await listUserDistricts(context.db, user.id);
  const memberships = await listUserWorkspaces(context.db, user.id);
  // A coalition or family member reaches a district through its workspaces, without a district role.
  const districts = districtsReached(
    direct.map((d) => ({ slug: d.district.slug, name: d.district.name, role: d.role })),
    memberships.flatMap((m) =>
      m.role
        ? [{ district: m.district, workspace: { slug: m.workspace.slug, name: m.workspace.name }, role: m.role }]
        : [],
    ),
  );
  return json({ districts, canCreate: instancePermissions(context, user).createDistrict });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireInstance(request, context, "create_district");
  const { values } = await readForm(request);
  const parsed = districtSchema.safeParse(values);
  if (!parsed.success) return json({ fields: fieldErrors(parsed.error) }, { status: 400 });
  const district = await createDistrict(context.db, user.id, parsed.data.name);
  return redirect(`/districts/${district.slug}`);
}

export default function Districts() {
  const { districts, canCreate } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const createForm = (
    <Form method="post" className="stack">
      <Field
        label={t("districts.name")}
        name="name"
        required
        error={data?.fields?.name ? t(data.fields.name as MessageKey) : null}
      />
      <button type="submit" className="button">
        {t("districts.create")}
      </button>
    </Form>
  );
  return (
    <div className="page">
      <h1>{t("districts.heading")}</h1>
      {districts.length ? (
        <ul className="card-list">
          {districts.map((d) => (
            <li key={d.slug} className="card district-card">
              <h2>
                <Link to={`/districts/${d.slug}`}>{d.name}</Link>
              </h2>
              <p className="muted">
                {d.districtRole
                  ? `${t(`districtRole.${d.districtRole}`)} · ${t(`districtCan.${d.districtRole}`)}`
                  : t("districts.throughWorkspaces")}
              </p>
              {d.workspaces.length ? (
                <>
                  <h3 className="district-card__subheading">{t("districts.yourWorkspaces")}</h3>
                  <ul className="district-card__workspaces">
                    {d.workspaces.map((w) => (
                      <li key={w.slug}>
                        <Link to={`/workspaces/${w.slug}`}>{w.name}</Link>
                        <span className="muted">
                          {t(`role.${w.role}`)} · {t(`roleCan.${w.role}`)}
                        </span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("districts.none")}</p>
      )}
      {!canCreate ? (
        <p>
          {t("districts.createNotAllowed")} <Link to="/workspaces">{t("districts.howToJoin")}</Link>
        </p>
      ) : districts.length ? (
        // Someone who already takes part somewhere is not here to found a district: the form stays, folded away.
        <details className="card district-create" open={Boolean(data?.fields)}>
          <summary>{t("districts.createAnother")}</summary>
          <p className="muted">{t("districts.createHelp")}</p>
          {createForm}
        </details>
      ) : (
        <section aria-labelledby="new-district" className="card">
          <h2 id="new-district">{t("districts.create")}</h2>
          <p className="muted">{t("districts.createHelp")}</p>
          {createForm}
        </section>
      )}
    </div>
  );
}
