import type { StakeholderGroup } from "../../domain/roles";
import { useT } from "../../i18n/react";

/**
 * "Which group are you in?" for a ballot cast without an account or entered from paper:
 * one radio per group the poll invites, required, posted as `group`.
 */
export function GroupQuestion({
  groups,
  legend,
  defaultValue,
}: {
  groups: readonly StakeholderGroup[];
  legend: string;
  defaultValue?: string | null;
}) {
  const t = useT();
  return (
    <fieldset className="group-question">
      <legend>{legend}</legend>
      <ul>
        {groups.map((g) => (
          <li key={g}>
            <label className="group-question__choice">
              <input type="radio" name="group" value={g} required defaultChecked={g === defaultValue} />
              <span>{t(`group.${g}`)}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
