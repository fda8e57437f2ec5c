import type { Page } from "@playwright/test";
import { expect, test, type Lang } from "./fixtures";
import {
  expectNoHorizontalScroll,
  expectNoSeriousA11yViolations,
  fillSignup,
  uniqueEmail,
  waitForHydration,
  waitForMail,
} from "./helpers";

// One page (or one state of a page) per test, each starting signed in and in its language from a
// shared storage state: a test stays short however busy the machine, and the scans spread over both workers.
test.describe.configure({ mode: "parallel" });

const languages: Lang[] = ["en", "es"];
const say = (lang: Lang, en: string, es: string) => (lang === "es" ? es : en);

/** Visits a path, checks its status and heading (so the scan is of the page meant), then scans it. */
async function scan(page: Page, path: string, label: string, heading: string | RegExp, status = 200) {
  const response = await page.goto(path);
  expect(response?.status(), `${label} status`).toBe(status);
  await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expectNoSeriousA11yViolations(page, label);
}

/** The cabinet's action plan, from its workspace. */
async function openCabinetPlan(page: Page) {
  await page.goto("/workspaces/cabinet-strategic-plan");
  await page.getByRole("link", { name: "2027–28 resource equity action plan" }).click();
}

/** The cabinet's action plan's history, reached without loading the editor (its page is the heaviest). */
async function openCabinetPlanHistory(page: Page) {
  await page.goto("/workspaces/cabinet-strategic-plan");
  const href = await page.getByRole("link", { name: "2027–28 resource equity action plan" }).getAttribute("href");
  await page.goto(`${href}/history`);
}

/** From a plan (or `onHistory`, its history already): the current text saved as a version named `name`. */
async function saveNamedVersion(page: Page, lang: Lang, name: string, onHistory = false) {
  if (!onHistory)
    await page.getByRole("link", { name: say(lang, "Version history", "Historial de versiones") }).click();
  await page.getByLabel(say(lang, "Version name", "Nombre de la versión")).fill(name);
  await page
    .getByRole("button", {
      name: say(lang, "Save the current text as a named version", "Guardar el texto actual como versión con nombre"),
    })
    .click();
  await expect(page.locator(".form-message--success")).toBeVisible();
}

/** From a plan's history: the preview of the version named `name`. */
async function previewVersion(page: Page, lang: Lang, name: string) {
  await page.getByRole("link", { name: new RegExp(`^${say(lang, "Preview", "Vista previa")}: ${name}`) }).click();
}

type PageCase = { label: string; path: string; heading: (lang: Lang) => string | RegExp; status?: number };

const signedOutPages: PageCase[] = [
  {
    label: "home",
    path: "/",
    heading: (l) => say(l, "Plan resource equity together", "Planifiquemos juntos la equidad de recursos"),
  },
  { label: "sign-up", path: "/signup", heading: (l) => say(l, "Create your account", "Cree su cuenta") },
  { label: "sign-in", path: "/login", heading: (l) => say(l, "Sign in", "Iniciar sesión") },
  {
    label: "account deleted",
    path: "/account-deleted",
    heading: (l) => say(l, "Your account is deleted", "Su cuenta está eliminada"),
  },
  {
    label: "invalid invitation",
    path: "/invite/not-a-real-invitation-token",
    heading: (l) => say(l, "Invitation", "Invitación"),
    status: 404,
  },
  {
    label: "an e-mail link that does not work",
    path: "/verify-email/not-a-real-confirmation-token",
    heading: (l) => say(l, "Confirm your e-mail address", "Confirme su correo electrónico"),
    status: 404,
  },
  {
    label: "invalid unsubscribe link",
    path: "/unsubscribe/not-a-real-unsubscribe-token",
    heading: (l) => say(l, "Stop notification e-mails", "Dejar de recibir notificaciones por correo"),
    status: 404,
  },
  {
    label: "404",
    path: "/no/such/page",
    heading: (l) => say(l, "Page not found", "Página no encontrada"),
    status: 404,
  },
];

const ownerPages: PageCase[] = [
  { label: "workspaces", path: "/workspaces", heading: (l) => say(l, "Workspaces", "Espacios de trabajo") },
  { label: "districts", path: "/districts", heading: (l) => say(l, "Districts", "Distritos") },
  { label: "district", path: "/districts/riverbend", heading: () => "Riverbend Unified School District" },
  { label: "account", path: "/account", heading: (l) => say(l, "Your account", "Su cuenta") },
  // The superintendent owns workspaces others use: the page says why deleting is refused.
  {
    label: "delete account",
    path: "/account/delete",
    heading: (l) => say(l, "Delete your account", "Eliminar su cuenta"),
  },
  {
    label: "404 signed in",
    path: "/workspaces/not-a-workspace",
    heading: (l) => say(l, "Page not found", "Página no encontrada"),
    status: 404,
  },
  {
    label: "district data",
    path: "/districts/riverbend/data",
    heading: (l) => say(l, "District data", "Datos del distrito"),
  },
];

