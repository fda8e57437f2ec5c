import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { pollImportErrorMessage } from "../domain/poll-import";
import { pollStateAt } from "../domain/polls";
import { ImportForm, type ImportRefusal } from "../features/polls/import-form";
import { getLocale } from "../i18n/locale.server";
import { useLocale, useT, useTc } from "../i18n/react";
import { decimalMoney } from "../i18n/numbers";
import { translator } from "../i18n/translate";
import { createImportedPoll, listPolls, pollOptionCounts } from "../models/polls.server";
import { BODY_LIMITS } from "../utils/body-limits";
import { formatDateTime } from "../utils/format";
import { requireWorkspace } from "../utils/guards.server";
import { readPollImport } from "../utils/polls-api.server";
import { isRefusal } from "../utils/upload.server";

const MAX_MB = BODY_LIMITS.pollImportFile / (1024 * 1024);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { workspace, may } = await requireWorkspace(request, context, params.workspace, "read");
  const polls = await listPolls(context.db, workspace.id, { drafts: may("create_poll") });
  const counts = await pollOptionCounts(
    context.db,
    polls.map((p) => p.id),
  );
  const now = new Date();
  return json({
    polls: polls.map((p) => ({
      id: p.id,
      title: p.title,
      description: p.description,
      state: pollStateAt(p, now),
      budget: p.budget,
      opensAt: p.opensAt?.toISOString() ?? null,
      closesAt: p.closesAt?.toISOString() ?? null,
      options: counts.get(p.id) ?? 0,
      imported: p.imported,
    })),
    canImport: may("create_poll"),
    workspace: workspace.slug,
    maxMb: MAX_MB,
  });
}

/** Imports a Pabulib file (the form below): on success, the new poll's page. */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const { auth, workspace } = await requireWorkspace(request, context, params.workspace, "create_poll");
  const read = await readPollImport(request);
  if (isRefusal(read)) {
    const refused = read.status === 413 ? "polls.import.tooLarge" : "polls.import.noFile";
    return json<ImportRefusal>({ refused, size: MAX_MB }, { status: read.status });
  }
  if (!read.ok) {
    const t = translator(getLocale(request));
    const errors = read.errors.map((e) => ({ line: e.line, message: pollImportErrorMessage(e, t) }));
    return json<ImportRefusal>({ errors, count: read.count }, { status: 422 });
  }
  const poll = await createImportedPoll(context.db, {
    ...read.poll,
    workspaceId: workspace.id,
    createdBy: auth.user.id,
  });
  return redirect(`/workspaces/${workspace.slug}/polls/${poll.id}`);
}

export default function Polls() {
  const { polls, canImport, maxMb, workspace } = useLoaderData<typeof loader>();
  const refusal = useActionData<typeof action>() as ImportRefusal | undefined;
  const t = useT();
  const tc = useTc();
  const locale = useLocale();
  const money = decimalMoney(locale);
  return (
    <section aria-labelledby="polls-heading" className="polls">
      <h2 id="polls-heading">{t("polls.heading")}</h2>
      <p className="lead">{t("polls.intro")}</p>
      {canImport ? (
        <p>
          <Link to={`/workspaces/${workspace}/polls/new`} className="button button--primary">
            {t("polls.newLink")}
          </Link>
        </p>
      ) : null}
      {polls.length === 0 ? (
        <p className="muted">{t("polls.empty")}</p>
      ) : (
        <ul className="poll-list">
          {polls.map((p) => (
            <li key={p.id} className="card poll-card">
              <h3>
                <Link to={`/workspaces/${workspace}/polls/${p.id}`}>{p.title}</Link>
              </h3>
              <p className="poll-card__facts">
                <span className={`badge badge--${p.state}`}>{t(`polls.state.${p.state}`)}</span>
                <span>{t("polls.budget", { budget: money(p.budget) })}</span>
                <span>{tc("polls.options", p.options)}</span>
                {p.imported ? <span>{t("polls.imported")}</span> : null}
                {p.state === "open" && p.closesAt ? (
                  <span>{t("polls.closes", { date: formatDateTime(p.closesAt, locale) })}</span>
                ) : null}
                {p.state === "draft" && p.opensAt ? (
                  <span>{t("polls.opens", { date: formatDateTime(p.opensAt, locale) })}</span>
                ) : null}
              </p>
              {p.description ? <p>{p.description}</p> : null}
            </li>
          ))}
        </ul>
      )}
      {canImport ? <ImportForm maxMb={maxMb} refusal={refusal} /> : null}
    </section>
  );
}
