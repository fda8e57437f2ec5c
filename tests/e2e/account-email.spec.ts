import { expect, test } from "./fixtures";
import { expectNoHorizontalScroll, fillSignup, uniqueEmail, waitForHydration, waitForMail } from "./helpers";

// A family member signs up in Spanish on a phone, confirms her address from the mail, and later moves
// her account to a new address, confirming it from the mail sent there — by keyboard, with the run's
// real SMTP server (tests/e2e/mail-sink.ts) as her inbox.

const linkPath = (decoded: string) => new URL(/https?:\/\/\S+?\/verify-email\/[a-z0-9]+/.exec(decoded)![0]).pathname;

test.describe("a family member on a phone, in Spanish", () => {
  test.use({ lang: "es", viewport: { width: 360, height: 740 } });

  test("confirms her address, then moves her account to a new one from the link sent there", async ({ page }) => {
    const email = uniqueEmail("familia-correo");
    const password = "mi-contraseña-segura-1";
    await page.goto("/signup");
    await fillSignup(page, { name: "Marta Solís", email, password });

    // The welcome mail is in Spanish; opening its link confirms nothing until she presses the button.
    const welcome = await waitForMail(email, /verify-email/);
    expect(welcome.decoded).toContain("Subject: Confirme su correo electrónico en Espacios de Equidad");
    await page.goto(linkPath(welcome.decoded));
    await waitForHydration(page);
    await expect(page.getByRole("heading", { level: 1, name: "Confirme su correo electrónico" })).toBeVisible();
    await expectNoHorizontalScroll(page, "the confirmation page at 360 px");
    await page.getByRole("button", { name: "Confirmar mi dirección" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status")).toContainText(`Gracias: ${email} quedó confirmada.`);

    await page.getByRole("link", { name: "Ir a su cuenta" }).click();
    const section = page.getByRole("region", { name: "Correo electrónico", exact: true });
    await expect(section).toContainText("confirmado");
    await expectNoHorizontalScroll(page, "the account page at 360 px");

    // A new address: typed, with her password, sent with Enter.
    const newEmail = uniqueEmail("familia-nueva");
    await section.getByLabel("Correo electrónico nuevo").focus();
    await page.keyboard.type(newEmail);
    await section.getByLabel("Contraseña actual").focus();
    await page.keyboard.type(password);
    await page.keyboard.press("Enter");
    await expect(section.getByRole("status")).toContainText(`Un enlace de confirmación va en camino a ${newEmail}.`);

    // The old address hears of it; the new one gets the link that moves the account.
    const notice = await waitForMail(email, /Se está cambiando el correo/);
    expect(notice.decoded).toContain(newEmail);
    const link = await waitForMail(newEmail, /verify-email/);
    await page.goto(linkPath(link.decoded));
    await waitForHydration(page);
    await expect(page.getByRole("heading", { level: 1, name: "Confirme su nuevo correo electrónico" })).toBeVisible();
    await page.getByRole("button", { name: "Usar esta dirección" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status")).toContainText(`Listo: su cuenta ahora usa ${newEmail}.`);

    await page.goto("/account");
    await expect(page.getByRole("region", { name: "Correo electrónico", exact: true })).toContainText(newEmail);
  });
});
