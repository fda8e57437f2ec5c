import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CheckboxGroup, Field, FormMessage, SelectField } from "../components/ui/field";
import { schoolLevels, studentGroups, measureNames } from "../domain/district-data/types";
import { chartTypes, groupings, newViewSpecSchema, schoolFields, type ViewSpec } from "../domain/diagnostics/view-spec";
import { quartiles } from "../domain/metrics";
import { dataViewSchema } from "../domain/validation";
import { DataViewFigure } from "../features/data-views/data-view-figure";
import { useT } from "../i18n/react";
import { isMessageKey } from "../i18n/translate";
import {
  checkDataViewFilters,
  createDataView,
  dataViewNeighborhoods,
  listDataViews,
  renderDataView,
} from "../models/data-views.server";
import { listDataVersions } from "../models/district-data.server";
import { readForm } from "../utils/forms.server";
import { requireWorkspace } from "../utils/guards.server";
import { pageTitle } from "../utils/meta";

export const meta: MetaFunction = ({ matches }) => pageTitle(matches, "view.heading");

/** The builder's choices travel in the query string, so a preview is a plain GET that works without JavaScript. */
function specFrom(params: URLSearchParams) {
  return {
    chart: params.get("chart") ?? "scatter",
    fields: params.getAll("field").filter(Boolean).length
      ? params.getAll("field").filter(Boolean)
      : ["pct_low_income", "per_pupil_spending"],
    groups: params.getAll("group").filter(Boolean).length ? params.getAll("group").filter(Boolean) : ["all"],
    groupBy: params.get("groupBy") ?? "school",
    levels: params.getAll("level").filter(Boolean),
    // Not a number ("abc" → NaN) fails validation like any other unknown quartile.
    quartiles: params.getAll("quartile").filter(Boolean).map(Number),
    neighborhoods: params.getAll("neighborhood").filter(Boolean),
  };
}

const FILTERS = ["spec.levels", "spec.quartiles", "spec.neighborhoods"];
/** Controls that show their own error next to them; any other spec problem gets one message for the form. */
const INLINE = [...FILTERS, "spec.groups"];

/** Errors by form control: every issue under one filter ("spec.neighborhoods.2") belongs to its checkbox group. */
function byControl(issues: { path: PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) out[issue.path.slice(0, 2).map(String).join(".") || "_"] ??= issue.message;
  return out;
}
const fromFields = (fields: Record<string, string>) =>
  byControl(Object.entries(fields).map(([k, message]) => ({ path: k.split("."), message })));

/** A pinned data version from the form: one the district has, else null (follow the latest). */
function pinnedVersion(params: URLSearchParams, versions: number[]): number | null {
  const wanted = Number(params.get("dataVersion") ?? "");
  return versions.includes(wanted) ? wanted : null;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { district, membership, workspace, permissions } = await requireWorkspace(
    request,
    context,
    params.workspace,
    "read",
  );
  const search = new URL(request.url).searchParams;
  const render = (v: Parameters<typeof renderDataView>[1]["view"]) =>
    renderDataView(context.db, { view: v, districtId: district.id, readerGroup: membership.stakeholderGroup });
  const saved = await listDataViews(context.db, workspace.id);
  const dataVersions = (await listDataVersions(context.db, district.id)).map((v) => v.version);
  const views = (await Promise.all(saved.map(render))).flatMap((r) => (r ? [r.view] : []));
  const canCreate = permissions.create_content;
  const dataVersion = pinnedVersion(search, dataVersions);
  const neighborhoods = canCreate ? await dataViewNeighborhoods(context.db, district.id, dataVersion) : [];
  let preview = null;
  let previewErrors: Record<string, string> | null = null;
  if (canCreate && search.has("chart")) {
    const parsed = newViewSpecSchema.safeParse(specFrom(search));
    const unknown = parsed.success
      ? await checkDataViewFilters(context.db, { districtId: district.id, spec: parsed.data, dataVersion })
      : null;
    if (!parsed.success) {
      previewErrors = byControl(parsed.error.issues.map((i) => ({ ...i, path: ["spec", ...i.path] })));
    } else if (unknown) {
      previewErrors = fromFields(unknown);
    } else {
      const title = search.get("title")?.trim() || "view.untitled";
      preview =
        (await render({ id: "preview", title, caption: search.get("caption") || null, spec: parsed.data, dataVersion }))
          ?.view ?? null;
    }
  }
  return json({ views, canCreate, preview, previewErrors, dataVersions, neighborhoods });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { auth, workspace, district } = await requireWorkspace(request, context, params.workspace, "create_view");
  const dataVersions = (await listDataVersions(context.db, district.id)).map((v) => v.version);
  const { form } = await readForm(request);
  const search = new URLSearchParams();
  for (const [k, v] of form) if (typeof v === "string") search.append(k, v);
  const parsed = dataViewSchema.safeParse({
    title: search.get("title") ?? "",
    caption: search.get("caption") || undefined,
    spec: specFrom(search),
    dataVersion: pinnedVersion(search, dataVersions),
  });
  if (!parsed.success) return json({ fields: byControl(parsed.error.issues) }, { status: 400 });
  const created = await createDataView(context.db, {
    workspaceId: workspace.id,
    districtId: district.id,
    title: parsed.data.title,
    caption: parsed.data.caption ?? null,
    spec: parsed.data.spec,
    dataVersion: parsed.data.dataVersion ?? null,
    createdBy: auth.user.id,
  });
  if (!created.ok) return json({ fields: fromFields(created.fields) }, { status: 400 });
  return redirect(`/workspaces/${workspace.slug}/views`);
}

