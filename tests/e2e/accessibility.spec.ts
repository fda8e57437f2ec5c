import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import {
  demo,
  expectNoHorizontalScroll,
  expectNoSeriousA11yViolations,
  login,
  useLanguage,
  waitForHydration,
} from "./helpers";

// The scans are independent: spread them over both workers.
test.describe.configure({ mode: "parallel" });

type Lang = "en" | "es";
const languages: Lang[] = ["en", "es"];

/** The superintendent, signed in, in the cabinet's action plan with its editor connected. */
async function openCabinetPlan(page: Page, context: BrowserContext, lang: Lang) {
  await login(page, demo.superintendent);
  await useLanguage(context, lang);
  await page.goto("/workspaces/cabinet-strategic-plan");
  await page.getByRole("link", { name: "2027–28 resource equity action plan" }).click();
  await expect(page.getByRole("status").filter({ hasText: lang === "es" ? "Conectado" : "Connected" })).toBeVisible();
}

/** From a plan: its history, where the current text is saved as a version named `name`. */
async function saveNamedVersion(page: Page, lang: Lang, name: string) {
  const es = lang === "es";
  await page.getByRole("link", { name: es ? "Historial de versiones" : "Version history" }).click();
  await page.getByLabel(es ? "Nombre de la versión" : "Version name").fill(name);
  await page
    .getByRole("button", {
      name: es ? "Guardar el texto actual como versión con nombre" : "Save the current text as a named version",
    })
    .click();
  await expect(page.locator(".form-message--success")).toBeVisible();
}

/** From a plan's history: the preview of the version named `name`. */
async function previewVersion(page: Page, lang: Lang, name: string) {
  await page.getByRole("link", { name: new RegExp(`^${lang === "es" ? "Vista previa" : "Preview"}: ${name}`) }).click();
}

// One valid invitation to cabinet-strategic-plan, made by its owner, for the signed-out landing page.
let invitationUrl = "";

async function createInvitation(browser: Browser): Promise<string> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await login(page, demo.superintendent);
    await page.goto("/workspaces/cabinet-strategic-plan");
    const invite = page.getByRole("region", { name: "Invite people" });
    await invite.getByLabel("Role").selectOption("viewer");
    await invite.getByLabel("Stakeholder group").selectOption("community");
    await invite.getByRole("button", { name: "Create invitation link" }).click();
    const link = invite.getByLabel("Invitation link");
    await expect(link).toHaveValue(/\/invite\//);
    return await link.inputValue();
  } finally {
    await context.close();
  }
}

test.beforeAll(async ({ browser }) => {
  invitationUrl = await createInvitation(browser);
});

/** Visits a path, checks it rendered what we expect, then scans it. */
async function scan(page: Page, path: string, label: string, heading?: string | RegExp) {
  const response = await page.goto(path);
  expect(response, `no response for ${path}`).not.toBeNull();
  if (heading) await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
  await expectNoSeriousA11yViolations(page, label);
}

const signedOut: Record<Lang, { path: () => string; label: string; heading: string | RegExp; status: number }[]> = {
  en: [
    { path: () => "/", label: "home", heading: "Plan resource equity together", status: 200 },
    { path: () => "/signup", label: "sign-up", heading: "Create your account", status: 200 },
    { path: () => "/login", label: "sign-in", heading: "Sign in", status: 200 },
    {
      path: () => new URL(invitationUrl).pathname,
      label: "invitation",
      heading: /^Join Cabinet strategic plan$/,
      status: 200,
    },
    {
      path: () => "/invite/not-a-real-invitation-token",
      label: "invalid invitation",
      heading: "Invitation",
      status: 404,
    },
    { path: () => "/no/such/page", label: "404", heading: "Page not found", status: 404 },
  ],
  es: [
    { path: () => "/", label: "home", heading: "Planifiquemos juntos la equidad de recursos", status: 200 },
    { path: () => "/signup", label: "sign-up", heading: "Cree su cuenta", status: 200 },
    { path: () => "/login", label: "sign-in", heading: "Iniciar sesión", status: 200 },
    {
      path: () => new URL(invitationUrl).pathname,
      label: "invitation",
      heading: /^Unirse a Cabinet strategic plan$/,
      status: 200,
    },
    {
      path: () => "/invite/not-a-real-invitation-token",
      label: "invalid invitation",
      heading: "Invitación",
      status: 404,
    },
    { path: () => "/no/such/page", label: "404", heading: "Página no encontrada", status: 404 },
  ],
};

