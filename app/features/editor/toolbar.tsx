import type { EmbedKind } from "../../domain/plan-embeds";
import type { Editor } from "@tiptap/react";
import { useEditorState } from "@tiptap/react";
import { useRef, useState, type KeyboardEvent } from "react";
import { IconButton } from "../../components/ui/button";
import { TooltipGroup } from "../../components/ui/tooltip";
import { useT } from "../../i18n/react";
import { ariaShortcut, editorActions, formatShortcut, toolbarGroups, type EditorActionId } from "./editor-actions";

const ids = toolbarGroups.flatMap((g) => g.actions);

// The editor only renders in the browser, so the platform is known when this runs.
const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

/**
 * Formatting controls: icon buttons grouped by purpose, each named by its label with the
 * label and shortcut in a tooltip. One tab stop; arrow keys, Home and End move between
 * the buttons (the WAI-ARIA toolbar pattern).
 */
export function EditorToolbar({
  editor,
  onLink,
  onEmbed,
}: {
  editor: Editor;
  onLink: () => void;
  /** Opens the picker of the workspace's views or votes to embed. */
  onEmbed: (kind: EmbedKind) => void;
}) {
  const t = useT();
  const mac = isMac();
  // Re-render when the selection or marks change so pressed and disabled states stay right.
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) =>
      ids.map((id) => ({
        active: editorActions[id].active?.(e) ?? false,
        enabled: editorActions[id].can?.(e) ?? true,
      })),
  });
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const [current, setCurrent] = useState(0);
  // The tab stop stays on an enabled button (Undo turns disabled once nothing is left to undo).
  const enabled = (i: number) => state[i]?.enabled ?? false;
  const tabStop = enabled(current) ? current : ids.findIndex((_, i) => enabled(i));

  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    const from = buttons.current.findIndex((b) => b === document.activeElement);
    if (from < 0) return;
    const order = ids.map((_, i) => i).filter(enabled);
    const at = order.indexOf(from);
    const next =
      event.key === "ArrowRight"
        ? order[(at + 1) % order.length]
        : event.key === "ArrowLeft"
          ? order[(at - 1 + order.length) % order.length]
          : event.key === "Home"
            ? order[0]
            : event.key === "End"
              ? order[order.length - 1]
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    setCurrent(next);
    buttons.current[next]?.focus();
  };

  const run = (id: EditorActionId) => {
    if (id === "link") return onLink();
    if (id === "dataView") return onEmbed("view");
    if (id === "pollResults") return onEmbed("poll");
    editorActions[id].run?.(editor);
  };

  return (
    <TooltipGroup>
      <div className="editor-toolbar" role="toolbar" aria-label={t("editor.toolbar")} onKeyDown={move}>
        {toolbarGroups.map((group) => (
          <div className="editor-toolbar__group" role="group" aria-label={t(group.label)} key={group.label}>
            {group.actions.map((id) => {
              const i = ids.indexOf(id);
              const action = editorActions[id];
              const s = state[i]!;
              return (
                <IconButton
                  key={id}
                  ref={(el) => {
                    buttons.current[i] = el;
                  }}
                  icon={action.icon}
                  label={t(action.label)}
                  className="tool"
                  tabIndex={i === tabStop ? 0 : -1}
                  {...(action.shortcut
                    ? {
                        shortcut: formatShortcut(action.shortcut, mac),
                        "aria-keyshortcuts": ariaShortcut(action.shortcut, mac),
                      }
                    : {})}
                  {...(action.active ? { "aria-pressed": s.active } : {})}
                  {...(id === "link" || id === "dataView" || id === "pollResults"
                    ? { "aria-haspopup": "dialog" as const }
                    : {})}
                  disabled={!s.enabled}
                  // Keep the selection in the document while clicking.
                  onMouseDown={(ev) => ev.preventDefault()}
                  onFocus={() => setCurrent(i)}
                  onClick={() => run(id)}
                />
              );
            })}
          </div>
        ))}
      </div>
    </TooltipGroup>
  );
}
