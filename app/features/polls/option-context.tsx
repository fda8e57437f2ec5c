import type { OptionContext } from "../../domain/poll-equity";
import { moneyFormatter, numberFormatter } from "../../i18n/numbers";
import { useLocale, useT } from "../../i18n/react";
import type { MessageKey } from "../../i18n/translate";

/**
 * An option's equity context under its description: the schools it serves with their
 * poverty quartile, their students, and per-pupil spending against the district's. A
 * figure hidden from this reader reads "hidden", never a number.
 */
export function OptionContextFacts({ context, dimension }: { context?: OptionContext; dimension: string | null }) {
  const t = useT();
  const locale = useLocale();
  const money = moneyFormatter(locale);
  const count = numberFormatter(locale, 0);
  if (!context && !dimension) return null;
  const hidden = t("ballot.context.hidden");
  return (
    <dl className="option-context">
      {dimension ? (
        <div>
          <dt>{t("ballot.context.dimension")}</dt>
          <dd>{t(`dimension.${dimension}` as MessageKey)}</dd>
        </div>
      ) : null}
      {context ? (
        <>
          <div>
            <dt>{t("ballot.context.schools")}</dt>
            <dd>
              {context.schools.map((s) => `${s.name} (${t(`diag.quartile${s.quartile}` as MessageKey)})`).join(", ")}
            </dd>
          </div>
          <div>
            <dt>{t("ballot.context.students")}</dt>
            <dd>{context.enrollment === null ? hidden : count(context.enrollment)}</dd>
          </div>
          <div>
            <dt>{t("ballot.context.perPupil")}</dt>
            <dd>
              {context.perPupilSpending === null ? hidden : money(context.perPupilSpending)}
              {context.districtPerPupilSpending !== null
                ? ` ${t("ballot.context.district", { amount: money(context.districtPerPupilSpending) })}`
                : ""}
            </dd>
          </div>
        </>
      ) : null}
    </dl>
  );
}
