import { Form, Link, useLocation } from "@remix-run/react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type YAxisTickContentProps,
} from "recharts";
import { Field, FormMessage } from "../../components/ui/field";
import { TableScroll } from "../../components/ui/table-scroll";
import { CHART_AXIS, CHART_GRID, CHART_TEXT, GAIN_COLOR, LOSS_COLOR } from "../../domain/diagnostics/chart-colors";
import {
  DEFAULT_WEIGHTS,
  weightParams,
  type FundingSimulation,
  type WeightErrors,
  type WeightParam,
} from "../../domain/diagnostics/funding-simulator";
import { moneyFormatter, numberFormatter } from "../../i18n/numbers";
import { useLocale, useT } from "../../i18n/react";
import type { MessageKey } from "../../i18n/translate";
import { useHydrated } from "../data-views/data-view-figure";

const weightLabel: Record<WeightParam, MessageKey> = {
  low_income: "sim.lowIncome",
  english_learner: "sim.englishLearners",
  disability: "sim.disabilities",
};

export type FundingSimulatorProps = {
  /** The texts of the weight fields, as submitted (or the defaults). */
  values: Record<WeightParam, string>;
  errors: WeightErrors | null;
  /** Null when the weights are not valid. */
  simulation: FundingSimulation | null;
};

/**
 * The need-weighted funding simulator: a GET form (a simulation is a link that
 * works without JavaScript), the summary in words, a chart of each school's
 * change and the table with every figure.
 */
export function FundingSimulator({ values, errors, simulation }: FundingSimulatorProps) {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  // Back to the simulator after submitting, with or without JavaScript (a GET form keeps the fragment).
  const here = `${location.pathname}#simulator`;
  const usd = moneyFormatter(locale);
  const formats = {
    signed: moneyFormatter(locale, { signed: true }),
    tick: moneyFormatter(locale, { signed: true, compact: true }),
    count: numberFormatter(locale, 0),
  };
  const money = (v: number | null) => (v === null ? t("diag.hidden") : usd(v));

  return (
    <section aria-labelledby="simulator-heading" className="card simulator" id="simulator">
      <h4 id="simulator-heading">{t("sim.heading")}</h4>
      <p>{t("sim.lead")}</p>
      {/* Keyed by the query, so that the fields show the weights of the link followed (reset included). */}
      <Form key={location.search} method="get" action={here} className="simulator__form" noValidate>
        <fieldset className="simulator__weights">
          <legend>{t("sim.weights")}</legend>
          {weightParams.map((p) => (
            <Field
              key={p}
              label={t(weightLabel[p])}
              name={p}
              defaultValue={values[p]}
              inputMode="decimal"
              autoComplete="off"
              hint={t("sim.weightHint", { value: numberFormatter(locale, 2)(DEFAULT_WEIGHTS[p]) })}
              error={errors?.[p] ? t(errors[p]) : null}
            />
          ))}
        </fieldset>
        <div className="actions">
          <button type="submit" className="button">
            {t("sim.run")}
          </button>
          <Link to={here}>{t("sim.reset")}</Link>
        </div>
      </Form>
      {errors ? <FormMessage>{t("sim.invalid")}</FormMessage> : null}
      {simulation ? <Results simulation={simulation} money={money} formats={formats} /> : null}
    </section>
  );
}

