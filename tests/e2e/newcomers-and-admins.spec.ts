import { expect, test } from "./fixtures";
import {
  BASE_URL,
  expectNoHorizontalScroll,
  expectNoSeriousA11yViolations,
  fillSignup,
  uniqueEmail,
  waitForHydration,
} from "./helpers";

// The browser tests' server runs with DISTRICT_CREATION=anyone (playwright.config.ts); the default
// (admins) is covered over HTTP in tests/integration/instance-admins.test.ts.
test.describe.configure({ mode: "parallel" });

const signUpNewcomer = async (page: import("@playwright/test").Page) => {
  await page.goto("/signup");
  await fillSignup(page, { name: "Nora Newcomer", email: uniqueEmail("newcomer"), password: "newcomer-pass-123" });
  await expect(page).toHaveURL(/\/workspaces$/);
};

test.describe("invitation links", () => {
  test.use({ account: "superintendent" });

  /** Creates an invitation link on the cabinet workspace and returns the field showing it. */
  async function createLink(page: import("@playwright/test").Page) {
    await page.goto("/workspaces/cabinet-strategic-plan");
    await waitForHydration(page);
    const invite = page.getByRole("region", { name: "Invite people" });
    await invite.getByRole("button", { name: "Create invitation link" }).click();
    const link = invite.getByLabel("Invitation link");
    await expect(link).toHaveValue(new RegExp(`^${BASE_URL}/invite/[^/]+$`));
    return { invite, link };
  }

  test.describe("with clipboard access", () => {
    test.use({ permissions: ["clipboard-read", "clipboard-write"] });

    test("the copy button puts the link on the clipboard and says so", async ({ page }) => {
      const { invite, link } = await createLink(page);
      await invite.getByRole("button", { name: "Copy link" }).click();
      await expect(invite.getByText("Copied", { exact: true })).toBeVisible();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await link.inputValue());
    });
  });

  test("without a clipboard, the button selects the link and says how to copy it", async ({ page }) => {
    // As on an insecure origin, where browsers give no navigator.clipboard.
    await page.addInitScript(() => Object.defineProperty(navigator, "clipboard", { value: undefined }));
    const { invite, link } = await createLink(page);
    await invite.getByRole("button", { name: "Copy link" }).click();
    await expect(invite.getByText("Selected: press Ctrl+C (⌘C on a Mac) to copy.")).toBeVisible();
    await expect(link).toBeFocused();
    const selection = await link.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd]);
    expect(selection).toEqual([0, (await link.inputValue()).length]);
  });
});

test.describe("a newcomer", () => {
  for (const lang of ["en", "es"] as const) {
    test.describe(lang, () => {
      test.use({ lang });

      test("learns how people join, and may start a district on this instance", async ({ page }) => {
        const es = lang === "es";
        await signUpNewcomer(page);
        const join = page.getByRole("region", { name: es ? "Cómo unirse" : "How to join" });
        await expect(join).toBeVisible();
        await expect(join.getByText(`${BASE_URL}/invite/`)).toBeVisible();
        await expect(
          join.getByRole("heading", { name: es ? "¿Todavía no tiene un enlace?" : "No link yet?" }),
        ).toBeVisible();
        // DISTRICT_CREATION=anyone here: the create action is offered too, beside the way in.
        await expect(page.getByRole("link", { name: es ? "Crear un distrito" : "Create a district" })).toBeVisible();
        await expectNoSeriousA11yViolations(page, `newcomer page (${lang})`);
      });

      test("sees this browser named on the Account page, not its user-agent", async ({ page }) => {
        await signUpNewcomer(page);
        await page.goto("/account");
        // Playwright's desktop Chrome.
        const sessions = page.getByRole("region", { name: lang === "es" ? /^Dónde/ : "Where you're signed in" });
        await expect(sessions.getByText(lang === "es" ? "Chrome en Windows" : "Chrome on Windows")).toBeVisible();
        await expect(sessions).not.toContainText("Mozilla");
      });
    });
  }
});

test.describe("site administrators", () => {
  test.use({ account: "superintendent" });

  test("an administrator names another one and takes the right back, by keyboard", async ({ page }) => {
    await page.goto("/account");
    await page.getByRole("link", { name: "Manage site administrators" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Site administrators" })).toBeVisible();
    await expectNoSeriousA11yViolations(page, "site administrators page");

    const list = page.getByRole("region", { name: /^Administrators/ });
    await expect(list.getByText("Elena Márquez")).toBeVisible();
    await page.getByLabel("E-mail").fill("cfo@riverbend.example");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status")).toHaveText("Marcus Webb is now an administrator.");
    await expect(list.getByRole("listitem").filter({ hasText: "Marcus Webb" })).toBeVisible();

    const revoke = list.getByRole("button", { name: "Remove administrator rights from Marcus Webb" });
    await revoke.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status")).toHaveText("Marcus Webb is no longer an administrator.");
    // His row and its button are gone: focus waits on the message, not at the top of the page.
    await expect(page.getByRole("status")).toBeFocused();
    await expect(list.getByRole("listitem").filter({ hasText: "Marcus Webb" })).toHaveCount(0);
    // Alone again: no button would take the last administrator's right.
    await expect(list.getByRole("button")).toHaveCount(0);
  });

  test("a district administrator takes another's right and names them again on the district's page, by keyboard", async ({
    page,
  }) => {
    await page.goto("/districts/riverbend");
    const section = page.getByRole("region", { name: "District administrators" });
    await expect(section.getByText("Elena Márquez")).toBeVisible();

    const revoke = section.getByRole("button", { name: "Remove Marcus Webb as a district administrator" });
    await revoke.focus();
    await page.keyboard.press("Enter");
    await expect(section.getByRole("status")).toHaveText("Marcus Webb is no longer a district administrator.");
    await expect(section.getByRole("status")).toBeFocused();
    // Elena is the last one now: nothing offers to remove her.
    await expect(section.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, "district page, one administrator left");

    const person = section.getByLabel("Person");
    await person.focus();
    await expect(person.getByRole("option", { name: /^Marcus Webb — / })).toHaveCount(1);
    await person.selectOption({
      value: (await person.getByRole("option", { name: /^Marcus Webb — / }).getAttribute("value")) ?? "",
    });
    await section.getByRole("button", { name: "Name an administrator" }).focus();
    await page.keyboard.press("Enter");
    await expect(section.getByRole("status")).toHaveText("Marcus Webb is now a district administrator.");
    await expect(section.getByRole("button", { name: "Remove Marcus Webb as a district administrator" })).toBeVisible();
  });
});

test.describe("at 360px wide", () => {
  test.use({ viewport: { width: 360, height: 740 }, lang: "es" });

  test("the newcomer page does not scroll sideways", async ({ page }) => {
    await signUpNewcomer(page);
    await expect(page.getByRole("heading", { name: "Cómo unirse" })).toBeVisible();
    await expectNoHorizontalScroll(page, "newcomer page (es, 360px)");
  });

  test.describe("as an administrator", () => {
    test.use({ account: "superintendent" });

    test("the site administrators page does not scroll sideways", async ({ page }) => {
      await page.goto("/instance/admins");
      await expect(page.getByRole("heading", { level: 1, name: "Administradores del sitio" })).toBeVisible();
      await expectNoHorizontalScroll(page, "site administrators (es, 360px)");
    });
  });
});