for (const lang of languages) {
  test(`signed-out pages have no serious accessibility violations (${lang})`, async ({ page, context }) => {
    await useLanguage(context, lang);
    for (const p of signedOut[lang]) {
      const response = await page.goto(p.path());
      expect(response?.status(), `${p.label} status`).toBe(p.status);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      await expect(page.getByRole("heading", { level: 1, name: p.heading })).toBeVisible();
      await expectNoSeriousA11yViolations(page, `${p.label} (${lang})`);
    }
  });

  test(`the workspace owner's pages have no serious accessibility violations (${lang})`, async ({ page, context }) => {
    await login(page, demo.superintendent);
    await useLanguage(context, lang);
    const es = lang === "es";

    await scan(page, "/workspaces", `workspaces (${lang})`, es ? "Espacios de trabajo" : "Workspaces");
    await scan(page, "/districts", `districts (${lang})`, es ? "Distritos" : "Districts");
    await scan(page, "/districts/riverbend", `district (${lang})`, "Riverbend Unified School District");
    await scan(page, "/account", `account (${lang})`, es ? "Su cuenta" : "Your account");
    await scan(
      page,
      "/workspaces/not-a-workspace",
      `404 signed in (${lang})`,
      es ? "Página no encontrada" : "Page not found"
    );

    // The owner's workspace page: member management and the invitation form.
    await scan(page, "/workspaces/cabinet-strategic-plan", `workspace as owner (${lang})`, "Cabinet strategic plan");
    const invite = page.getByRole("region", { name: es ? "Invitar a personas" : "Invite people" });
    await expect(
      invite.getByRole("button", { name: es ? "Crear enlace de invitación" : "Create invitation link" })
    ).toBeVisible();

    // With a member's access controls open…
    await page.locator("details.member__manage summary").first().click();
    await expect(page.locator("details.member__manage").first().locator("select").first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, `workspace as owner, member controls open (${lang})`);

    // …and right after creating a link (success message, link field, active invitations).
    await invite.getByRole("button", { name: es ? "Crear enlace de invitación" : "Create invitation link" }).click();
    await expect(invite.getByLabel(es ? "Enlace de invitación" : "Invitation link")).toHaveValue(/\/invite\//);
    await expectNoSeriousA11yViolations(page, `workspace as owner after creating an invitation (${lang})`);

    // A form with errors: the district page's workspace form sent empty (the browser would stop it, so bypass).
    await page.goto("/districts/riverbend");
    await waitForHydration(page);
    const form = page
      .getByRole("region", { name: es ? "Crear un espacio de trabajo" : "Create a workspace" })
      .locator("form");
    await form.evaluate((f: HTMLFormElement) => (f.noValidate = true));
    await form.getByRole("button").click();
    await expect(form.locator(".field__error")).toBeVisible();
    await expectNoSeriousA11yViolations(page, `district page with a form error (${lang})`);
  });

  test(`a family member's pages have no serious accessibility violations (${lang})`, async ({ page, context }) => {
    await login(page, demo.familyGarcia);
    await useLanguage(context, lang);
    await scan(
      page,
      "/workspaces",
      `workspaces as family (${lang})`,
      lang === "es" ? "Espacios de trabajo" : "Workspaces"
    );
    await scan(
      page,
      "/workspaces/family-budget-priorities",
      `workspace as family (${lang})`,
      "Family budget priorities"
    );
    await expect(
      page.getByRole("region", { name: lang === "es" ? "Invitar a personas" : "Invite people" })
    ).toHaveCount(0);
    await scan(page, "/districts", `districts as family (${lang})`, lang === "es" ? "Distritos" : "Districts");
  });
}

for (const lang of languages) {
  test(`plan pages have no serious accessibility violations (${lang})`, async ({ page, context }) => {
    await openCabinetPlan(page, context, lang);
    await expectNoSeriousA11yViolations(page, `plan editor (${lang})`);
    await page.locator("details.plan__settings summary").click();
    await expectNoSeriousA11yViolations(page, `plan settings open (${lang})`);
    await expectNoHorizontalScroll(page, `plan editor (${lang})`);

    await saveNamedVersion(page, lang, `Axe ${lang}`);
    await expectNoSeriousA11yViolations(page, `version history (${lang})`);
    await previewVersion(page, lang, `Axe ${lang}`);
    await expect(page.locator(".version-preview")).toContainText("School funding");
    await expectNoSeriousA11yViolations(page, `version preview (${lang})`);
  });

  test(`the diagnostic and data pages have no serious accessibility violations (${lang})`, async ({
    page,
    context,
  }) => {
    const es = lang === "es";
    await login(page, demo.superintendent);
    await useLanguage(context, lang);
    for (const dimension of ["school_funding", "rigorous_content", "school_climate"]) {
      await page.goto(`/workspaces/cabinet-strategic-plan/diagnostic/${dimension}`);
      await expect(page.locator(".recharts-surface").first()).toBeVisible();
      await expectNoSeriousA11yViolations(page, `diagnostic ${dimension} (${lang})`);
    }
    await page.locator(".data-view__table summary").first().click();
    await expectNoSeriousA11yViolations(page, `diagnostic with a data table open (${lang})`);
    await expectNoHorizontalScroll(page, `diagnostic (${lang})`);
    await scan(
      page,
      "/districts/riverbend/data",
      `district data (${lang})`,
      es ? "Datos del distrito" : "District data"
    );
    await page.goto(
      "/workspaces/cabinet-strategic-plan/views?chart=scatter&field=pct_low_income&field=per_pupil_spending&group=all&groupBy=school"
    );
    await expect(page.locator(".recharts-scatter-symbol").first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, `view builder with a preview (${lang})`);
  });

  test(`a read-only plan has no serious accessibility violations (${lang})`, async ({ page, context }) => {
    await login(page, demo.familyGarcia);
    await useLanguage(context, lang);
    await page.goto("/workspaces/family-budget-priorities");
    await page.getByRole("link", { name: "High-dosage tutoring: ROI review" }).click();
    await expect(page.locator(".readonly-note")).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: lang === "es" ? "Conectado" : "Connected" })).toBeVisible();
    await expectNoSeriousA11yViolations(page, `read-only plan (${lang})`);
  });
}

