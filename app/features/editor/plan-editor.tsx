import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { useRevalidator } from "@remix-run/react";
import { EditorContent, useEditor } from "@tiptap/react";
import { useEffect, useState } from "react";
import { IndexeddbPersistence } from "y-indexeddb";
import { CloseCode } from "../../domain/collab-close-codes";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { useT } from "../../i18n/react";
import type { MessageKey } from "../../i18n/translate";
import { contentExtensions } from "../../domain/plan-schema/content-extensions";
import { DataViewWithView, EmbedWithView } from "./embed-view";
import { EmbedPicker } from "./embed-picker";
import type { EmbedKind } from "../../domain/plan-embeds";
import { colorFor } from "../../domain/presence-colors";
import { ReadOnlyTaskNote } from "./read-only-task-note";
import { Avatar } from "../../components/ui/avatar";
import { LinkDialog } from "./link-dialog";
import { SlashCommand } from "./slash-command";
import { EditorToolbar } from "./toolbar";
import { MessageSquarePlus } from "lucide-react";
import { Button } from "../../components/ui/button";
import { CommentsPanel, type Draft } from "../plan-comments/comments-panel";
import { ReadOnlyCaret } from "../plan-comments/read-only-caret";
import { SelectionCommentButton } from "../plan-comments/selection-comment-button";
import { selectionQuote } from "../plan-comments/selection-quote";
import { ThreadHighlights } from "../plan-comments/thread-highlights";

type Props = {
  planId: string;
  workspace: string;
  canEdit: boolean;
  /** Why the document is read-only, shown when `canEdit` is false (null: the page says it already). */
  readOnlyNote: MessageKey | null;
  user: { id: string; name: string };
  /** What this member may do with the plan's comment threads (from the policy, on the server). */
  comments: { canComment: boolean; canHide: boolean };
};
type Status = "connecting" | "connected" | "offline";
type Session = { doc: Y.Doc; provider: WebsocketProvider };

/**
 * The live plan editor. The Y.Doc and its providers exist only in the browser
 * (created in an effect); edits are kept in IndexedDB so nothing typed offline is lost.
 */
export function PlanEditor(props: Props) {
  const [session, setSession] = useState<Session | null>(null);
  useEffect(() => {
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(`plan:${props.planId}`, doc);
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    const provider = new WebsocketProvider(`${scheme}://${window.location.host}/collab`, props.planId, doc, {
      maxBackoffTime: 5_000,
    });
    setSession({ doc, provider });
    return () => {
      provider.destroy();
      void local.destroy();
      doc.destroy();
    };
  }, [props.planId]);
  const t = useT();
  if (!session) return <p className="editor-placeholder">{t("editor.loading")}</p>;
  return <LiveEditor {...props} {...session} />;
}

