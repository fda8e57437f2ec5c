import { useCallback, useEffect, useId, useMemo, useRef, useState, type FormEvent } from "react";
import { Button } from "../../components/ui/button";
import { FormMessage } from "../../components/ui/field";
import { Sheet } from "../../components/ui/sheet";
import { threadEventTypes } from "../../domain/app-events";
import { MessageSquare } from "lucide-react";
import { chartPoints, pointKey, type ChartPoint, type ChartPointEntry } from "../../domain/comments/chart-point";
import type { ComputedView } from "../../domain/diagnostics/view-spec";
import { unitFormatter, viewTextRenderer } from "../../domain/diagnostics/view-text";
import type { DiagnosticView, Text, Unit } from "../../domain/diagnostics/views";
import { useLocale, useT, useTc } from "../../i18n/react";
import { sendJson, type ThreadJson } from "../comments/thread-types";
import { ThreadView } from "../comments/thread-view";
import { useWorkspaceEvents } from "../workspace-events/workspace-events";

/** What a chart's threads are on: a saved view, or a diagnostic chart ("<dimension>.<chart id>") of a workspace. */
export type ChartThreadsTarget = { kind: "view"; id: string } | { kind: "diagnostic"; id: string; workspace: string };

/** A chart thread's anchor as the API sends it (values as this reader may see them). */
export type ChartAnchorJson = {
  point: ChartPoint | null;
  label: { category: Text; series: Text } | null;
  unit: Unit | null;
  versionThen: number | null;
  valueThen: number | null;
  versionNow: number | null;
  valueNow: number | null;
  suppressed: boolean;
};
export type ChartThread = ThreadJson<ChartAnchorJson>;

const threadsUrl = (t: ChartThreadsTarget) =>
  t.kind === "view"
    ? `/api/v1/views/${encodeURIComponent(t.id)}/threads`
    : `/api/v1/workspaces/${encodeURIComponent(t.workspace)}/charts/${encodeURIComponent(t.id)}/threads`;

const liveEvents = ["data.version", ...threadEventTypes] as const;

/**
 * A chart's threads, fetched with the reader's rights and fetched again whenever the
 * workspace's event stream says one of them changed (or new data came in).
 */
export function useChartThreads(target: ChartThreadsTarget | undefined) {
  const url = target ? threadsUrl(target) : null;
  const [state, setState] = useState<{ threads: ChartThread[]; canComment: boolean } | null>(null);
  const latest = useRef(0);
  const refresh = useCallback(async () => {
    // Answers can arrive out of order: only the latest request's is shown.
    const ticket = ++latest.current;
    if (!url) return;
    try {
      const res = await fetch(url, { credentials: "same-origin" });
      if (res.ok && ticket === latest.current) setState(await res.json());
    } catch {
      // Offline: keep what is shown; the next event tries again.
    }
  }, [url]);
  useEffect(() => void refresh(), [refresh]);
  useWorkspaceEvents(liveEvents, (_name, data) => {
    if (!target) return;
    if (!("target" in data) || (data.target.kind === target.kind && data.target.id === target.id)) void refresh();
  });
  return { threads: state?.threads ?? null, canComment: state?.canComment ?? false, refresh, url: url ?? "" };
}

