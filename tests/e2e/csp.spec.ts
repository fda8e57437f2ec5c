import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { waitForHydration, watchConsole } from "./helpers";

const signedOutPages = ["/", "/signup", "/login", "/invite/not-a-real-invitation-token", "/no/such/page"];
const signedInPages = [
  "/workspaces",
  "/districts",
  "/districts/riverbend",
  "/account",
  "/workspaces/cabinet-strategic-plan",
  "/workspaces/family-budget-priorities",
  "/workspaces/not-a-workspace",
];

// One page per test, each starting signed in (or out) and in its language from the shared fixture.
test.describe.configure({ mode: "parallel" });

test("every response carries a nonce-based policy", async ({ page }) => {
  // Inline scripts only run with the nonce; nothing may evaluate strings.
  const response = await page.goto("/");
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(csp).not.toContain("unsafe-eval");
});

/** Loads a page and waits for hydration; fails on CSP refusals, uncaught errors or hydration errors. */
async function expectCleanLoad(page: Page, path: string) {
  const watcher = watchConsole(page);
  await page.goto(path);
  await waitForHydration(page);
  const problems = watcher.problems();
  expect(problems, `Console problems on ${path}:\n${problems.join("\n")}`).toEqual([]);
}

for (const lang of ["en", "es"] as const) {
  test.describe(`signed out (${lang})`, () => {
    test.use({ lang });
    for (const path of signedOutPages) {
      test(`${path} loads under the policy without errors and hydrates`, async ({ page }) => {
        await expectCleanLoad(page, path);
      });
    }
  });
}

test.describe("signed in", () => {
  test.use({ account: "superintendent" });
  for (const path of signedInPages) {
    test(`${path} loads under the policy without errors and hydrates`, async ({ page }) => {
      await expectCleanLoad(page, path);
    });
  }

  test("navigation and forms go through the client router without reloading the document", async ({ page }) => {
    const watcher = watchConsole(page);
    await page.goto("/workspaces");
    await waitForHydration(page);
    await page.evaluate(() => ((window as unknown as { __e2eMarker: string }).__e2eMarker = "still here"));
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Districts" }).click();
    await expect(page).toHaveURL(/\/districts$/);
    await expect(page.getByRole("heading", { level: 1, name: "Districts" })).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Districts" }),
    ).toHaveAttribute("aria-current", "page");
    expect(await page.evaluate(() => (window as unknown as { __e2eMarker?: string }).__e2eMarker)).toBe("still here");

    // Forms go through the client router too: switching language re-renders in place.
    await page.getByRole("link", { name: "Riverbend Unified School District" }).click();
    await expect(page).toHaveURL(/\/districts\/riverbend$/);
    await page.getByRole("button", { name: "Español" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("heading", { level: 2, name: "Crear un espacio de trabajo" })).toBeVisible();
    await expect(page).toHaveURL(/\/districts\/riverbend$/);
    expect(await page.evaluate(() => (window as unknown as { __e2eMarker?: string }).__e2eMarker)).toBe("still here");
    // The switch was saved to the shared demo account (decision 021): give it back its English.
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");

    const problems = watcher.problems();
    expect(problems, `Console problems:\n${problems.join("\n")}`).toEqual([]);
  });
});

test("a fresh page reports nothing to the console", async ({ page }) => {
  const watcher = watchConsole(page);
  await page.goto("/login");
  await waitForHydration(page);
  await page.getByRole("button", { name: "Español" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await waitForHydration(page);
  // Errors and warnings of any kind (a CSP refusal, a failed asset, a hydration mismatch) would show here.
  const noisy = watcher.messages.filter((m) => /^\[(error|warning)\]/.test(m));
  expect(noisy, `Console errors/warnings:\n${noisy.join("\n")}`).toEqual([]);
  expect(watcher.problems()).toEqual([]);
});
