import { expect, test } from "@playwright/test";
import { demo, login, useLanguage, waitForHydration, watchConsole } from "./helpers";

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

test("pages load under the Content Security Policy without errors and hydrate", async ({ page, context }) => {
  const watcher = watchConsole(page);

  // Every response carries a nonce-based policy; inline scripts only run with that nonce.
  const response = await page.goto("/");
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(csp).not.toContain("unsafe-eval");

  for (const lang of ["en", "es"] as const) {
    await useLanguage(context, lang);
    for (const path of signedOutPages) {
      await page.goto(path);
      await waitForHydration(page);
    }
  }
  await useLanguage(context, "en");
  await login(page, demo.superintendent);
  for (const path of signedInPages) {
    await page.goto(path);
    await waitForHydration(page);
  }

  // Client-side navigation: following a nav link must not reload the document.
  await page.goto("/workspaces");
  await waitForHydration(page);
  await page.evaluate(() => ((window as unknown as { __e2eMarker: string }).__e2eMarker = "still here"));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Districts" }).click();
  await expect(page).toHaveURL(/\/districts$/);
  await expect(page.getByRole("heading", { level: 1, name: "Districts" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Districts" })).toHaveAttribute(
    "aria-current",
    "page"
  );
  expect(await page.evaluate(() => (window as unknown as { __e2eMarker?: string }).__e2eMarker)).toBe("still here");

  // Forms go through the client router too: switching language re-renders in place.
  await page.getByRole("link", { name: "Riverbend Unified School District" }).click();
  await expect(page).toHaveURL(/\/districts\/riverbend$/);
  await page.getByRole("button", { name: "Español" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 2, name: "Crear un espacio de trabajo" })).toBeVisible();
  await expect(page).toHaveURL(/\/districts\/riverbend$/);
  expect(await page.evaluate(() => (window as unknown as { __e2eMarker?: string }).__e2eMarker)).toBe("still here");

  const problems = watcher.problems();
  expect(problems, `Console problems:\n${problems.join("\n")}`).toEqual([]);
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
