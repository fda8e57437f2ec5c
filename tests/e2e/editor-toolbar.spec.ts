import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { waitForHydration } from "./helpers";

test.describe.configure({ mode: "parallel" });
test.use({ account: "superintendent" });

/** A new blank plan in the cabinet's workspace, its editor live, the caret in its text. */
async function newBlankPlan(page: Page) {
  await page.goto("/workspaces/cabinet-strategic-plan");
  await page.getByLabel("Title").fill(`Toolbar plan ${Date.now()}`);
  await page.getByLabel("Start from").selectOption("blank");
  await page.getByRole("button", { name: "Create a plan" }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
  await waitForHydration(page);
  await expect(page.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
  const doc = page.getByRole("textbox", { name: "Plan text" });
  await doc.click();
  await page.keyboard.press("Control+End");
  return doc;
}

test("the toolbar: named icon buttons in groups, shortcuts in tooltips, one tab stop and arrow keys", async ({
  page,
}) => {
  const doc = await newBlankPlan(page);
  const toolbar = page.getByRole("toolbar", { name: "Formatting" });
  await expect(toolbar.getByRole("group")).toHaveCount(4);
  await expect(toolbar.getByRole("group", { name: "History" }).getByRole("button")).toHaveCount(2);
  await expect(toolbar.getByRole("group", { name: "Text style" }).getByRole("button")).toHaveCount(6);
  await expect(toolbar.getByRole("group", { name: "Lists and quotes" }).getByRole("button")).toHaveCount(4);
  await expect(toolbar.getByRole("group", { name: "Insert" }).getByRole("button")).toHaveText(["", "", ""]);
  const bold = toolbar.getByRole("button", { name: "Bold", exact: true });
  await expect(bold).toHaveAttribute("aria-keyshortcuts", "Control+B");
  await expect(bold.locator("svg")).toHaveCount(1);

  // Tab from the document reaches the toolbar's one tab stop… (Undo and Redo are disabled in a new plan.)
  await page.keyboard.type("Funding follows need");
  await toolbar.getByRole("button", { name: "Undo" }).focus();
  await expect(page.getByRole("tooltip")).toHaveText("Undo Ctrl+Z");
  await expect(toolbar.locator('button[tabindex="0"]')).toHaveCount(1);
  // …and the arrows move along it, skipping what is disabled, wrapping at the ends.
  await page.keyboard.press("ArrowRight");
  await expect(toolbar.getByRole("button", { name: "Heading 2" })).toBeFocused();
  await expect(page.getByRole("tooltip")).toHaveText("Heading 2 Ctrl+Alt+2");
  await page.keyboard.press("ArrowLeft");
  await expect(toolbar.getByRole("button", { name: "Undo" })).toBeFocused();
  await page.keyboard.press("End");
  await expect(toolbar.getByRole("button", { name: "Vote results" })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(toolbar.getByRole("button", { name: "Undo" })).toBeFocused();
  await expect(toolbar.locator('button[tabindex="0"]')).toHaveCount(1);
  await page.keyboard.press("Escape");
  await doc.click();
  await page.keyboard.press("End");

  // A button still does its work, and shows it is on.
  await page.keyboard.press("Shift+Home");
  await bold.click();
  await expect(bold).toHaveAttribute("aria-pressed", "true");
  await expect(doc.locator("strong")).toHaveText("Funding follows need");
});

test("a link is added, refused when unsafe, edited and removed in a dialog", async ({ page }) => {
  const doc = await newBlankPlan(page);
  await page.keyboard.type("Budget page");
  await page.keyboard.press("Shift+Home");
  const linkButton = page.getByRole("toolbar", { name: "Formatting" }).getByRole("button", { name: "Link" });
  await linkButton.click();

  const dialog = page.getByRole("dialog", { name: "Add a link" });
  const address = dialog.getByLabel("Link address");
  await expect(address).toBeFocused();
  await expect(dialog.getByRole("button", { name: "Remove link" })).toHaveCount(0);
  await address.fill("javascript:alert(document.cookie)");
  await dialog.getByRole("button", { name: "Save link" }).click();
  await expect(address).toHaveAccessibleDescription(/Only web links .* and e-mail links .* can be added\./);
  await expect(address).toHaveAttribute("aria-invalid", "true");
  await expect(dialog).toBeVisible();
  await expect(doc.locator("a")).toHaveCount(0);

  await address.fill("riverbend.example/budget");
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(doc.getByRole("link", { name: "Budget page" })).toHaveAttribute(
    "href",
    "https://riverbend.example/budget",
  );
  // Focus is back in the document.
  await expect(doc).toBeFocused();

  // With the caret in the link, the dialog edits it and offers to remove it (Ctrl+K opens it too).
  await doc.getByText("Budget page").click();
  await page.keyboard.press("Control+k");
  const edit = page.getByRole("dialog", { name: "Edit link" });
  await expect(edit.getByLabel("Link address")).toHaveValue("https://riverbend.example/budget");
  await edit.getByRole("button", { name: "Remove link" }).click();
  await expect(edit).toHaveCount(0);
  await expect(doc.locator("a")).toHaveCount(0);
  await expect(doc).toContainText("Budget page");

  // Escape closes it without a change.
  await linkButton.click();
  await expect(page.getByRole("dialog", { name: "Add a link" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(doc.locator("a")).toHaveCount(0);
});
