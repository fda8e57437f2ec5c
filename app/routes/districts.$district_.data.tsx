import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormMessage } from "../components/ui/field";
import { TableScroll } from "../components/ui/table-scroll";
import { issueMessage } from "../domain/district-data/issue-message";
import { parseDataPackage } from "../domain/district-data/parse";
import type { ImportSummary, Issue } from "../domain/district-data/types";
import { numberFormatter } from "../i18n/numbers";
import { useLocale, useT } from "../i18n/react";
import type { MessageKey } from "../i18n/translate";
import { commitDataDraft, listDataVersions, saveDataDraft } from "../models/district-data.server";
import { listUserWorkspaces } from "../models/workspaces.server";
import { isRefusal, readDataUpload } from "../utils/data-upload.server";
import { formatDateTime } from "../utils/format";
import { readForm } from "../utils/forms.server";
import { requireDistrict } from "../utils/guards.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.district.name ?? "" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { auth, district, may } = await requireDistrict(request, context, params.district, "read");
  const versions = await listDataVersions(context.db, district.id);
  // Where this reader sees the figures: the diagnostic of each of their workspaces in the district.
  const workspaces = (await listUserWorkspaces(context.db, auth.user.id))
    .filter((w) => w.district.slug === district.slug)
    .map((w) => ({ slug: w.workspace.slug, name: w.workspace.name }));
  return json({
    district: { slug: district.slug, name: district.name },
    canManage: may("manage"),
    // The download route's own check: a link is shown only to those it will answer.
    canDownload: may("read_data_files"),
    workspaces,
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
        { status: 422 },
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
  const { district, canManage, canDownload, workspaces, versions } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionData | undefined;
  const navigation = useNavigation();
  const t = useT();
  const locale = useLocale();
  const count = numberFormatter(locale, 0);
  const base = `/api/v1/districts/${district.slug}/data/versions`;
  return (
    <div className="page">
      <p className="eyebrow">
        <Link to={`/districts/${district.slug}`}>{district.name}</Link>
      </p>
      <h1>{t("data.title")}</h1>
      {canDownload ? (
        <p className="lead">{t("data.lead")}</p>
      ) : (
        <>
          <p className="lead">{t("data.readerLead", { district: district.name })}</p>
          <p>{t("data.readerFiles")}</p>
          {workspaces.length ? (
            <>
              <h2 className="data-reader__heading">{t("data.readerSee")}</h2>
              <ul className="data-reader__links">
                {workspaces.map((w) => (
                  <li key={w.slug}>
                    <Link to={`/workspaces/${w.slug}/diagnostic`}>
                      {t("data.readerDiagnostic", { workspace: w.name })}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </>
      )}

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
          <TableScroll label={t("data.versions")}>
            <table className="data-table data-table--figures">
              <caption className="visually-hidden">{t("data.versions")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("data.version")}</th>
                  <th scope="col">{t("data.imported")}</th>
                  <th scope="col">{t("data.schools")}</th>
                  <th scope="col">{t(canDownload ? "data.measureRows" : "data.figures")}</th>
                  {canDownload ? <th scope="col">{t("data.download")}</th> : null}
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
                    <td>{count(v.schools)}</td>
                    <td>{count(v.measures)}</td>
                    {canDownload ? (
                      <td>
                        <a href={`${base}/${v.version}/schools.csv`} download>
                          schools.csv
                        </a>{" "}
                        <a href={`${base}/${v.version}/measures.csv`} download>
                          measures.csv
                        </a>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </div>
  );
}

function UploadResult({ data }: { data: ActionData }) {
  const t = useT();
  const locale = useLocale();
  const count = numberFormatter(locale, 0);
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
        <li>{t("data.previewSchools", { count: count(s.schools) })}</li>
        <li>{t("data.previewRows", { count: count(s.measureRows) })}</li>
        <li>
          {t("data.previewMeasures", { count: s.measures.length })}:{" "}
          {s.measures.map((m) => t(`measure.${m}`)).join(", ")}
        </li>
        {s.suppressed ? <li>{t("data.previewSuppressed", { count: count(s.suppressed) })}</li> : null}
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
    <TableScroll label={caption}>
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
    </TableScroll>
  );
}
