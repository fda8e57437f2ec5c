import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Field, FormMessage, SelectField } from "../components/ui/field";
import { schoolLevels, studentGroups, measureNames } from "../domain/district-data/types";
import { chartTypes, groupings, schoolFields, viewSpecSchema, type ViewSpec } from "../domain/diagnostics/view-spec";
import { can } from "../domain/permissions";
import { dataViewSchema, fieldErrors } from "../domain/validation";
import { DataViewFigure } from "../features/data-views/data-view-figure";
import { useT } from "../i18n/react";
import { isMessageKey, type MessageKey } from "../i18n/translate";
import { createDataView, listDataViews, renderDataView } from "../models/data-views.server";
import { listDataVersions } from "../models/district-data.server";
import { readForm } from "../utils/forms.server";
import { requireWorkspace } from "../utils/guards.server";

export const meta: MetaFunction = () => [{ title: "Data views" }];

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
  };
}

/** A pinned data version from the form: one the district has, else null (follow the latest). */
function pinnedVersion(params: URLSearchParams, versions: number[]): number | null {
  const wanted = Number(params.get("dataVersion") ?? "");
  return versions.includes(wanted) ? wanted : null;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { district, membership, workspace } = await requireWorkspace(request, context, params.workspace, "read");
  const search = new URL(request.url).searchParams;
  const render = (v: Parameters<typeof renderDataView>[1]["view"]) =>
    renderDataView(context.db, { view: v, districtId: district.id, readerGroup: membership.stakeholderGroup });
  const saved = await listDataViews(context.db, workspace.id);
  const dataVersions = (await listDataVersions(context.db, district.id)).map((v) => v.version);
  const views = (await Promise.all(saved.map(render))).flatMap((r) => (r ? [r.view] : []));
  const canCreate = can(membership.role, "create_content");
  let preview = null;
  let previewError: string | null = null;
  if (canCreate && search.has("chart")) {
    const parsed = viewSpecSchema.safeParse(specFrom(search));
    if (parsed.success) {
      const title = search.get("title")?.trim() || "view.untitled";
      preview =
        (
          await render({
            id: "preview",
            title,
            caption: search.get("caption") || null,
            spec: parsed.data,
            dataVersion: pinnedVersion(search, dataVersions),
          })
        )?.view ?? null;
    } else {
      const message = parsed.error.issues[0]?.message ?? "";
      previewError = isMessageKey(message) ? message : "validation.viewInvalid";
    }
  }
  return json({ views, canCreate, preview, previewError, dataVersions });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { auth, workspace, district } = await requireWorkspace(request, context, params.workspace, "create_content");
  const dataVersions = (await listDataVersions(context.db, district.id)).map((v) => v.version);
  const form = await request.formData();
  const search = new URLSearchParams();
  for (const [k, v] of form) if (typeof v === "string") search.append(k, v);
  const parsed = dataViewSchema.safeParse({
    title: search.get("title") ?? "",
    caption: search.get("caption") || undefined,
    spec: specFrom(search),
    dataVersion: pinnedVersion(search, dataVersions),
  });
  if (!parsed.success) return json({ fields: fieldErrors(parsed.error) }, { status: 400 });
  await createDataView(context.db, {
    workspaceId: workspace.id,
    title: parsed.data.title,
    caption: parsed.data.caption ?? null,
    spec: parsed.data.spec,
    dataVersion: parsed.data.dataVersion ?? null,
    createdBy: auth.user.id,
  });
  return redirect(`/workspaces/${workspace.slug}/views`);
}

export default function DataViews() {
  const { views, canCreate, preview, previewError, dataVersions } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [search] = useSearchParams();
  const t = useT();
  const spec = specFrom(search) as ViewSpec;
  const err = (k: string) => (data?.fields?.[k] ? t(data.fields[k] as MessageKey) : null);
  const fieldOptions = [
    ...schoolFields.map((f) => ({ value: f, label: t(`schoolField.${f}`) })),
    ...measureNames.map((m) => ({ value: m, label: t(`measure.${m}`) })),
  ];
  return (
    <section aria-labelledby="views-heading">
      <h2 id="views-heading">{t("view.heading")}</h2>
      {views.length === 0 ? <p>{t("view.none")}</p> : views.map((v) => <DataViewFigure key={v.id} view={v} />)}
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
            <SelectField
              label={t("view.field2")}
              name="field"
              defaultValue={spec.fields[1] ?? ""}
              options={[{ value: "", label: t("view.none2") }, ...fieldOptions]}
            />
            <SelectField
              label={t("view.group")}
              name="group"
              defaultValue={spec.groups[0]}
              options={studentGroups.map((g) => ({ value: g, label: t(`studentGroup.${g}`) }))}
            />
            <SelectField
              label={t("view.group2")}
              name="group"
              defaultValue={spec.groups[1] ?? ""}
              options={[
                { value: "", label: t("view.none2") },
                ...studentGroups.map((g) => ({ value: g, label: t(`studentGroup.${g}`) })),
              ]}
            />
            <SelectField
              label={t("view.groupBy")}
              name="groupBy"
              defaultValue={spec.groupBy}
              options={groupings.map((g) => ({ value: g, label: t(`grouping.${g}`) }))}
            />
            <SelectField
              label={t("view.level")}
              name="level"
              defaultValue={spec.levels[0] ?? ""}
              options={[
                { value: "", label: t("view.allLevels") },
                ...schoolLevels.map((l) => ({ value: l, label: t(`level.${l}`) })),
              ]}
            />
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
          {previewError ? <FormMessage>{t(previewError as MessageKey)}</FormMessage> : null}
          {data?.fields?.spec || data?.fields?.["spec.fields"] ? (
            <FormMessage>{t("validation.viewInvalid")}</FormMessage>
          ) : null}
          {preview ? <DataViewFigure view={preview} headingLevel={4} /> : null}
        </section>
      ) : null}
    </section>
  );
}