const familyPages: PageCase[] = [
  { label: "workspaces as family", path: "/workspaces", heading: (l) => say(l, "Workspaces", "Espacios de trabajo") },
  { label: "districts as family", path: "/districts", heading: (l) => say(l, "Districts", "Distritos") },
  {
    label: "district data as family",
    path: "/districts/riverbend/data",
    heading: (l) => say(l, "District data", "Datos del distrito"),
  },
];

for (const lang of languages) {
  test.describe(`signed out (${lang})`, () => {
    test.use({ lang });
    for (const p of signedOutPages) {
      test(`${p.label} has no serious accessibility violations`, async ({ page }) => {
        await scan(page, p.path, `${p.label} (${lang})`, p.heading(lang), p.status);
        await expect(page.locator("html")).toHaveAttribute("lang", lang);
      });
    }
    test("a new account's e-mail sections and confirmation page have none", async ({ page }) => {
      const email = uniqueEmail(`a11y-${lang}`);
      await page.goto("/signup");
      await fillSignup(page, { name: "Ana Ruiz", email, password: "accesible-contraseña-1" });
      // The Account page of an unverified account: re-send, language, and a change waiting.
      await scan(page, "/account", `account, not verified (${lang})`, say(lang, "Your account", "Su cuenta"));
      const section = page.getByRole("region", { name: say(lang, "E-mail address", "Correo electrónico") });
      await section.getByLabel(say(lang, "New e-mail address", "Correo electrónico nuevo")).fill(email);
      await section.getByLabel(say(lang, "Current password", "Contraseña actual")).fill("not the password");
      await section
        .getByRole("button", { name: say(lang, "Send a confirmation link", "Enviar un enlace de confirmación") })
        .click();
      await expect(section.locator(".field__error").first()).toBeVisible();
      await expectNoSeriousA11yViolations(page, `account, e-mail errors (${lang})`);
      await section
        .getByLabel(say(lang, "New e-mail address", "Correo electrónico nuevo"))
        .fill(uniqueEmail("a11y-new"));
      await section.getByLabel(say(lang, "Current password", "Contraseña actual")).fill("accesible-contraseña-1");
      await section
        .getByRole("button", { name: say(lang, "Send a confirmation link", "Enviar un enlace de confirmación") })
        .click();
      await expect(section.locator(".form-message--success")).toBeVisible();
      await expectNoSeriousA11yViolations(page, `account, change pending (${lang})`);

      // The link from the sign-up mail: before and after confirming.
      const mail = await waitForMail(email, /verify-email/);
      const path = new URL(/https?:\/\/\S+?\/verify-email\/[a-z0-9]+/.exec(mail.decoded)![0]).pathname;
      const heading = say(lang, "Confirm your e-mail address", "Confirme su correo electrónico");
      await scan(page, path, `e-mail confirmation (${lang})`, heading);
      await page.getByRole("button", { name: say(lang, "Confirm my address", "Confirmar mi dirección") }).click();
      await expect(page.locator(".form-message--success")).toBeVisible();
      await expectNoSeriousA11yViolations(page, `e-mail confirmed (${lang})`);
    });

    test("an invitation has no serious accessibility violations", async ({ page, invitationPath }) => {
      const heading = new RegExp(`^${say(lang, "Join", "Unirse a")} Cabinet strategic plan$`);
      await scan(page, invitationPath, `invitation (${lang})`, heading);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
    });
  });

  test.describe(`as the workspace owner (${lang})`, () => {
    test.use({ lang, account: "superintendent" });
    for (const p of ownerPages) {
      test(`${p.label} has no serious accessibility violations`, async ({ page }) => {
        await scan(page, p.path, `${p.label} (${lang})`, p.heading(lang), p.status);
      });
    }

    test("the workspace page has none", async ({ page }) => {
      await scan(page, "/workspaces/cabinet-strategic-plan", `workspace as owner (${lang})`, "Cabinet strategic plan");
    });

    test("the workspace page with a member's controls open has none", async ({ page }) => {
      await page.goto("/workspaces/cabinet-strategic-plan");
      await waitForHydration(page);
      await page.locator("details.member__manage summary").first().click();
      await expect(page.locator("details.member__manage").first().locator("select").first()).toBeVisible();
      await expectNoSeriousA11yViolations(page, `workspace as owner, member controls open (${lang})`);
    });

    test("the workspace page right after creating an invitation has none", async ({ page }) => {
      await page.goto("/workspaces/cabinet-strategic-plan");
      await waitForHydration(page);
      const invite = page.getByRole("region", { name: say(lang, "Invite people", "Invitar a personas") });
      await invite
        .getByRole("button", { name: say(lang, "Create invitation link", "Crear enlace de invitación") })
        .click();
      await expect(invite.getByLabel(say(lang, "Invitation link", "Enlace de invitación"))).toHaveValue(/\/invite\//);
      await expectNoSeriousA11yViolations(page, `workspace as owner after creating an invitation (${lang})`);
    });

    test("a form with errors has none", async ({ page }) => {
      // The district page's workspace form sent empty (the browser would stop it, so bypass).
      await page.goto("/districts/riverbend");
      await waitForHydration(page);
      const form = page
        .getByRole("region", { name: say(lang, "Create a workspace", "Crear un espacio de trabajo") })
        .locator("form");
      await form.evaluate((f: HTMLFormElement) => (f.noValidate = true));
      await form.getByRole("button").click();
      await expect(form.locator(".field__error")).toBeVisible();
      await expectNoSeriousA11yViolations(page, `district page with a form error (${lang})`);
    });

    test("the plan editor has none and fits", async ({ page }) => {
      await openCabinetPlan(page);
      await expect(page.getByRole("status").filter({ hasText: say(lang, "Connected", "Conectado") })).toBeVisible();
      await expectNoSeriousA11yViolations(page, `plan editor (${lang})`);
      await expectNoHorizontalScroll(page, `plan editor (${lang})`);
    });

    test("the plan editor with its settings open has none", async ({ page }) => {
      await openCabinetPlan(page);
      await waitForHydration(page);
      await page.locator("details.plan__settings summary").click();
      await expectNoSeriousA11yViolations(page, `plan settings open (${lang})`);
    });

    test("version history, after saving a version, has none", async ({ page }) => {
      await openCabinetPlanHistory(page);
      await saveNamedVersion(page, lang, `Axe history ${lang}`, true);
      await expectNoSeriousA11yViolations(page, `version history (${lang})`);
    });

    test("a version preview has none", async ({ page }) => {
      await openCabinetPlanHistory(page);
      await saveNamedVersion(page, lang, `Axe preview ${lang}`, true);
      await previewVersion(page, lang, `Axe preview ${lang}`);
      await expect(page.locator(".version-preview")).toContainText("School funding");
      await expectNoSeriousA11yViolations(page, `version preview (${lang})`);
    });

    for (const dimension of ["school_funding", "rigorous_content", "school_climate"]) {
      test(`the ${dimension} diagnostic has none`, async ({ page }) => {
        await page.goto(`/workspaces/cabinet-strategic-plan/diagnostic/${dimension}`);
        await expect(page.locator(".recharts-surface").first()).toBeVisible();
        await expectNoSeriousA11yViolations(page, `diagnostic ${dimension} (${lang})`);
      });
    }

    test("a diagnostic with a data table open has none and fits", async ({ page }) => {
      await page.goto("/workspaces/cabinet-strategic-plan/diagnostic/school_climate");
      await expect(page.locator(".recharts-surface").first()).toBeVisible();
      await waitForHydration(page);
      await page.locator(".data-view__table summary").first().click();
      await expectNoSeriousA11yViolations(page, `diagnostic with a data table open (${lang})`);
      await expectNoHorizontalScroll(page, `diagnostic (${lang})`);
    });

    test("the view builder with a preview has none", async ({ page }) => {
      await page.goto(
        "/workspaces/cabinet-strategic-plan/views?chart=scatter&field=pct_low_income&field=per_pupil_spending&group=all&groupBy=school",
      );
      await expect(page.locator(".recharts-scatter-symbol").first()).toBeVisible();
      await expectNoSeriousA11yViolations(page, `view builder with a preview (${lang})`);
    });
  });

  test.describe(`as a family member (${lang})`, () => {
    test.use({ lang, account: "familyGarcia" });
    for (const p of familyPages) {
      test(`${p.label} has no serious accessibility violations`, async ({ page }) => {
        await scan(page, p.path, `${p.label} (${lang})`, p.heading(lang), p.status);
      });
    }

    test("the account's e-mail notifications, chosen by keyboard and saved, have none", async ({ page }) => {
      await page.goto("/account");
      await waitForHydration(page);
      const section = page.getByRole("region", {
        name: say(lang, "E-mail notifications", "Notificaciones por correo electrónico"),
      });
      await section
        .getByRole("radio", { name: new RegExp(`^${say(lang, "A daily digest", "Un resumen diario")}`) })
        .focus();
      await page.keyboard.press("Space");
      await section.getByRole("button", { name: say(lang, "Save", "Guardar") }).focus();
      await page.keyboard.press("Enter");
      await expect(page.locator("#mail-notifications .form-message--success")).toBeVisible();
      await expectNoSeriousA11yViolations(page, `account, e-mail notifications saved (${lang})`);
      // Back to the default for the other tests of this account.
      await section.getByRole("radio", { name: new RegExp(`^${say(lang, "Immediately", "En el momento")}`) }).check();
      await section.getByRole("button", { name: say(lang, "Save", "Guardar") }).click();
      await expect(page.locator("#mail-notifications .form-message--success")).toBeVisible();
    });

    test("the workspace page, without invitation controls, has none", async ({ page }) => {
      await scan(
        page,
        "/workspaces/family-budget-priorities",
        `workspace as family (${lang})`,
        "Family budget priorities",
      );
      await expect(page.getByRole("region", { name: say(lang, "Invite people", "Invitar a personas") })).toHaveCount(0);
    });

    test("a read-only plan has none", async ({ page }) => {
      await page.goto("/workspaces/family-budget-priorities");
      const title = say(
        lang,
        "High-dosage tutoring: ROI review",
        "Tutoría intensiva: revisión del retorno de la inversión",
      );
      await page.getByRole("link", { name: title, exact: true }).click();
      await expect(page.locator(".readonly-note")).toBeVisible();
      await expect(page.getByRole("status").filter({ hasText: say(lang, "Connected", "Conectado") })).toBeVisible();
      await expectNoSeriousA11yViolations(page, `read-only plan (${lang})`);
    });
  });
}

test("the sign-in form with an error has no serious violations", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await page.locator('input[name="email"]').fill("nobody@riverbend.example");
  await page.locator('input[name="password"]').fill("not-the-password");
  await page.getByRole("main").getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("don't match an account");
  await expectNoSeriousA11yViolations(page, "sign-in with an error");
});

