import type { Editor } from "@tiptap/core";
import { forwardRef, useEffect, useId, useImperativeHandle, useMemo, useState } from "react";
import { useT } from "../../i18n/react";
import { filterSlashItems, type SlashItemId } from "./slash-items";

export type SlashMenuProps = { editor: Editor; query: string; onChoose: (id: SlashItemId) => void };
export type SlashMenuHandle = { onKeyDown: (event: KeyboardEvent) => boolean };

/**
 * The slash command list. Focus stays in the document (so typing keeps filtering);
 * the document points at the highlighted option with aria-activedescendant.
 */
export const SlashMenu = forwardRef<SlashMenuHandle, SlashMenuProps>(function SlashMenu(
  { editor, query, onChoose },
  ref,
) {
  const t = useT();
  const items = useMemo(() => filterSlashItems(query, t), [query, t]);
  const [active, setActive] = useState(0);
  useEffect(() => setActive(0), [query]);
  // The query can shrink the list before the reset above has run.
  const current = Math.min(active, items.length - 1);
  const listId = useId();
  const optionId = (i: number) => `${listId}-option-${i}`;

  useImperativeHandle(
    ref,
    () => ({
      onKeyDown(event) {
        // With nothing to choose, keys keep their usual meaning in the document.
        if (items.length === 0) return false;
        if (event.key === "ArrowDown" || event.key === "ArrowUp") {
          const step = event.key === "ArrowDown" ? 1 : items.length - 1;
          setActive((current + step) % items.length);
          return true;
        }
        if (event.key === "Enter") {
          onChoose(items[current]!.id);
          return true;
        }
        return false;
      },
    }),
    [items, current, onChoose],
  );

  const activeId = items.length > 0 ? optionId(current) : null;
  useEffect(() => {
    if (!activeId) return;
    const dom = editor.view.dom;
    dom.setAttribute("aria-controls", listId);
    dom.setAttribute("aria-activedescendant", activeId);
    document.getElementById(activeId)?.scrollIntoView({ block: "nearest" });
    return () => {
      dom.removeAttribute("aria-controls");
      dom.removeAttribute("aria-activedescendant");
    };
  }, [editor, listId, activeId]);

  if (items.length === 0) return null;
  return (
    <ul className="slash-menu" role="listbox" id={listId} aria-label={t("slash.menu")}>
      {items.map((item, i) => (
        // The editor keeps focus and handles the keys (arrows, Enter); the mouse may choose too.
        // eslint-disable-next-line jsx-a11y/click-events-have-key-events
        <li
          key={item.id}
          id={optionId(i)}
          role="option"
          aria-selected={i === current}
          className="slash-menu__option"
          // Keep the caret (and the typed "/query") in the document while clicking.
          onMouseDown={(e) => e.preventDefault()}
          onMouseMove={() => i !== current && setActive(i)}
          onClick={() => onChoose(item.id)}
        >
          {t(item.label)}
        </li>
      ))}
    </ul>
  );
});
