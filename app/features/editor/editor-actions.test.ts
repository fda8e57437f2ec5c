import { describe, expect, it } from "vitest";
import { translator } from "../../i18n/translate";
import { ariaShortcut, editorActions, formatShortcut, toolbarGroups } from "./editor-actions";
import { slashItems } from "./slash-items";

const toolbarIds = toolbarGroups.flatMap((g) => g.actions);

describe("editor action labels", () => {
  it.each(["en", "es"] as const)("names each slash-menu entry as the toolbar names the same action (%s)", (locale) => {
    const t = translator(locale);
    for (const item of slashItems) {
      expect(toolbarIds).toContain(item.id);
      expect(t(item.label)).toBe(t(editorActions[item.id].label));
    }
    // The two lists people see, side by side.
    expect(slashItems.map((item) => t(item.label))).toEqual(slashItems.map((item) => t(editorActions[item.id].label)));
  });

  it("reads 'Heading 2' in both places, not 'Heading' in one", () => {
    const en = translator("en");
    expect(en(editorActions.heading2.label)).toBe("Heading 2");
    expect(en(slashItems.find((i) => i.id === "heading2")!.label)).toBe("Heading 2");
  });

  it.each(["en", "es"] as const)("gives every toolbar button its own name (%s)", (locale) => {
    const t = translator(locale);
    const names = toolbarIds.map((id) => t(editorActions[id].label));
    expect(new Set(names).size).toBe(names.length);
  });

  it("lists every action once in the toolbar", () => {
    expect([...toolbarIds].sort()).toEqual(Object.keys(editorActions).sort());
  });
});

describe("shortcuts", () => {
  it.each([
    ["Mod-b", "Ctrl+B", "⌘B", "Control+B", "Meta+B"],
    ["Mod-Shift-8", "Ctrl+Shift+8", "⇧⌘8", "Control+Shift+8", "Meta+Shift+8"],
    ["Mod-Alt-2", "Ctrl+Alt+2", "⌥⌘2", "Control+Alt+2", "Meta+Alt+2"],
    ["Mod-Shift-z", "Ctrl+Shift+Z", "⇧⌘Z", "Control+Shift+Z", "Meta+Shift+Z"],
  ])("%s reads %s, or %s on a Mac", (shortcut, pc, mac, ariaPc, ariaMac) => {
    expect(formatShortcut(shortcut, false)).toBe(pc);
    expect(formatShortcut(shortcut, true)).toBe(mac);
    expect(ariaShortcut(shortcut, false)).toBe(ariaPc);
    expect(ariaShortcut(shortcut, true)).toBe(ariaMac);
  });
});
