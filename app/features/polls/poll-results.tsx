import { Form } from "@remix-run/react";
import type { Representativeness } from "../../domain/poll-equity";
import type { pollResults } from "../../domain/poll-results";
import { PollVoices } from "./poll-voices";
import { decimalMoney } from "../../i18n/numbers";
import { useLocale, useT, useTc } from "../../i18n/react";
import type { MessageKey } from "../../i18n/translate";

type Results = ReturnType<typeof pollResults>;
const rules = ["equal-shares", "greedy", "votes"] as const;

/**
 * A poll's results under the rule the reader picks, each option with why it was or was not
 * funded, the budget bar, ballots by group, (once published) every counted receipt, and
 * the results as files.
 */
export function PollResults({
  pollId,
  results,
  rule,
  ballotType,
  counted,
  voices,
}: {
  pollId: string;
  results: Results;
  rule: string;
  ballotType: string;
  counted: { receipt: string; paper: boolean }[] | null;
  voices: Representativeness | null;
}) {
  const t = useT();
  const tc = useTc();
  const locale = useLocale();
  const money = decimalMoney(locale);
  const spentShare = Math.min(1, Number(results.spent) / Number(results.budget));
  return (
    <section aria-labelledby="results-heading" className="card poll-results">
      <h3 id="results-heading">{t("results.heading")}</h3>
      <Form method="get" className="poll-results__rule">
        <label htmlFor="results-rule">{t("results.ruleLabel")}</label>
        <select id="results-rule" name="rule" defaultValue={rule}>
          {rules.map((r) => (
            <option key={r} value={r}>
              {t(`results.ruleName.${r}` as MessageKey)}
            </option>
          ))}
        </select>
        <button type="submit" className="button">
          {t("results.show")}
        </button>
      </Form>
      <p>{results.explanation}</p>
      {(ballotType === "points" || ballotType === "ranked") && rule !== "votes" ? (
        <p className="muted">{t("results.approvalNote")}</p>
      ) : null}
      <p>
        {tc("results.ballots", results.ballots)}
        {rule !== "votes"
          ? ` · ${t("results.spent", { spent: money(results.spent), budget: money(results.budget) })}`
          : ""}
      </p>
      {rule !== "votes" ? (
        <div className="budget-bar" aria-hidden="true">
          <div className="budget-bar__spent" style={{ width: `${(spentShare * 100).toFixed(1)}%` }} />
        </div>
      ) : null}
      <ol className="poll-results__options">
        {results.options.map((o) => (
          <li key={o.code} className={o.funded ? "result result--funded" : "result"}>
            <p className="result__head">
              <strong>{o.title}</strong>
              {rule !== "votes" ? (
                <span className={`badge ${o.funded ? "badge--published" : "badge--closed"}`}>
                  {t(o.funded ? "results.funded" : "results.notFunded")}
                </span>
              ) : null}
            </p>
            <p className="result__facts">
              {money(o.cost)} · {tc("results.votes", o.votes)}
              {"points" in o && o.points !== undefined ? ` · ${t("results.pointsScore", { points: o.points })}` : ""}
              {"borda" in o && o.borda !== undefined ? ` · ${t("results.bordaScore", { score: o.borda })}` : ""}
            </p>
            <p className="muted">{o.explanation}</p>
          </li>
        ))}
      </ol>
      {results.myShare && rule === "equal-shares" ? (
        <section aria-labelledby="my-share-heading" className="poll-results__mine">
          <h4 id="my-share-heading">{t("results.myShare")}</h4>
          {results.myShare.length ? (
            <ul>
              {results.myShare.map((p) => (
                <li key={p.code}>{t("results.myShareItem", { title: p.title, amount: money(p.amount) })}</li>
              ))}
            </ul>
          ) : (
            <p>{t("results.myShareNone")}</p>
          )}
        </section>
      ) : null}
      {results.byGroup.groups.length || results.byGroup.other !== null ? (
        <>
          <h4>{t("results.byGroup")}</h4>
          <ul className="poll-results__groups">
            {results.byGroup.groups.map((g) => (
              <li key={g.group}>
                {t(`group.${g.group}` as MessageKey)}: {tc("results.ballots", g.ballots)}
              </li>
            ))}
            {results.byGroup.other !== null ? (
              <li>
                {t("results.otherGroups")}: {tc("results.ballots", results.byGroup.other)}
              </li>
            ) : null}
          </ul>
        </>
      ) : null}
      {voices ? <PollVoices voices={voices} /> : null}
      <Exports pollId={pollId} rule={rule} />
      {counted ? (
        <details className="poll-results__counted">
          <summary>{t("results.counted")}</summary>
          <p className="muted">{t("results.countedIntro")}</p>
          <ul>
            {counted.map((b) => (
              <li key={b.receipt}>
                <code>{b.receipt}</code>
                {b.paper ? ` (${t("results.paper")})` : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/** Links to the export route (docs/api.md); "most votes" funds nothing, so files count by equal shares then. */
function Exports({ pollId, rule }: { pollId: string; rule: string }) {
  const t = useT();
  const base = `/api/v1/polls/${pollId}/export?rule=${rule === "votes" ? "equal-shares" : rule}`;
  const files: [string, MessageKey][] = [
    ["format=pb", "results.exportPb"],
    ["format=csv&part=options", "results.exportOptions"],
    ["format=csv&part=ballots", "results.exportBallots"],
  ];
  return (
    <>
      <h4 id="exports-heading">{t("results.export")}</h4>
      <p className="muted">{t("results.exportHint")}</p>
      <ul className="poll-results__exports" aria-labelledby="exports-heading">
        {files.map(([query, label]) => (
          <li key={query}>
            <a href={`${base}&${query}`} download>
              {t(label)}
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
