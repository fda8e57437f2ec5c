import { json, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pollStateAt } from "../domain/polls";
import { useLocale, useT, useTc } from "../i18n/react";
import { decimalMoney } from "../i18n/numbers";
import { listPolls, pollOptionCounts } from "../models/polls.server";
import { formatDateTime } from "../utils/format";
import { requireWorkspace } from "../utils/guards.server";

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
    })),
  });
}

export default function Polls() {
  const { polls } = useLoaderData<typeof loader>();
  const t = useT();
  const tc = useTc();
  const locale = useLocale();
  const money = decimalMoney(locale);
  return (
    <section aria-labelledby="polls-heading" className="polls">
      <h2 id="polls-heading">{t("polls.heading")}</h2>
      <p className="lead">{t("polls.intro")}</p>
      {polls.length === 0 ? (
        <p className="muted">{t("polls.empty")}</p>
      ) : (
        <ul className="poll-list">
          {polls.map((p) => (
            <li key={p.id} className="card poll-card">
              <h3>
                <Link to={p.id}>{p.title}</Link>
              </h3>
              <p className="poll-card__facts">
                <span className={`badge badge--${p.state}`}>{t(`polls.state.${p.state}`)}</span>
                <span>{t("polls.budget", { budget: money(p.budget) })}</span>
                <span>{tc("polls.options", p.options)}</span>
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
    </section>
  );
}
