import { Extension, type Editor, type Range } from "@tiptap/core";
import { PluginKey } from "@tiptap/pm/state";
import { ReactRenderer } from "@tiptap/react";
import { Suggestion, type SuggestionProps } from "@tiptap/suggestion";
import type { EmbedKind } from "../../domain/plan-embeds";
import type { SlashItemId } from "./slash-items";
import { SlashMenu, type SlashMenuHandle, type SlashMenuProps } from "./slash-menu";

type Options = {
  /** Opens the picker of views or votes; the chosen one is inserted at the selection, where the "/query" was. */
  onEmbed: (kind: EmbedKind) => void;
  /** Where the menu is mounted (a selector); inside the editor's frame keeps it in the page's landmarks. */
  container?: string;
};

const slashCommandKey = new PluginKey("slashCommand");

function runSlashItem(editor: Editor, range: Range, id: SlashItemId, onEmbed: (kind: EmbedKind) => void): void {
  const chain = editor.chain().focus().deleteRange(range);
  switch (id) {
    case "heading2":
      return void chain.setHeading({ level: 2 }).run();
    case "heading3":
      return void chain.setHeading({ level: 3 }).run();
    case "bulletList":
      return void chain.toggleBulletList().run();
    case "orderedList":
      return void chain.toggleOrderedList().run();
    case "taskList":
      return void chain.toggleTaskList().run();
    case "table":
      return void chain.insertTable({ rows: 2, cols: 3, withHeaderRow: true }).run();
    case "blockquote":
      return void chain.setBlockquote().run();
    case "dataView":
      chain.run();
      return onEmbed("view");
    case "pollResults":
      chain.run();
      return onEmbed("poll");
  }
}

/**
 * "/" at the start of a paragraph or after a space opens the block menu at the caret.
 * Only added to editable editors; Suggestion also stays inactive while the editor is read-only.
 */
export const SlashCommand = Extension.create<Options>({
  name: "slashCommand",
  // Before the list and core keymaps, so Enter and the arrows reach the open menu first.
  priority: 200,

  addOptions() {
    return { onEmbed: () => {}, container: undefined };
  },

  addProseMirrorPlugins() {
    const { onEmbed, container } = this.options;
    return [
      Suggestion<never, { id: SlashItemId }>({
        editor: this.editor,
        pluginKey: slashCommandKey,
        char: "/",
        allowedPrefixes: [" "],
        container,
        decorationClass: "slash-query",
        // Not in code, where "/" is ordinary text (paths, comments).
        allow: ({ state, range }) => !state.doc.resolve(range.from).parent.type.spec.code,
        command: ({ editor, range, props }) => runSlashItem(editor, range, props.id, onEmbed),
        render: () => {
          let menu: ReactRenderer<SlashMenuHandle, SlashMenuProps> | null = null;
          let unmount: (() => void) | null = null;
          const menuProps = (props: SuggestionProps<never, { id: SlashItemId }>): SlashMenuProps => ({
            editor: props.editor,
            query: props.query,
            onChoose: (id) => props.command({ id }),
          });
          return {
            onStart: (props) => {
              menu = new ReactRenderer(SlashMenu, {
                editor: props.editor,
                props: menuProps(props),
                className: "slash-menu-popup",
              });
              unmount = props.mount(menu.element);
            },
            onUpdate: (props) => menu?.updateProps(menuProps(props)),
            // Escape is handled by Suggestion itself: it closes the menu and leaves the text.
            onKeyDown: ({ event }) => (event.key === "Escape" ? false : (menu?.ref?.onKeyDown(event) ?? false)),
            onExit: () => {
              unmount?.();
              menu?.destroy();
              menu = null;
              unmount = null;
            },
          };
        },
      }),
    ];
  },
});
