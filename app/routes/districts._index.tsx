import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field } from "../components/ui/field";
import { districtSchema, fieldErrors } from "../domain/validation";
import { useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";
import { createDistrict, listUserDistricts } from "../models/districts.server";
import { readForm } from "../utils/forms.server";
import { requireUser } from "../utils/guards.server";
import { pageTitle } from "../utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "districts.title");

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, context);
  const districts = await listUserDistricts(context.db, user.id);
  return json({ districts: districts.map((d) => ({ slug: d.district.slug, name: d.district.name, role: d.role })) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireUser(request, context);
  const { values } = await readForm(request);
  const parsed = districtSchema.safeParse(values);
  if (!parsed.success) return json({ fields: fieldErrors(parsed.error) }, { status: 400 });
  const district = await createDistrict(context.db, user.id, parsed.data.name);
  return redirect(`/districts/${district.slug}`);
}

export default function Districts() {
  const { districts } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  return (
    <div className="page">
      <h1>{t("districts.heading")}</h1>
      {districts.length ? (
        <ul className="card-list">
          {districts.map((d) => (
            <li key={d.slug} className="card">
              <h2>
                <Link to={`/districts/${d.slug}`}>{d.name}</Link>
              </h2>
              <p className="muted">{t(`districtRole.${d.role}`)}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("districts.none")}</p>
      )}
      <section aria-labelledby="new-district" className="card">
        <h2 id="new-district">{t("districts.create")}</h2>
        <p className="muted">{t("districts.createHelp")}</p>
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
      </section>
    </div>
  );
}
