import { expect, test } from "@playwright/test";
import { demo, DEMO_PASSWORD, startInEnglish, waitForHydration } from "./helpers";

test("the skip link is the first thing Tab reaches, and it moves focus to the main content", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to main content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main$/);
  await expect(page.locator("main")).toBeFocused();
  // The next Tab continues inside the main content, past the header.
  await page.keyboard.press("Tab");
  await expect(page.locator('input[name="email"]')).toBeFocused();
});

test("someone can sign in with the keyboard alone", async ({ page }) => {
  await startInEnglish(page.context());
  await page.goto("/login");
  await waitForHydration(page);

  // Tab through the page until the e-mail field has focus (no clicking).
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press("Tab");
    if (await page.locator('input[name="email"]').evaluate((el) => el === document.activeElement)) break;
  }
  await expect(page.locator('input[name="email"]')).toBeFocused();
  await page.keyboard.type(demo.superintendent);
  await page.keyboard.press("Tab");
  await expect(page.locator('input[name="password"]')).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/workspaces$/);
  await expect(page.getByRole("heading", { level: 1, name: "Workspaces" })).toBeVisible();
  await expect(page.getByText("Welcome, Elena Márquez.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});
