import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormMessage } from "../components/ui/field";
import { canInDistrict } from "../domain/permissions";
import { issueMessage } from "../domain/district-data/issue-message";
import { parseDataPackage } from "../domain/district-data/parse";
import type { ImportSummary, Issue } from "../domain/district-data/types";
import { useLocale, useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";
import { commitDataDraft, listDataVersions, saveDataDraft } from "../models/district-data.server";
import { isRefusal, readDataUpload } from "../utils/data-upload.server";
import { formatDateTime } from "../utils/format";
import { readForm } from "../utils/forms.server";
import { requireDistrict } from "../utils/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.district.name ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { district, role } = await requireDistrict(request, context, params.district, "read");
  const versions = await listDataVersions(context.db, district.id);
  return json({
    district: { slug: district.slug, name: district.name },
    canManage: canInDistrict(role, "manage"),
    versions: versions.map((v) => ({ ...v, warnings: v.warnings.length, createdAt: v.createdAt.toISOString() })),
  });
}

type ActionData =
  | { intent: "preview"; ok: true; draftId: string; summary: ImportSummary; warnings: Issue[] }
  | { intent: "preview"; ok: false; errors: Issue[]; warnings: Issue[] }
  | { intent: "preview"; refused: MessageKey }
  | { intent: "commit"; version: number }
  | { intent: "commit"; refused: MessageKey };

const refusalKey: Record<number, MessageKey> = {
  413: "data.tooLarge",
  411: "data.missingFiles",
  400: "data.missingFiles",
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { auth, district } = await requireDistrict(request, context, params.district, "manage");
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    // Step 1: validate and show what would be imported; nothing becomes a version yet.
    const upload = await readDataUpload(request);
    if (isRefusal(upload)) {
      return json<ActionData>({ intent: "preview", refused: refusalKey[upload.status]! }, { status: upload.status });
    }
    const result = parseDataPackage({ schools: upload.schools, measures: upload.measures });
    if (!result.ok) {
      return json<ActionData>(
        { intent: "preview", ok: false, errors: result.errors, warnings: result.warnings },
        { status: 422 }
      );
    }
    const draftId = await saveDataDraft(context.db, {
      districtId: district.id,
      data: result.data,
      warnings: result.warnings,
      createdBy: auth.user.id,
    });
    return json<ActionData>({
      intent: "preview",
      ok: true,
      draftId,
      summary: result.summary,
      warnings: result.warnings,
    });
  }
  // Step 2: the admin confirms the preview.
  const { values } = await readForm(request);
  const created = await commitDataDraft(context.db, {
    districtId: district.id,
    draftId: values.draft ?? "",
    userId: auth.user.id,
  });
  if (!created) return json<ActionData>({ intent: "commit", refused: "data.draftExpired" }, { status: 400 });
  return json<ActionData>({ intent: "commit", version: created.version });
}

export default function DistrictData() {
  const { district, canManage, versions } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const base = `/api/v1/districts/${district.slug}/data/versions`;
  return (
    <div className="page">
      <p className="eyebrow">
        <Link to={`/districts/${district.slug}`}>{district.name}</Link>
      </p>
      <h1>{t("data.title")}</h1>
      <p className="lead">{t("data.lead")}</p>

      {canManage ? (
        <section aria-labelledby="upload-heading" className="card">
          <h2 id="upload-heading">{t("data.upload")}</h2>
          <p>{t("data.uploadHint")}</p>
          <Form method="post" encType="multipart/form-data" className="stack">
            <div className="field">
              <label htmlFor="schools-file">{t("data.schoolsFile")}</label>
              <input id="schools-file" type="file" name="schools" accept=".csv,text/csv" required />
            </div>
            <div className="field">
              <label htmlFor="measures-file">{t("data.measuresFile")}</label>
              <input id="measures-file" type="file" name="measures" accept=".csv,text/csv" required />
            </div>
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              {t("data.check")}
            </button>
          </Form>
          {data ? <UploadResult data={data} /> : null}
        </section>
      ) : null}

      <section aria-labelledby="versions-heading" className="card">
        <h2 id="versions-heading">{t("data.versions")}</h2>
        {versions.length === 0 ? (
          <p>{t("data.noVersions")}</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">{t("data.versions")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("data.version")}</th>
                <th scope="col">{t("data.imported")}</th>
                <th scope="col">{t("data.schools")}</th>
                <th scope="col">{t("data.measureRows")}</th>
                <th scope="col">{t("data.download")}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version}>
                  <th scope="row">{v.version}</th>
                  <td>
                    {formatDateTime(v.createdAt, locale)}
                    {v.createdByName ? ` · ${v.createdByName}` : ""}
                  </td>
                  <td>{v.schools.toLocaleString(locale)}</td>
                  <td>{v.measures.toLocaleString(locale)}</td>
                  <td>
                    <a href={`${base}/${v.version}/schools.csv`} download>
                      schools.csv
                    </a>{" "}
                    <a href={`${base}/${v.version}/measures.csv`} download>
                      measures.csv
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

function UploadResult({ data }: { data: ActionData }) {
  const t = useT();
  const locale = useLocale();
  if ("refused" in data) return <FormMessage>{t(data.refused)}</FormMessage>;
  if (data.intent === "commit") {
    return <FormMessage kind="success">{t("data.importedVersion", { version: data.version })}</FormMessage>;
  }
  const warnings = data.warnings.length ? <IssueTable caption={t("data.warnings")} issues={data.warnings} /> : null;
  if (!data.ok) {
    return (
      <div className="stack-wide">
        <FormMessage>{t("data.hasErrors", { count: data.errors.length })}</FormMessage>
        <IssueTable caption={t("data.errors")} issues={data.errors} />
        {warnings}
      </div>
    );
  }
  const s = data.summary;
  return (
    <div className="stack-wide" aria-live="polite">
      <h3>{t("data.preview")}</h3>
      <ul>
        <li>{t("data.previewSchools", { count: s.schools.toLocaleString(locale) })}</li>
        <li>{t("data.previewRows", { count: s.measureRows.toLocaleString(locale) })}</li>
        <li>
          {t("data.previewMeasures", { count: s.measures.length })}:{" "}
          {s.measures.map((m) => t(`measure.${m}`)).join(", ")}
        </li>
        {s.suppressed ? <li>{t("data.previewSuppressed", { count: s.suppressed.toLocaleString(locale) })}</li> : null}
      </ul>
      <details>
        <summary>{t("data.previewSchoolList")}</summary>
        <p>{s.schoolNames.join(" · ")}</p>
      </details>
      {warnings}
      <Form method="post">
        <input type="hidden" name="draft" value={data.draftId} />
        <button type="submit" className="button">
          {t("data.confirm")}
        </button>
      </Form>
    </div>
  );
}

function IssueTable({ caption, issues }: { caption: string; issues: Issue[] }) {
  const t = useT();
  const locale = useLocale();
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("data.file")}</th>
          <th scope="col">{t("data.line")}</th>
          <th scope="col">{t("data.column")}</th>
          <th scope="col">{t("data.problem")}</th>
        </tr>
      </thead>
      <tbody>
        {issues.map((issue, i) => (
          <tr key={i}>
            <td>{issue.file}</td>
            <td>{issue.line ?? "—"}</td>
            <td>{issue.column ?? "—"}</td>
            <td>{issueMessage(locale, issue)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