test("signed-out error states of the sign-in and sign-up forms have no serious violations", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await page.locator('input[name="email"]').fill("nobody@riverbend.example");
  await page.locator('input[name="password"]').fill("not-the-password");
  await page.getByRole("main").getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("don't match an account");
  await expectNoSeriousA11yViolations(page, "sign-in with an error");

  await page.goto("/signup");
  await waitForHydration(page);
  await page.getByRole("main").getByRole("button", { name: "Create account" }).click();
  await expect(page.locator(".field__error").first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, "sign-up with errors");
});

test.describe("at 360px wide", () => {
  test.use({ viewport: { width: 360, height: 740 } });

  for (const lang of languages) {
    test(`key pages do not scroll sideways (${lang})`, async ({ page, context }) => {
      await useLanguage(context, lang);
      for (const path of ["/", "/login", "/signup", new URL(invitationUrl).pathname, "/no/such/page"]) {
        await page.goto(path);
        await expect(page.locator("h1")).toBeVisible();
        await expectNoHorizontalScroll(page, `${path} (${lang}, signed out)`);
      }
      await login(page, demo.superintendent);
      for (const path of [
        "/workspaces",
        "/districts",
        "/districts/riverbend",
        "/account",
        "/workspaces/cabinet-strategic-plan",
      ]) {
        await page.goto(path);
        await expect(page.locator("h1")).toBeVisible();
        await expectNoHorizontalScroll(page, `${path} (${lang}, owner)`);
      }
      // With member controls open and a fresh invitation link shown.
      await page.locator("details.member__manage summary").first().click();
      await page.locator("form:has(input[name=intent][value=create-invitation]) button[type=submit]").click();
      await expect(page.locator("#invite-url")).toHaveValue(/\/invite\//);
      await expectNoHorizontalScroll(page, `workspace with an invitation link (${lang}, owner)`);
    });

    test(`a plan can be written and its history read on a phone (${lang})`, async ({ page, context }) => {
      await openCabinetPlan(page, context, lang);
      await expect(page.getByRole("toolbar")).toBeVisible();
      await expectNoHorizontalScroll(page, `plan editor (${lang})`);
      const text = page.getByRole("textbox", { name: lang === "es" ? "Texto del plan" : "Plan text" });
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
  }
});