function Results({
  simulation,
  money,
  formats: { signed, tick, count },
}: {
  simulation: FundingSimulation;
  money: (v: number | null) => string;
  formats: Record<"signed" | "tick" | "count", (v: number) => string>;
}) {
  const t = useT();
  const hydrated = useHydrated();
  const { summary, schools } = simulation;
  const shown = schools.filter((s) => !s.hidden);
  const abs = (v: number) => money(Math.abs(v));
  const signedOrHidden = (v: number | null) => (v === null ? t("diag.hidden") : signed(v));
  if (schools.length === 0) {
    return (
      <div className="simulator__results" aria-live="polite">
        <p className="data-view__finding">{t("sim.nothing")}</p>
      </div>
    );
  }
  const counts = { gain: summary.gain, lose: summary.lose, schools: schools.length };
  return (
    <div className="simulator__results stack-wide">
      {/* Only the summary is announced when the weights change, not the whole table. */}
      <div className="data-view__finding" aria-live="polite">
        <p>
          {simulation.totalBudget === null
            ? t("sim.summaryNoTotal", counts)
            : t("sim.summary", { ...counts, total: money(simulation.totalBudget) })}
          {summary.same ? ` ${t("sim.summarySame", { same: summary.same })}` : null}
        </p>
        {summary.largestGain ? (
          <p>
            {t("sim.largestGain", {
              school: summary.largestGain.schoolName,
              amount: abs(summary.largestGain.difference),
              perPupil: abs(summary.largestGain.perPupil),
            })}
          </p>
        ) : null}
        {summary.largestLoss ? (
          <p>
            {t("sim.largestLoss", {
              school: summary.largestLoss.schoolName,
              amount: abs(summary.largestLoss.difference),
              perPupil: abs(summary.largestLoss.perPupil),
            })}
          </p>
        ) : null}
      </div>
      {summary.hidden ? <p className="muted">{t("sim.hiddenSchools", { count: summary.hidden })}</p> : null}
      {simulation.excluded.length ? (
        <p className="muted">
          {t("sim.excluded", { schools: simulation.excluded.map((e) => e.schoolName).join(", ") })}
        </p>
      ) : null}

      <figure className="simulator__chart" aria-labelledby="simulator-chart-title">
        <h5 id="simulator-chart-title">{t("sim.chartTitle")}</h5>
        <p className="muted">{t("sim.chartNote")}</p>
        {/* The drawing is for sighted readers; the table below carries the same figures. */}
        <div aria-hidden="true" style={{ minHeight: chartHeight(shown.length) }}>
          {hydrated ? (
            <ResponsiveContainer width="100%" height={chartHeight(shown.length)}>
              <BarChart
                data={shown.map((s) => ({ name: s.schoolName, difference: s.difference }))}
                layout="vertical"
                margin={{ top: 4, right: 16, bottom: 4, left: 4 }}
                accessibilityLayer={false}
              >
                <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke={CHART_GRID} />
                <XAxis type="number" tickFormatter={tick} tick={{ fontSize: 12, fill: CHART_TEXT }} />
                <YAxis type="category" dataKey="name" width={170} interval={0} tick={SchoolTick} />
                <ReferenceLine x={0} stroke={CHART_AXIS} />
                <Tooltip
                  formatter={(v) => (typeof v === "number" ? signed(v) : t("diag.hidden"))}
                  itemStyle={{ color: CHART_TEXT }}
                  labelStyle={{ color: CHART_TEXT }}
                />
                <Bar dataKey="difference" name={t("sim.difference")} isAnimationActive={false}>
                  {shown.map((s) => (
                    <Cell key={s.schoolId} fill={s.difference! >= 0 ? GAIN_COLOR : LOSS_COLOR} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          ) : null}
        </div>
      </figure>

      <TableScroll label={t("sim.tableCaption")}>
        <table className="data-table data-table--figures">
          <caption>{t("sim.tableCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("sim.school")}</th>
              <th scope="col">{t("sim.students")}</th>
              <th scope="col">{t("sim.current")}</th>
              <th scope="col">{t("sim.needWeighted")}</th>
              <th scope="col">{t("sim.difference")}</th>
              <th scope="col">{t("sim.currentPerPupil")}</th>
              <th scope="col">{t("sim.needWeightedPerPupil")}</th>
            </tr>
          </thead>
          <tbody>
            {schools.map((s) => (
              <tr key={s.schoolId}>
                <th scope="row">{s.schoolName}</th>
                <td>{s.enrollment === null ? t("diag.hidden") : count(s.enrollment)}</td>
                <td>{money(s.current)}</td>
                <td>{money(s.needWeighted)}</td>
                <td>{signedOrHidden(s.difference)}</td>
                <td>{money(s.currentPerPupil)}</td>
                <td>{money(s.needWeightedPerPupil)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}

const chartHeight = (bars: number) => Math.max(160, bars * 24 + 40);

/** A school's name on one line, shortened to fit (recharts would wrap it into the next bar's row). */
function SchoolTick({ x, y, payload }: YAxisTickContentProps) {
  const name = String(payload.value);
  return (
    <text x={x} y={y} dx={-4} dy={4} textAnchor="end" fontSize={11} fill={CHART_TEXT}>
      {name.length > 22 ? `${name.slice(0, 21)}…` : name}
    </text>
  );
}
