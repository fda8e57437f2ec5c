import { expect, test } from "./fixtures";
import {
  expectNoHorizontalScroll,
  expectNoSeriousA11yViolations,
  fillSignup,
  uniqueEmail,
  useLanguage,
  waitForHydration,
  waitForMail,
} from "./helpers";

// Issue 14's browser test: a family member who forgot her password gets back in from the e-mail link,
// on a phone, in Spanish, with the keyboard. The browser tests' server sends mail over SMTP to the run's
// mail server (tests/e2e/mail-sink.ts), where the test reads it as she would.

test.describe("a family member on a phone, in Spanish", () => {
  test.use({ lang: "es", viewport: { width: 360, height: 740 } });

  test("resets her forgotten password from the link in the mail and signs in with the new one", async ({
    page,
    context,
  }) => {
    const email = uniqueEmail("familia");
    await page.goto("/signup");
    await fillSignup(page, { name: "Lucía Herrera", email, password: "contraseña-olvidada-1" });
    // Some weeks later, signed out, she has forgotten it.
    await context.clearCookies();
    await useLanguage(context, "es");

    await page.goto("/login");
    await waitForHydration(page);
    await page.getByRole("link", { name: "¿Olvidó su contraseña?" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: "Restablecer la contraseña" })).toBeVisible();
    await expectNoSeriousA11yViolations(page, "the forgotten-password form (es)");
    await expectNoHorizontalScroll(page, "the forgotten-password form at 360 px");
    await page.getByLabel("Correo electrónico").focus();
    await page.keyboard.type(email);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status")).toContainText(`Si una cuenta usa ${email}, le llegará un mensaje`);
    await expectNoSeriousA11yViolations(page, "the forgotten-password answer (es)");

    // Her mail, in Spanish, with the link.
    const mail = await waitForMail(email, /reset-password/);
    expect(mail.decoded).toContain("Subject: Restablezca su contraseña de Espacios de Equidad");
    expect(mail.decoded).toContain("Hola, Lucía Herrera:");
    const href = /https?:\/\/\S+?\/reset-password\/[A-Za-z0-9_-]+/.exec(mail.decoded)![0];
    const resetPath = new URL(href).pathname;
    await page.goto(resetPath);

    await expect(page.getByRole("heading", { level: 1, name: "Elegir una contraseña nueva" })).toBeVisible();
    await waitForHydration(page);
    await expectNoSeriousA11yViolations(page, "the new-password form (es)");
    await expectNoHorizontalScroll(page, "the new-password form at 360 px");
    const password = page.getByLabel("Contraseña nueva");
    await password.focus();
    await page.keyboard.type("recordada-al-fin-2");
    await page.keyboard.press("Enter");

    // Back on the sign-in page, told what happened; the new password works.
    await expect(page).toHaveURL(/\/login\?reset=1$/);
    await expect(page.getByText("Su contraseña cambió y se cerraron todas las demás sesiones.")).toBeVisible();
    await page.getByLabel("Correo electrónico").fill(email);
    await page.getByLabel("Contraseña", { exact: true }).fill("recordada-al-fin-2");
    await page.getByRole("button", { name: "Iniciar sesión" }).focus();
    await page.keyboard.press("Enter");
    await expect(page).not.toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { level: 1, name: "Espacios de trabajo" })).toBeVisible();
    await expect(page.getByText("Le damos la bienvenida, Lucía Herrera.")).toBeVisible();

    // The link was for one use.
    await page.goto(resetPath);
    await expect(page.getByText("Este enlace no sirve: ya se usó, caducó o está incompleto.")).toBeVisible();
  });
});