function LiveEditor({ doc, provider, canEdit, readOnlyNote, user, workspace, planId, comments }: Props & Session) {
  const t = useT();
  const [picking, setPicking] = useState<EmbedKind | null>(null);
  const [linking, setLinking] = useState(false);
  const [status, setStatus] = useState<Status>("connecting");
  const [unsynced, setUnsynced] = useState(false);
  const [people, setPeople] = useState<{ name: string; color: string }[]>([]);
  const unsyncedRef = useLatest(unsynced);
  const revalidator = useRevalidator();
  const revalidatorRef = useLatest(revalidator);
  const [synced, setSynced] = useState(false);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [activeThread, setActiveThread] = useState<{ id: string; focus: boolean } | null>(null);
  const [commentNote, setCommentNote] = useState<MessageKey | null>(null);
  // The editor's plugins are made once; they call the latest handlers through this.
  const commentHandlers = useLatest({
    open: (id: string, byKeyboard: boolean) => setActiveThread({ id, focus: byKeyboard }),
    comment: () => startCommentRef.current(),
  });
  const startCommentRef = useLatest(() => {
    if (!comments.canComment || !editor) return;
    const quote = selectionQuote(editor.state);
    if (!quote) return setCommentNote("validation.quoteRequired");
    if (quote.quote.length > 2000) return setCommentNote("validation.quoteTooLong");
    setCommentNote(null);
    setActiveThread(null);
    setDraft(quote);
  });

  const editor = useEditor(
    {
      immediatelyRender: false,
      editable: canEdit,
      extensions: [
        ...contentExtensions({
          dataView: DataViewWithView,
          embed: EmbedWithView,
          // A reader's checkbox says, like the note above its list, why it cannot be ticked.
          taskItemA11y: canEdit
            ? undefined
            : { checkboxLabel: (node) => `${node.textContent} (${t("editor.taskListReadOnly")})` },
        }),
        Collaboration.configure({ document: doc }),
        CollaborationCaret.configure({ provider, user: { name: user.name, color: colorFor(user.id) } }),
        ThreadHighlights.configure({
          onOpen: (id, byKeyboard) => commentHandlers.current.open(id, byKeyboard),
          onComment: () => commentHandlers.current.comment(),
        }),
        ...(canEdit
          ? [SlashCommand.configure({ onEmbed: setPicking, container: ".plan-editor" })]
          : [ReadOnlyTaskNote.configure({ note: t("editor.taskListReadOnly") }), ReadOnlyCaret]),
      ],
      editorProps: {
        // Mod-K opens the link dialog, as in most editors (the toolbar's tooltip says so).
        handleKeyDown: (_view, event) => {
          if (!canEdit || !(event.metaKey || event.ctrlKey) || event.altKey || event.key.toLowerCase() !== "k")
            return false;
          event.preventDefault();
          setLinking(true);
          return true;
        },
        attributes: {
          class: "plan-document",
          role: "textbox",
          "aria-multiline": "true",
          "aria-label": t("editor.documentLabel"),
          // A reader's document takes focus too, to select a passage with the keyboard and comment on it.
          ...(canEdit ? {} : { "aria-readonly": "true", tabindex: "0" }),
        },
      },
    },
    [doc, provider, canEdit],
  );

  useEffect(() => {
    const onStatus = ({ status: s }: { status: string }) =>
      setStatus(s === "connected" ? "connected" : navigator.onLine ? "connecting" : "offline");
    const onSync = (isSynced: boolean) => {
      if (isSynced) setUnsynced(false);
      setSynced(isSynced);
    };
    // Edits made while the socket is down are pending until the next sync.
    const onUpdate = (_u: Uint8Array, origin: unknown) => {
      if (origin !== provider && !(provider.wsconnected && provider.synced)) setUnsynced(true);
    };
    const onAwareness = () => {
      // One entry per person (the server stamps each state with the account; a second tab is the same person).
      const seen = new Map<string, { name: string; color: string }>();
      for (const state of provider.awareness.getStates().values()) {
        const u = state.user as { id?: string; name?: string; color?: string } | undefined;
        if (u?.name) seen.set(u.id ?? `${u.name}|${u.color}`, { name: u.name, color: u.color ?? "#4f5868" });
      }
      setPeople([...seen.values()]);
    };
    const onNetwork = () =>
      setStatus(navigator.onLine ? (provider.wsconnected ? "connected" : "connecting") : "offline");
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (!unsyncedRef.current) return;
      e.preventDefault();
      e.returnValue = "";
    };
    // The server closes the socket when this member's rights change (role, archive, removal):
    // reload the page's data so the editor shows what they may now do, instead of accepting
    // keystrokes the server no longer stores.
    const onClose = (event: CloseEvent | null) => {
      if (event?.code === CloseCode.reauthorize || event?.code === CloseCode.accessRevoked) {
        revalidatorRef.current.revalidate();
      }
    };
    provider.on("status", onStatus);
    provider.on("sync", onSync);
    provider.on("connection-close", onClose);
    doc.on("update", onUpdate);
    provider.awareness.on("change", onAwareness);
    window.addEventListener("online", onNetwork);
    window.addEventListener("offline", onNetwork);
    window.addEventListener("beforeunload", beforeUnload);
    onAwareness();
    onNetwork();
    setSynced(provider.synced);
    return () => {
      provider.off("status", onStatus);
      provider.off("sync", onSync);
      provider.off("connection-close", onClose);
      doc.off("update", onUpdate);
      provider.awareness.off("change", onAwareness);
      window.removeEventListener("online", onNetwork);
      window.removeEventListener("offline", onNetwork);
      window.removeEventListener("beforeunload", beforeUnload);
    };
  }, [doc, provider, unsyncedRef, revalidatorRef]);
  const statusText =
    status === "connected"
      ? t("editor.connected")
      : status === "offline"
        ? t("editor.offline")
        : t("editor.reconnecting");

  return (
    <div className="plan-editor">
      <div className="plan-editor__bar">
        <p className={`connection connection--${status}`} role="status" data-status={status}>
          <span className="connection__dot" aria-hidden="true" />
          {statusText}
          {status !== "connected" || unsynced ? <span className="muted"> · {t("editor.editsKept")}</span> : null}
        </p>
        <div className="presence" aria-label={t("editor.whosHere")} role="group">
          <span className="muted">{t("editor.whosHere")}:</span>
          <ul>
            {people.map((p) => (
              <li key={`${p.name}|${p.color}`} className="presence__person">
                <Avatar name={p.name} color={p.color} size="small" decorative />
                {p.name}
              </li>
            ))}
          </ul>
        </div>
      </div>
      {canEdit || !readOnlyNote ? null : <p className="readonly-note">{t(readOnlyNote)}</p>}
      {editor && canEdit ? (
        <EditorToolbar editor={editor} onLink={() => setLinking(true)} onEmbed={setPicking} />
      ) : null}
      {editor && canEdit ? (
        <LinkDialog
          open={linking}
          current={linking ? ((editor.getAttributes("link").href as string | undefined) ?? null) : null}
          onOpenChange={setLinking}
          onSave={(href) => {
            setLinking(false);
            const chain = editor.chain().focus().extendMarkRange("link");
            // With nothing selected, the address itself becomes the link's text.
            if (editor.state.selection.empty && !editor.isActive("link")) {
              chain.insertContent({ type: "text", text: href, marks: [{ type: "link", attrs: { href } }] }).run();
            } else {
              chain.setLink({ href }).run();
            }
          }}
          onRemove={() => {
            setLinking(false);
            editor.chain().focus().extendMarkRange("link").unsetLink().run();
          }}
          onClosed={() => editor.commands.focus()}
        />
      ) : null}
      {editor && picking ? (
        <EmbedPicker
          kind={picking}
          workspace={workspace}
          onPick={(id) => {
            setPicking(null);
            editor
              .chain()
              .focus()
              .insertContent({ type: "embed", attrs: { kind: picking, id } })
              .run();
          }}
          onClose={() => {
            setPicking(null);
            editor.commands.focus();
          }}
        />
      ) : null}
      {comments.canComment ? (
        <div className="comment-bar">
          <Button
            variant="secondary"
            icon={MessageSquarePlus}
            aria-keyshortcuts="Control+Alt+M"
            // Keep the selection in the document while clicking.
            onMouseDown={(ev) => ev.preventDefault()}
            onClick={() => startCommentRef.current()}
          >
            {t("planComments.add")}
          </Button>
          <span className="muted">{t("planComments.addHint")}</span>
          <p role="status" className="comment-bar__note">
            {commentNote ? t(commentNote) : null}
          </p>
        </div>
      ) : null}
      <div className="plan-editor__layout">
        <div className="plan-editor__main">
          <EditorContent editor={editor} className="plan-editor__content" />
          {editor && comments.canComment && !draft ? (
            <SelectionCommentButton editor={editor} onComment={() => startCommentRef.current()} />
          ) : null}
        </div>
        {editor ? (
          <CommentsPanel
            editor={editor}
            planId={planId}
            workspace={workspace}
            userId={user.id}
            canComment={comments.canComment}
            canHide={comments.canHide}
            synced={synced}
            draft={draft}
            onDraftDone={() => setDraft(null)}
            active={activeThread}
            onActive={setActiveThread}
          />
        ) : null}
      </div>
    </div>
  );
}

function useLatest<T>(value: T) {
  const [ref] = useState(() => ({ current: value }));
  ref.current = value;
  return ref;
}