export default function DataViews() {
  const { views, canCreate, preview, previewErrors, dataVersions, neighborhoods } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [search] = useSearchParams();
  const t = useT();
  const spec = specFrom(search) as ViewSpec;
  const errors: Record<string, string> = data?.fields ?? previewErrors ?? {};
  const err = (k: string) => {
    const message = errors[k];
    return message ? t(isMessageKey(message) ? message : "validation.viewInvalid") : null;
  };
  // A problem with the chart itself (not a field of its own): one message for the form.
  const specProblem = Object.keys(errors).find((k) => k.startsWith("spec") && !INLINE.includes(k));
  const fieldOptions = [
    ...schoolFields.map((f) => ({ value: f, label: t(`schoolField.${f}`) })),
    ...measureNames.map((m) => ({ value: m, label: t(`measure.${m}`) })),
  ];
  return (
    <section aria-labelledby="views-heading">
      <h2 id="views-heading">{t("view.heading")}</h2>
      {views.length === 0 ? (
        <p>{t("view.none")}</p>
      ) : (
        views.map((v) => <DataViewFigure key={v.id} view={v} threads={{ kind: "view", id: v.id }} />)
      )}
      {canCreate ? (
        <section aria-labelledby="builder-heading" className="card">
          <h3 id="builder-heading">{t("view.build")}</h3>
          <Form method="get" className="view-builder">
            <SelectField
              label={t("view.chart")}
              name="chart"
              defaultValue={spec.chart}
              options={chartTypes.map((c) => ({ value: c, label: t(`chart.${c}`) }))}
            />
            <SelectField label={t("view.field1")} name="field" defaultValue={spec.fields[0]} options={fieldOptions} />
            {(["view.field2", "view.field3", "view.field4"] as const).map((label, i) => (
              <SelectField
                key={label}
                label={t(label)}
                name="field"
                defaultValue={spec.fields[i + 1] ?? ""}
                options={[{ value: "", label: t("view.none2") }, ...fieldOptions]}
              />
            ))}
            <CheckboxGroup
              legend={t("view.groups")}
              name="group"
              hint={t("view.groupsHint")}
              checked={spec.groups}
              options={studentGroups.map((g) => ({ value: g, label: t(`studentGroup.${g}`) }))}
              error={err("spec.groups")}
            />
            <SelectField
              label={t("view.groupBy")}
              name="groupBy"
              defaultValue={spec.groupBy}
              options={groupings.map((g) => ({ value: g, label: t(`grouping.${g}`) }))}
            />
            <div className="view-builder__filters">
              <CheckboxGroup
                legend={t("view.level")}
                name="level"
                hint={t("view.filterHint")}
                checked={spec.levels}
                options={schoolLevels.map((l) => ({ value: l, label: t(`level.${l}`) }))}
                error={err("spec.levels")}
              />
              <CheckboxGroup
                legend={t("view.quartiles")}
                name="quartile"
                hint={t("view.quartilesHint")}
                checked={spec.quartiles.map(String)}
                options={quartiles.map((q) => ({ value: String(q), label: t(`diag.quartile${q}`) }))}
                error={err("spec.quartiles")}
              />
              <CheckboxGroup
                legend={t("view.neighborhoods")}
                name="neighborhood"
                hint={neighborhoods.length ? t("view.filterHint") : t("view.noNeighborhoods")}
                checked={spec.neighborhoods}
                options={neighborhoods.map((n) => ({ value: n, label: n }))}
                error={err("spec.neighborhoods")}
              />
            </div>
            <SelectField
              label={t("view.dataVersion")}
              name="dataVersion"
              defaultValue={search.get("dataVersion") ?? ""}
              options={[
                { value: "", label: t("view.followLatest") },
                ...dataVersions.map((v) => ({ value: String(v), label: t("view.pinned", { version: v }) })),
              ]}
            />
            <Field label={t("view.title")} name="title" defaultValue={search.get("title") ?? ""} error={err("title")} />
            <Field
              label={t("view.caption")}
              name="caption"
              defaultValue={search.get("caption") ?? ""}
              error={err("caption")}
            />
            <div className="actions">
              <button type="submit" className="button button--secondary">
                {t("view.preview")}
              </button>
              <button type="submit" className="button" formMethod="post">
                {t("view.save")}
              </button>
            </div>
          </Form>
          {specProblem ? <FormMessage>{err(specProblem)}</FormMessage> : null}
          {Object.keys(errors).some((k) => FILTERS.includes(k)) ? (
            <FormMessage>{t("validation.viewFilters")}</FormMessage>
          ) : null}
          {preview ? <DataViewFigure view={preview} headingLevel={4} /> : null}
        </section>
      ) : null}
    </section>
  );
}
