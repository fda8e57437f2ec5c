import { expect, test } from "@playwright/test";

test("the language switch shows Spanish, remembers it, and switches back", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();

  // The button names itself in the page's language; only the word "Español" is marked as Spanish.
  const toSpanish = page.getByRole("button", { name: "Español" });
  await expect(toSpanish).toHaveAccessibleName("Switch language to Español");
  await expect(toSpanish).not.toHaveAttribute("lang");
  await expect(toSpanish.locator('[lang="es"]')).toHaveText("Español");
  await toSpanish.click();

  // Same page, now in Spanish.
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1, name: "Iniciar sesión" })).toBeVisible();
  await expect(page.getByLabel("Contraseña")).toBeVisible();
  await expect(page).toHaveTitle(/Iniciar sesión/);

  // The choice holds on the next page, reached by a fresh request.
  await page.goto("/signup");
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("heading", { level: 1, name: "Cree su cuenta" })).toBeVisible();

  // And by following a link inside the app.
  await page.getByRole("banner").getByRole("link", { name: "Iniciar sesión" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { level: 1, name: "Iniciar sesión" })).toBeVisible();

  // Back to English.
  const toEnglish = page.getByRole("button", { name: "English" });
  await expect(toEnglish).toHaveAccessibleName("Cambiar el idioma a English");
  await expect(toEnglish.locator('[lang="en"]')).toHaveText("English");
  await toEnglish.click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Plan resource equity together" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Español" })).toBeVisible();
});
