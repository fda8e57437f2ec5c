import { useCallback, useEffect, useState } from "react";
import { decimalMoney } from "../../i18n/numbers";
import { useLocale, useT, useTc } from "../../i18n/react";
import { useWorkspaceEvents } from "../workspace-events/workspace-events";

type Poll = { id: string; title: string; state: string; workspace: string };
type Results = {
  explanation: string;
  ballots: number;
  budget: string;
  spent: string;
  selected: { code: string; title: string; cost: string }[];
};
type Loaded = { state: "loading" } | { state: "missing" } | { state: "ready"; poll: Poll; results: Results | null };

/**
 * A vote's results inside a plan (of its workspace or another of the district): what equal
 * shares funds, the budget used, and a link to the vote. Fetched as this reader may see them (before publication only those who may see
 * results get them), and again whenever the vote moves on or, when live, gets a ballot.
 */
export function PollEmbed({ pollId }: { pollId: string }) {
  const t = useT();
  const tc = useTc();
  const money = decimalMoney(useLocale());
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const [generation, setGeneration] = useState(0);
  const refetch = useCallback(() => setGeneration((g) => g + 1), []);
  useWorkspaceEvents(["poll.changed"], (_name, data) => data.pollId === pollId && refetch());

  useEffect(() => {
    let stop = false;
    const base = `/api/v1/polls/${encodeURIComponent(pollId)}`;
    void (async () => {
      try {
        const res = await fetch(base, { credentials: "same-origin" });
        if (stop) return;
        if (!res.ok) return setLoaded({ state: "missing" });
        const poll = (await res.json()) as Poll;
        const answer = await fetch(`${base}/results`, { credentials: "same-origin" });
        // 403 or 409: the results are not this reader's to see yet.
        const results = answer.ok ? ((await answer.json()) as Results) : null;
        if (!stop) setLoaded({ state: "ready", poll, results });
      } catch {
        // Offline: keep what is shown; the next event tries again.
      }
    })();
    return () => {
      stop = true;
    };
  }, [pollId, generation]);

  if (loaded.state === "loading") return <p className="muted">{t("embed.pollLoading")}</p>;
  if (loaded.state === "missing") return <p className="readonly-note">{t("embed.pollUnavailable")}</p>;
  const { poll, results } = loaded;
  const share = results ? Math.min(1, Number(results.spent) / Number(results.budget)) : 0;
  return (
    <figure className="poll-embed" aria-labelledby={`poll-embed-${poll.id}`}>
      <figcaption id={`poll-embed-${poll.id}`} className="poll-embed__title">
        {poll.title}
      </figcaption>
      {results ? (
        <>
          <p>
            {results.selected.length
              ? t("embed.pollFunded", { options: results.selected.map((s) => s.title).join("; ") })
              : t("embed.pollNothingFunded")}
          </p>
          <p className="muted">
            {tc("results.ballots", results.ballots)} ·{" "}
            {t("results.spent", { spent: money(results.spent), budget: money(results.budget) })}
          </p>
          <div className="budget-bar" aria-hidden="true">
            <div className="budget-bar__spent" style={{ width: `${(share * 100).toFixed(1)}%` }} />
          </div>
        </>
      ) : (
        <p className="muted">{t("results.notYet")}</p>
      )}
      <p>
        <a href={`/workspaces/${encodeURIComponent(poll.workspace)}/polls/${encodeURIComponent(poll.id)}`}>
          {t("embed.openPoll")}
        </a>
      </p>
    </figure>
  );
}
