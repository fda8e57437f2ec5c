import { expect, test } from "./fixtures";
import { expectNoSeriousA11yViolations, waitForHydration } from "./helpers";

test.describe.configure({ mode: "parallel" });

test.describe("on a phone (360 px)", () => {
  test.use({ account: "superintendent", viewport: { width: 360, height: 740 } });

  test("the header is one line, and its Menu opens the navigation, whose links work", async ({ page }) => {
    await page.goto("/workspaces");
    await waitForHydration(page);
    const header = page.locator("header.site-header");
    expect((await header.boundingBox())!.height).toBeLessThanOrEqual(64);
    // The links are behind the menu, not in the header.
    await expect(header.getByRole("link", { name: "Districts" })).toBeHidden();
    await expect(header.getByRole("button", { name: "Sign out" })).toBeHidden();

    const menuButton = page.getByRole("button", { name: "Menu" });
    await menuButton.click();
    const menu = page.getByRole("dialog", { name: "Menu" });
    await expect(menu.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText([
      "Workspaces",
      "Districts",
      "Account",
    ]);
    await expect(menu.getByRole("link", { name: "Workspaces" })).toHaveAttribute("aria-current", "page");
    await expect(menu.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expectNoSeriousA11yViolations(page, "the phone menu, open");

    await menu.getByRole("link", { name: "Districts" }).click();
    await expect(page).toHaveURL(/\/districts$/);
    await expect(page.getByRole("heading", { level: 1, name: "Districts" })).toBeVisible();
    await expect(menu).toHaveCount(0);
  });

  test("the menu opens and closes from the keyboard, focus going back to its button", async ({ page }) => {
    await page.goto("/account");
    await waitForHydration(page);
    const menuButton = page.getByRole("button", { name: "Menu" });
    await menuButton.focus();
    await expect(menuButton).toHaveAttribute("aria-expanded", "false");
    await page.keyboard.press("Enter");
    const menu = page.getByRole("dialog", { name: "Menu" });
    await expect(menu).toBeVisible();
    // (While the menu is open the page behind it is hidden from assistive technology, its button too.)
    await expect(page.locator("header button[aria-haspopup=dialog]")).toHaveAttribute("aria-expanded", "true");
    await expect(menu.getByRole("link", { name: "Workspaces" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(menu).toHaveCount(0);
    await expect(menuButton).toBeFocused();
  });

  test.describe("in Spanish", () => {
    test.use({ lang: "es" });
    test("the header stays one line", async ({ page }) => {
      await page.goto("/workspaces");
      const header = page.locator("header.site-header");
      await expect(header.getByRole("button", { name: "Menú" })).toBeVisible();
      expect((await header.boundingBox())!.height).toBeLessThanOrEqual(64);
    });
  });
});

test.describe("on a desktop (1280 px)", () => {
  test.use({ account: "superintendent", viewport: { width: 1280, height: 800 } });

  test("the navigation is in the header and there is no Menu button", async ({ page }) => {
    await page.goto("/workspaces");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText(["Workspaces", "Districts", "Account"]);
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
    await nav.getByRole("link", { name: "Account" }).click();
    await expect(page).toHaveURL(/\/account$/);
  });
});

test.describe("on a phone without JavaScript", () => {
  test.use({ account: "superintendent", viewport: { width: 360, height: 740 }, javaScriptEnabled: false });

  test("the header shows the navigation itself, since the menu cannot open", async ({ page }) => {
    await page.goto("/workspaces");
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Districts" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
  });
});