/** How many threads each point has, by pointKey. */
export function threadCounts(threads: ChartThread[] | null): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of threads ?? []) {
    if (!t.anchor.point) continue;
    const key = pointKey(t.anchor.point);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The text renderer for view texts in the reader's language. */
function useViewText() {
  const locale = useLocale();
  return useMemo(() => viewTextRenderer(locale), [locale]);
}

/** "Lowest poverty (Q1) · Per-pupil spending": a point's name for the reader. */
export function usePointLabel() {
  const text = useViewText();
  return (label: { category: Text; series: Text }) => `${text(label.category)} · ${text(label.series)}`;
}

/** A thread's point and its value then and now, as this reader may see them. */
function AnchorSummary({ anchor }: { anchor: ChartAnchorJson }) {
  const t = useT();
  const locale = useLocale();
  const pointLabel = usePointLabel();
  if (!anchor.point || !anchor.label) return <strong>{t("chartThreads.wholeChart")}</strong>;
  const format = anchor.unit ? unitFormatter(anchor.unit, locale) : String;
  const shown = (v: number | null) =>
    v !== null ? format(v) : anchor.suppressed ? t("chartThreads.suppressed") : t("chartThreads.noFigure");
  const same = anchor.versionThen === anchor.versionNow;
  return (
    <>
      <strong>{pointLabel(anchor.label)}</strong>
      <span className="thread__value">
        {same
          ? t("chartThreads.valueIn", { value: shown(anchor.valueNow), version: anchor.versionNow ?? "—" })
          : t("chartThreads.valueThenNow", {
              then: shown(anchor.valueThen),
              versionThen: anchor.versionThen ?? "—",
              now: shown(anchor.valueNow),
              versionNow: anchor.versionNow ?? "—",
            })}
      </span>
    </>
  );
}

/**
 * The chart's comments in a side sheet: a box to start a thread on the whole chart or on the
 * chosen point, then every thread with its point, values and replies.
 */
export function ChartThreadsSheet({
  title,
  threads,
  canComment,
  url,
  refresh,
  point,
  onPointCleared,
  open,
  onOpenChange,
  onCloseAutoFocus,
}: {
  title: string;
  threads: ChartThread[] | null;
  canComment: boolean;
  url: string;
  refresh: () => void;
  point: ChartPointEntry | null;
  onPointCleared: () => void;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCloseAutoFocus?: (event: Event) => void;
}) {
  const t = useT();
  return (
    <Sheet
      title={t("chartThreads.title", { title })}
      open={open}
      onOpenChange={onOpenChange}
      {...(onCloseAutoFocus ? { onCloseAutoFocus } : {})}
      className="chart-threads"
    >
      {canComment ? (
        <NewThreadForm url={url} point={point} onPointCleared={onPointCleared} onPosted={refresh} />
      ) : threads ? (
        <p className="muted">{t("chartThreads.readOnly")}</p>
      ) : null}
      {threads === null ? (
        <p className="muted">{t("chartThreads.loading")}</p>
      ) : threads.length === 0 ? (
        <p>{t("chartThreads.none")}</p>
      ) : (
        <ul className="chart-threads__list">
          {threads.map((thread) => (
            <li key={thread.id}>
              <ThreadView
                thread={thread}
                about={<AnchorSummary anchor={thread.anchor} />}
                canComment={canComment}
                onChange={refresh}
              />
            </li>
          ))}
        </ul>
      )}
    </Sheet>
  );
}

function NewThreadForm({
  url,
  point,
  onPointCleared,
  onPosted,
}: {
  url: string;
  point: ChartPointEntry | null;
  onPointCleared: () => void;
  onPosted: () => void;
}) {
  const t = useT();
  const id = useId();
  const pointLabel = usePointLabel();
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    setFailed(false);
    try {
      await sendJson("POST", url, { body, ...(point ? { point: point.point } : {}) });
      setBody("");
      onPointCleared();
      onPosted();
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="chart-threads__new" onSubmit={(e) => void submit(e)}>
      <label htmlFor={`${id}-body`}>
        {point ? t("chartThreads.commentPoint", { point: pointLabel(point.label) }) : t("chartThreads.commentChart")}
      </label>
      <textarea id={`${id}-body`} rows={3} value={body} onChange={(e) => setBody(e.target.value)} />
      <div className="actions">
        <Button type="submit" disabled={busy || !body.trim()}>
          {t("chartThreads.post")}
        </Button>
        {point ? (
          <Button variant="secondary" onClick={onPointCleared}>
            {t("chartThreads.commentWholeInstead")}
          </Button>
        ) : null}
      </div>
      {failed ? <FormMessage>{t("chartThreads.failed")}</FormMessage> : null}
    </form>
  );
}

/**
 * Everything a chart figure needs for its comments: the "Comments (n)" button, the sheet, the
 * number of threads on each drawn point (for markers) and a way to open the sheet on a point
 * (a click on a bar, a row's "Comment" button). Inert without a target (a preview).
 */
export function useChartComments(
  view: DiagnosticView | ComputedView,
  target: ChartThreadsTarget | undefined,
  title: string,
) {
  const t = useT();
  const tc = useTc();
  const pointLabel = usePointLabel();
  const { threads, canComment, refresh, url } = useChartThreads(target);
  const [open, setOpen] = useState(false);
  const [point, setPoint] = useState<ChartPointEntry | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const entries = useMemo(() => chartPoints(view), [view]);
  const counts = useMemo(() => threadCounts(threads), [threads]);
  const entryAt = (category: number, series: number) =>
    entries.find((e) => e.category === category && e.series === series) ?? null;
  const countAt = (category: number, series: number) => {
    const e = entryAt(category, series);
    return e ? (counts.get(pointKey(e.point)) ?? 0) : 0;
  };
  const openAt = (category: number | null, series: number, from: HTMLElement | null) => {
    opener.current = from;
    setPoint(category === null ? null : entryAt(category, series));
    setOpen(true);
  };
  const enabled = Boolean(target) && threads !== null;

  const openButton = enabled ? (
    <Button
      ref={button}
      variant="secondary"
      icon={MessageSquare}
      className="chart-threads__open"
      onClick={(e) => openAt(null, 0, e.currentTarget)}
    >
      {t("chartThreads.button", { count: threads!.length })}
      <span className="visually-hidden">: {title}</span>
    </Button>
  ) : null;

  const sheet = enabled ? (
    <ChartThreadsSheet
      title={title}
      threads={threads}
      canComment={canComment}
      url={url}
      refresh={() => void refresh()}
      point={point}
      onPointCleared={() => setPoint(null)}
      open={open}
      onOpenChange={setOpen}
      onCloseAutoFocus={(e) => {
        // Back to whatever opened it: the Comments button, or a row's Comment button.
        e.preventDefault();
        (opener.current?.isConnected ? opener.current : button.current)?.focus();
      }}
    />
  ) : null;

  /** A row's buttons to comment on each of its points, with how many threads each has. */
  const rowButtons = (category: number, series: number[], seriesNames: string[]) =>
    enabled ? (
      <td className="chart-threads__cell">
        {series.map((j) => {
          const entry = entryAt(category, j);
          if (!entry) return null;
          const n = countAt(category, j);
          const name = pointLabel(entry.label);
          return (
            <span key={j} className="chart-threads__row">
              <Button
                variant="quiet"
                // The visible words start the name (label in name); the point completes it.
                aria-label={t("chartThreads.commentRowOn", { point: name })}
                onClick={(e) => openAt(category, j, e.currentTarget)}
              >
                {series.length > 1
                  ? `${t("chartThreads.commentRow")} · ${seriesNames[j]}`
                  : t("chartThreads.commentRow")}
              </Button>
              {n > 0 ? (
                <span className="chart-threads__count">
                  <span aria-hidden="true">{n}</span>
                  <span className="visually-hidden">{tc("chartThreads.onPoint", n, { point: name })}</span>
                </span>
              ) : null}
            </span>
          );
        })}
      </td>
    ) : null;

  const header = enabled ? <th scope="col">{t("chartThreads.column")}</th> : null;

  return { enabled, openButton, sheet, rowButtons, header, countAt, openAt };
}
