import { expect, test } from "./fixtures";
import { expectNoSeriousA11yViolations, fillSignup, uniqueEmail, waitForHydration } from "./helpers";

// Issue 14, leaving (decision 023): a member leaves a workspace through the confirm dialog, and a
// person deletes their account from the Account page, both with the keyboard alone.

test("a member leaves a workspace by keyboard, after confirming in a dialog, and it is gone for them", async ({
  page,
  invitationPath,
}) => {
  await page.goto("/signup");
  await fillSignup(page, { name: "Lea Leaving", email: uniqueEmail("leaver"), password: "leaving-password-1" });
  await page.goto(invitationPath);
  await page.getByRole("button", { name: "Join the workspace" }).click();
  await expect(page).toHaveURL(/\/workspaces\/cabinet-strategic-plan$/);

  await waitForHydration(page);
  await page.getByRole("button", { name: "Leave this workspace" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Leave Cabinet strategic plan?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Your comments stay and show as by a former member");
  await expectNoSeriousA11yViolations(page, "the leave dialog");
  // Escape cancels: still a member.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("button", { name: "Leave this workspace" })).toBeFocused();

  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Leave the workspace" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/workspaces$/);
  const after = await page.goto("/workspaces/cabinet-strategic-plan");
  expect(after?.status()).toBe(404);
});

test.describe("on a phone, in Spanish", () => {
  test.use({ lang: "es", viewport: { width: 360, height: 740 } });

  test("a person deletes their account by keyboard with the confirmation word and password, and is signed out", async ({
    page,
  }) => {
    const email = uniqueEmail("adios");
    await page.goto("/signup");
    await fillSignup(page, { name: "Marta Salas", email, password: "contraseña-segura-1" });
    await page.goto("/account");
    await waitForHydration(page);
    const section = page.getByRole("region", { name: "Eliminar su cuenta" });
    await expect(section).toContainText("No se puede deshacer");
    await expect(page.getByRole("link", { name: "Descargar mis datos" })).toHaveAttribute("href", "/api/v1/me/export");

    // A wrong password first: told so, nothing deleted.
    await section.getByLabel("Escriba ELIMINAR para confirmar").focus();
    await page.keyboard.type("ELIMINAR");
    await page.keyboard.press("Tab");
    await expect(section.getByLabel("Su contraseña")).toBeFocused();
    await page.keyboard.type("no-es-la-mía");
    await page.keyboard.press("Enter");
    await expect(section.getByText("La contraseña no es correcta; no se eliminó nada.")).toBeVisible();
    await expectNoSeriousA11yViolations(page, "the account page with a deletion error (es)");

    await section.getByLabel("Su contraseña").focus();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("contraseña-segura-1");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/account-deleted$/);
    await expect(page.getByRole("heading", { level: 1, name: "Su cuenta está eliminada" })).toBeVisible();
    await expectNoSeriousA11yViolations(page, "the account-deleted page (es)");

    // Signed out, and the account is gone: its password no longer signs in.
    expect((await page.goto("/account"))?.url()).toMatch(/\/login\?redirectTo=%2Faccount$/);
    await page.locator('input[name="email"]').fill(email);
    await page.locator('input[name="password"]').fill("contraseña-segura-1");
    await page.locator('main button[type="submit"]').click();
    await expect(page.getByRole("alert")).toBeVisible();
    await expect(page).toHaveURL(/\/login(\?|$)/);
  });
});
