import type { Representativeness } from "../../domain/poll-equity";
import { useT } from "../../i18n/react";
import type { MessageKey } from "../../i18n/translate";

/**
 * Whose voices the ballots carry: each invited group's ballots against its members, and
 * ballots by the poverty quartile of the voter's school against that quartile's share of
 * the district's students. Counts under ten read "fewer than 10", as small cells do.
 */
export function PollVoices({ voices }: { voices: Representativeness }) {
  const t = useT();
  const q4 = voices.byQuartile?.[3];
  return (
    <section aria-labelledby="voices-heading" className="poll-voices">
      <h4 id="voices-heading">{t("results.voices")}</h4>
      {q4 && q4.ballotShare !== null && q4.enrollmentShare !== null ? (
        <p>{t("results.voicesLead", { ballotShare: q4.ballotShare, enrollmentShare: q4.enrollmentShare })}</p>
      ) : null}
      {voices.byGroup.length ? (
        <>
          <h5>{t("results.voicesByGroup")}</h5>
          <ul>
            {voices.byGroup.map((g) => {
              const group = t(`group.${g.group}` as MessageKey);
              return (
                <li key={g.group}>
                  {g.ballots === null
                    ? t("results.voicesGroupHidden", { group, eligible: g.eligible })
                    : t("results.voicesGroupRow", { group, ballots: g.ballots, eligible: g.eligible })}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {voices.byQuartile ? (
        <>
          <h5>{t("results.voicesByQuartile")}</h5>
          <p className="muted">{t("results.voicesNamed", { named: voices.namedSchool, ballots: voices.ballots })}</p>
          <ul>
            {voices.byQuartile.map((q) => {
              const quartile = t(`diag.quartile${q.quartile}` as MessageKey);
              const enrollmentShare = q.enrollmentShare ?? t("results.voicesShareHidden");
              return (
                <li key={q.quartile}>
                  {q.ballots === null || q.ballotShare === null
                    ? t("results.voicesQuartileHidden", { quartile, enrollmentShare })
                    : t("results.voicesQuartileRow", {
                        quartile,
                        ballots: q.ballots,
                        ballotShare: q.ballotShare,
                        enrollmentShare,
                      })}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
}
