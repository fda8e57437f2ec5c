import type { Editor } from "@tiptap/react";
import { TextSelection } from "@tiptap/pm/state";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { Button } from "../../components/ui/button";
import { orderThreads } from "../../domain/comments/thread-order";
import { useT } from "../../i18n/react";
import { threadsApi, type Member } from "./api";
import { CommentComposer } from "./comment-composer";
import { ThreadCard } from "./thread-card";
import { setThreadHighlights, threadRanges } from "./thread-highlights";
import { editorPlanText } from "./selection-quote";
import { usePlanThreads } from "./use-plan-threads";

export type Draft = { quote: string; occurrence: number };

type Props = {
  editor: Editor;
  planId: string;
  workspace: string;
  userId: string;
  canComment: boolean;
  canHide: boolean;
  /** The editor has the live document (before that, the server's positions order the list). */
  synced: boolean;
  draft: Draft | null;
  onDraftDone: () => void;
  /** The open thread, and how it was chosen (a keyboard choice moves focus to it). */
  active: { id: string; focus: boolean } | null;
  onActive: (active: { id: string; focus: boolean } | null) => void;
};

/**
 * The plan's comment threads beside the document (under it on narrow screens): open threads in
 * document order, threads on removed text after them, resolved ones behind a toggle.
 */
export function CommentsPanel(props: Props) {
  const { editor, planId, workspace, userId, canComment, canHide, synced, draft, onDraftDone, active, onActive } =
    props;
  const t = useT();
  const headingId = useId();
  const { threads, failed, reload } = usePlanThreads(planId);
  const [showResolved, setShowResolved] = useState(false);
  const [members, setMembers] = useState<Member[] | null>(null);
  const [ranges, setRanges] = useState(() => threadRanges(editor.state));
  const cards = useRef(new Map<string, HTMLLIElement>());
  const activeId = active?.id ?? null;

  // The people one may @mention: everyone else in the workspace.
  useEffect(() => {
    if (!canComment) return;
    let live = true;
    void threadsApi.members(workspace).then((r) => {
      if (live && r.ok) setMembers(r.value.members.filter((m) => m.userId !== userId));
    });
    return () => {
      live = false;
    };
  }, [canComment, workspace, userId]);

  // Highlight open threads (and a resolved one while it is open in the resolved list); the
  // highlights follow their passages as the document changes.
  useEffect(() => {
    if (!threads || editor.isDestroyed) return;
    const shown = threads.filter((th) => !th.resolved || (showResolved && th.id === activeId));
    setThreadHighlights(
      editor.view,
      shown.map((th) => ({ id: th.id, start: th.anchor.start, end: th.anchor.end })),
      activeId,
    );
  }, [editor, threads, activeId, showResolved]);
  useEffect(() => {
    const update = () => setRanges(threadRanges(editor.state));
    editor.on("transaction", update);
    update();
    return () => void editor.off("transaction", update);
  }, [editor]);

  const placed = useMemo(() => {
    const all = (threads ?? []).map((thread) => {
      const live = ranges.get(thread.id);
      const server =
        thread.anchor.status === "attached" && thread.anchor.from !== undefined
          ? { from: thread.anchor.from, to: thread.anchor.to ?? thread.anchor.from }
          : null;
      // Resolved threads are not highlighted, so only the server knows where they are.
      return { thread, range: live ?? (synced && !thread.resolved ? null : server) };
    });
    return orderThreads(all);
  }, [threads, ranges, synced]);
  const open = placed.filter((p) => !p.thread.resolved);

  // A passage whose words are back (someone's undo: Yjs links the restored text to the old only
  // in the undoer's own document; a restored version) re-attaches on the server when it lists
  // the threads again: ask once each time the words reappear here.
  const reattachAsked = useRef(new Set<string>());
  useEffect(() => {
    const removed = open.filter((p) => p.range === null);
    if (!synced || removed.length === 0 || editor.isDestroyed) return;
    const plain = editorPlanText(editor.state.doc).text;
    let ask = false;
    for (const { thread } of removed) {
      if (!plain.includes(thread.anchor.quote)) reattachAsked.current.delete(thread.id);
      else if (!reattachAsked.current.has(thread.id)) {
        reattachAsked.current.add(thread.id);
        ask = true;
      }
    }
    if (ask) void reload();
  });
  const resolved = placed.filter((p) => p.thread.resolved);

  // A thread chosen by keyboard in the document: move there so its comments are read next.
  useEffect(() => {
    if (!active) return;
    const card = cards.current.get(active.id);
    if (!card) return;
    if (active.focus) card.focus();
    else card.scrollIntoView({ block: "nearest" });
  }, [active]);

  const choose = (id: string) => {
    if (id === activeId) return onActive(null);
    onActive({ id, focus: false });
    const range = ranges.get(id);
    if (range && !editor.isDestroyed) {
      // Select the passage in the document and bring it into view, leaving focus in the panel.
      const tr = editor.state.tr.setSelection(TextSelection.create(editor.state.doc, range.from, range.to));
      editor.view.dispatch(tr.scrollIntoView());
    }
  };

  const card = (p: (typeof placed)[number]) => (
    <ThreadCard
      key={p.thread.id}
      ref={(el) => {
        if (el) cards.current.set(p.thread.id, el);
        else cards.current.delete(p.thread.id);
      }}
      thread={p.thread}
      removed={p.range === null}
      open={p.thread.id === activeId}
      userId={userId}
      canComment={canComment}
      canHide={canHide}
      members={members}
      onToggle={() => choose(p.thread.id)}
      onChanged={reload}
    />
  );

  return (
    <section className="comments-panel" aria-labelledby={headingId}>
      <h3 id={headingId} className="comments-panel__title">
        {t("planComments.title")}
      </h3>
      {draft ? (
        <div className="comments-panel__draft card">
          <p className="muted">
            {t("planComments.newOn")} <q className="thread__quote">{draft.quote}</q>
          </p>
          <CommentComposer
            label={t("planComments.newLabel")}
            submitLabel={t("planComments.post")}
            members={members}
            focusOnOpen
            onCancel={() => {
              onDraftDone();
              editor.commands.focus();
            }}
            onSubmit={async (body, mentions) => {
              const result = await threadsApi.start(planId, { body, mentions, ...draft });
              if (!result.ok) return result.failure;
              await reload();
              onDraftDone();
              onActive({ id: result.value.id, focus: true });
              return null;
            }}
          />
        </div>
      ) : null}
      {failed ? (
        <p className="field__error" role="alert">
          {t("planComments.loadFailed")}
        </p>
      ) : null}
      {threads && open.length === 0 && !draft ? (
        <p className="muted">{canComment ? t("planComments.emptyCanComment") : t("planComments.empty")}</p>
      ) : null}
      {open.length > 0 ? <ol className="comments-panel__threads">{open.map(card)}</ol> : null}
      {resolved.length > 0 ? (
        <>
          <Button
            variant="quiet"
            aria-expanded={showResolved}
            aria-controls={`${headingId}-resolved`}
            onClick={() => setShowResolved((s) => !s)}
          >
            {t("planComments.resolvedToggle", { count: resolved.length })}
          </Button>
          <ol id={`${headingId}-resolved`} className="comments-panel__threads" hidden={!showResolved}>
            {showResolved ? resolved.map(card) : null}
          </ol>
        </>
      ) : null}
    </section>
  );
}
