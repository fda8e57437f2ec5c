import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { expectNoSeriousA11yViolations, waitForHydration } from "./helpers";

// /dev/ui documents the interface kit; the browser tests' server sets DEV_UI=1 to serve it
// (tests/integration/dev-ui.test.ts checks that it is a 404 otherwise).
test.describe.configure({ mode: "parallel" });

async function openKit(page: Page) {
  const response = await page.goto("/dev/ui");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Interface kit" })).toBeVisible();
  await waitForHydration(page);
}

/** Moves keyboard focus to the named button with Tab, from the button before it. */
async function tabTo(page: Page, name: string) {
  const button = page.getByRole("button", { name, exact: true });
  // In view first: a tooltip closes when the page scrolls (Radix), and a Tab that has to scroll
  // to its button would close it again as it opens, whenever the scroll event comes late.
  await button.scrollIntoViewIfNeeded();
  await button.evaluate((el) => {
    const all = [...document.querySelectorAll<HTMLElement>("main button")];
    all[all.indexOf(el as HTMLElement) - 1]!.focus();
  });
  await page.keyboard.press("Tab");
  await expect(button).toBeFocused();
}

// One state per test (decision 011): each scan stays short however busy the machine.
test("the kit's page has no accessibility violations", async ({ page }) => {
  await openKit(page);
  await expectNoSeriousA11yViolations(page, "/dev/ui");
});

const overlays: { name: string; open: (page: Page) => Promise<void> }[] = [
  {
    name: "the menu",
    async open(page) {
      await page.getByRole("button", { name: "Plan actions" }).click();
      await expect(page.getByRole("menu", { name: "Plan actions" }).getByRole("menuitem")).toHaveCount(4);
    },
  },
  {
    name: "the dialog",
    async open(page) {
      await page.getByRole("button", { name: "Rename version" }).click();
      await expect(page.getByRole("dialog", { name: "Rename version" })).toBeVisible();
    },
  },
  {
    name: "the sheet",
    async open(page) {
      await page.getByRole("button", { name: "Open side panel" }).click();
      await expect(page.getByRole("dialog", { name: "Comments" })).toBeVisible();
    },
  },
  {
    name: "the popover",
    async open(page) {
      await page.getByRole("button", { name: "Filter schools" }).click();
      await expect(page.getByRole("dialog", { name: "Filter schools" })).toBeVisible();
    },
  },
  {
    name: "a tooltip",
    async open(page) {
      // A tooltip opens on keyboard focus, and says the label and the shortcut.
      await tabTo(page, "Bold");
      await expect(page.getByRole("tooltip")).toHaveText("Bold Ctrl+B");
    },
  },
  {
    name: "a toast",
    async open(page) {
      await page.getByRole("button", { name: "Show an error" }).click();
      await expect(page.getByRole("region", { name: /Notifications/ }).getByText("Not saved")).toBeVisible();
    },
  },
];

for (const overlay of overlays) {
  test(`the kit's page has no accessibility violations with ${overlay.name} open`, async ({ page }) => {
    await openKit(page);
    await overlay.open(page);
    await expectNoSeriousA11yViolations(page, `/dev/ui with ${overlay.name} open`);
  });
}

test("a tooltip closes with Escape", async ({ page }) => {
  await openKit(page);
  await tabTo(page, "Bold");
  await expect(page.getByRole("tooltip")).toHaveText("Bold Ctrl+B");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("tooltip")).toHaveCount(0);
});

test("the dialog keeps focus inside, closes with Escape and gives focus back to its button", async ({ page }) => {
  await openKit(page);
  const opener = page.getByRole("button", { name: "Rename version" });
  await opener.click();
  const dialog = page.getByRole("dialog", { name: "Rename version" });
  await expect(dialog).toBeVisible();
  // Focus starts on the first field, not on Close.
  await expect(dialog.getByLabel("Version name")).toBeFocused();
  await expect(dialog).toHaveAccessibleDescription("The name people see in the version history.");

  const focusInDialog = () => page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')));
  // Round the dialog both ways, further than it has controls (field, Save, Cancel, Close).
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    expect(await focusInDialog(), `Tab ${i + 1} stays in the dialog`).toBe(true);
  }
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Shift+Tab");
    expect(await focusInDialog(), `Shift+Tab ${i + 1} stays in the dialog`).toBe(true);
  }
  // The page behind is out of reach of assistive technology while it is open.
  await expect(page.getByRole("heading", { level: 1, name: "Interface kit" })).toHaveCount(0);

  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();

  // Its form works: the new name shows on the page.
  await opener.click();
  await dialog.getByLabel("Version name").fill("Board draft");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Current name: Board draft")).toBeVisible();
});

test("the menu works from the keyboard and returns focus to its button", async ({ page }) => {
  await openKit(page);
  const button = page.getByRole("button", { name: "Plan actions" });
  await button.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu", { name: "Plan actions" });
  await expect(menu.getByRole("menuitem", { name: "Rename" })).toBeFocused();
  // The disabled item is skipped.
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "Archive" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveCount(0);
  await expect(page.getByText("Last chosen: Archive")).toBeVisible();
  await expect(button).toBeFocused();
});