test("the sign-up form with errors has no serious violations", async ({ page }) => {
  await page.goto("/signup");
  await waitForHydration(page);
  await page.getByRole("main").getByRole("button", { name: "Create account" }).click();
  await expect(page.locator(".field__error").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, "sign-up with errors");
});

test.describe("at 360px wide", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  for (const lang of languages) {
    test.describe(`signed out (${lang})`, () => {
      test.use({ lang });
      for (const path of ["/", "/login", "/signup", "/no/such/page", "invitation"]) {
        test(`${path} does not scroll sideways`, async ({ page, invitationPath }) => {
          await page.goto(path === "invitation" ? invitationPath : path);
          await expect(page.locator("h1")).toBeVisible();
          await expectNoHorizontalScroll(page, `${path} (${lang}, signed out)`);
        });
      }
    });

    test.describe(`as the owner (${lang})`, () => {
      test.use({ lang, account: "superintendent" });
      for (const path of ["/workspaces", "/districts", "/districts/riverbend", "/account"]) {
        test(`${path} does not scroll sideways`, async ({ page }) => {
          await page.goto(path);
          await expect(page.locator("h1")).toBeVisible();
          await expectNoHorizontalScroll(page, `${path} (${lang}, owner)`);
        });
      }

      test("the workspace page, with member controls and a fresh invitation link, does not scroll sideways", async ({
        page,
      }) => {
        await page.goto("/workspaces/cabinet-strategic-plan");
        await expect(page.locator("h1")).toBeVisible();
        await expectNoHorizontalScroll(page, `workspace (${lang}, owner)`);
        await waitForHydration(page);
        await page.locator("details.member__manage summary").first().click();
        await page.locator("form:has(input[name=intent][value=create-invitation]) button[type=submit]").click();
        await expect(page.locator("#invite-url")).toHaveValue(/\/invite\//);
        await expectNoHorizontalScroll(page, `workspace with an invitation link (${lang}, owner)`);
      });

      test("a plan can be written and its history read on a phone", async ({ page }) => {
        await openCabinetPlan(page);
        await expect(page.getByRole("status").filter({ hasText: say(lang, "Connected", "Conectado") })).toBeVisible();
        await expect(page.getByRole("toolbar")).toBeVisible();
        await expectNoHorizontalScroll(page, `plan editor (${lang})`);
        const text = page.getByRole("textbox", { name: say(lang, "Plan text", "Texto del plan") });
        await text.getByRole("heading").first().click();
        await page.keyboard.press("End");
        await page.keyboard.type(` (phone ${lang})`);
        await expect(text).toContainText(`(phone ${lang})`);
        await expectNoHorizontalScroll(page, `plan editor after typing (${lang})`);

        await saveNamedVersion(page, lang, `Phone ${lang}`);
        await expectNoHorizontalScroll(page, `version history (${lang})`);
        await previewVersion(page, lang, `Phone ${lang}`);
        await expect(page.locator(".version-preview")).toContainText(`(phone ${lang})`);
        await expectNoHorizontalScroll(page, `version preview (${lang})`);
      });
    });
  }
});
