import { Form, useNavigation } from "@remix-run/react";
import { useState, type ReactNode } from "react";
import type { OptionContext } from "../../domain/poll-equity";
import type { BallotRules } from "../../domain/polls";
import type { Decision } from "../../domain/policy";
import { decimalMoney } from "../../i18n/numbers";
import { useLocale, useT } from "../../i18n/react";
import { OptionContextFacts } from "./option-context";

type Option = {
  code: string;
  title: string;
  description: string;
  cost: string;
  dimension?: string | null;
  viewHref?: string | null;
};
type Props = {
  poll: { state: string; budget: string; ballot: BallotRules };
  options: Option[];
  mine: { choices: { code: string; points?: number }[]; receipt: string } | null;
  vote: Decision;
  schools: { id: string; name: string }[];
  clientToken: string;
  result?: { receipt: string } | { errors: string[] };
  /** Each option's schools in the reader's copy of the district's data, by option code. */
  contexts?: Record<string, OptionContext>;
  /** Hidden fields posted with the choices; they may replace `intent` (voting by code, paper ballots). */
  fields?: Record<string, string>;
  /** Questions after the choices: the group of a voter without an account, or of a paper ballot. */
  children?: ReactNode;
  /** Words for a ballot filled in for someone else (a paper ballot). */
  labels?: { heading: string; submit: string; school: string };
};

/**
 * The ballot: plain form fields that post without JavaScript (checkboxes, number fields,
 * rank selects); with it, a running total and the budget left update as the voter chooses.
 */
export function BallotForm({
  poll,
  options,
  mine,
  vote,
  schools,
  clientToken,
  result,
  contexts = {},
  fields,
  children,
  labels,
}: Props) {
  const t = useT();
  const locale = useLocale();
  const money = decimalMoney(locale);
  const busy = useNavigation().state !== "idle";
  const rules = poll.ballot;
  const chosen = new Set(mine?.choices.map((c) => c.code));
  const [checked, setChecked] = useState(() => new Set(chosen));
  const receipt = result && "receipt" in result ? result.receipt : null;

  if (vote !== "allowed") {
    const why =
      vote === "forbidden" ? "ballot.notEligible" : poll.state === "draft" ? "ballot.notOpenYet" : "ballot.closed";
    return (
      <section aria-labelledby="ballot-heading" className="card ballot">
        <h3 id="ballot-heading">{labels?.heading ?? t("ballot.heading")}</h3>
        <p className="muted">{t(why)}</p>
        {mine ? <p>{t("ballot.voted", { receipt: mine.receipt })}</p> : null}
      </section>
    );
  }

  const total = options
    .filter((o) => checked.has(o.code))
    .reduce((sum, o) => sum + Math.round(Number(o.cost) * 100), 0);
  const budgetCents = Math.round(Number(poll.budget) * 100);
  const how =
    rules.type === "budget"
      ? t("ballot.how.budget", { budget: money(poll.budget) })
      : rules.type === "approval"
        ? t("ballot.how.approval", { max: rules.maxOptions })
        : rules.type === "points"
          ? t("ballot.how.points", { points: rules.points, max: rules.maxPerOption ?? rules.points })
          : t("ballot.how.ranked", { max: rules.maxRanked });
  const toggle = (code: string, on: boolean) =>
    setChecked((prev) => {
      const next = new Set(prev);
      if (on) next.add(code);
      else next.delete(code);
      return next;
    });
  const pointsOf = new Map(mine?.choices.map((c) => [c.code, c.points ?? 0]));
  const rankOf = new Map(mine?.choices.map((c, i) => [c.code, i + 1]));

  return (
    <section aria-labelledby="ballot-heading" className="card ballot">
      <h3 id="ballot-heading">{labels?.heading ?? t("ballot.heading")}</h3>
      {receipt ? (
        <p role="status" className="form-message form-message--success ballot__receipt">
          {t("ballot.counted", { receipt })}
        </p>
      ) : mine ? (
        <p className="ballot__receipt">{t("ballot.voted", { receipt: mine.receipt })}</p>
      ) : null}
      {result && "errors" in result ? (
        <div role="alert" className="form-message form-message--error">
          <p>{t("ballot.errors")}</p>
          <ul>
            {result.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" className="ballot__form">
        {Object.entries({ intent: "vote", clientToken, ...fields }).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <fieldset className="ballot__options">
          <legend>{how}</legend>
          <ul>
            {options.map((o) => (
              <li key={o.code} className="ballot-option">
                {rules.type === "budget" || rules.type === "approval" ? (
                  <label className="ballot-option__choice">
                    <input
                      type="checkbox"
                      name="choice"
                      value={o.code}
                      defaultChecked={chosen.has(o.code)}
                      onChange={(e) => toggle(o.code, e.currentTarget.checked)}
                      aria-describedby={`option-${o.code}-details`}
                    />
                    <span className="ballot-option__title">{o.title}</span>
                  </label>
                ) : rules.type === "points" ? (
                  <label className="ballot-option__choice">
                    <span className="ballot-option__title">{o.title}</span>
                    <input
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={rules.maxPerOption ?? rules.points}
                      step={1}
                      name={`points.${o.code}`}
                      defaultValue={pointsOf.get(o.code) ?? ""}
                      aria-label={t("ballot.points", { title: o.title })}
                      aria-describedby={`option-${o.code}-details`}
                      className="ballot-option__points"
                    />
                  </label>
                ) : (
                  <label className="ballot-option__choice">
                    <span className="ballot-option__title">{o.title}</span>
                    <select
                      name={`rank.${o.code}`}
                      defaultValue={String(rankOf.get(o.code) ?? "")}
                      aria-label={t("ballot.rank", { title: o.title })}
                      aria-describedby={`option-${o.code}-details`}
                    >
                      <option value="">{t("ballot.notRanked")}</option>
                      {Array.from({ length: rules.maxRanked }, (_, i) => (
                        <option key={i} value={String(i + 1)}>
                          {i + 1}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
                <div id={`option-${o.code}-details`} className="ballot-option__details">
                  <p className="ballot-option__cost">{t("ballot.cost", { cost: money(o.cost) })}</p>
                  {o.description ? <p className="muted">{o.description}</p> : null}
                  <OptionContextFacts
                    // Option codes are the poll author's: "constructor" must not find Object's own.
                    context={Object.hasOwn(contexts, o.code) ? contexts[o.code] : undefined}
                    dimension={o.dimension ?? null}
                  />
                  {o.viewHref ? (
                    <p className="ballot-option__view">
                      <a href={o.viewHref}>{t("ballot.context.view", { title: o.title })}</a>
                    </p>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        </fieldset>
        {rules.type === "budget" ? (
          // Announced politely as the total changes; the server checks it again either way.
          <p className="ballot__total" aria-live="polite">
            {t("ballot.total", { total: money(String(total / 100)), budget: money(poll.budget) })}
            {total > budgetCents
              ? ` ${t("ballot.overBudget", { over: money(String((total - budgetCents) / 100)) })}`
              : ""}
          </p>
        ) : null}
        {children}
        {schools.length ? (
          <div className="field">
            <label htmlFor="ballot-school">{labels?.school ?? t("ballot.school")}</label>
            <select id="ballot-school" name="school" defaultValue="">
              <option value="">{t("ballot.schoolNone")}</option>
              {schools.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" className="button button--primary" disabled={busy}>
          {labels?.submit ?? t(mine || receipt ? "ballot.change" : "ballot.submit")}
        </button>
      </Form>
    </section>
  );
}
