import { expect, test } from "./fixtures";
import { expectNoHorizontalScroll, expectNoSeriousA11yViolations, waitForHydration } from "./helpers";

test.describe.configure({ mode: "parallel" });

test.describe("a family member reading in Spanish", () => {
  test.use({ account: "familyGarcia", lang: "es" });

  test("is invited first to read the review in Spanish, and told why its decision boxes cannot be ticked", async ({
    page,
  }) => {
    await page.goto("/workspaces/family-budget-priorities");
    const start = page.getByRole("region", { name: "Empiece aquí" });
    // The first section after the workspace's description: before the plans and the members.
    await expect(page.locator("main section").first()).toHaveAttribute("aria-labelledby", "start-heading");
    await expectNoSeriousA11yViolations(page, "family workspace home (es)");

    await start.getByRole("link", { name: "Leer «Tutoría intensiva: revisión del retorno de la inversión»" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "Tutoría intensiva" })).toBeVisible();
    const note = "Solo quienes editan el plan pueden marcar estas casillas; su rol le permite leerlas.";
    // Visible just before the task list, and part of each checkbox's name for screen readers.
    const list = page.locator('.plan-document ul[data-type="taskList"]');
    await expect(list).toBeVisible();
    await expect(page.locator(".task-list-note")).toHaveText(note);
    expect(await list.evaluate((el) => el.previousElementSibling?.classList.contains("task-list-note"))).toBe(true);
    const stop = page.getByRole("checkbox", { name: `Suspender (${note})` });
    await expect(stop).not.toBeChecked();
    await stop.click({ force: true });
    await expect(stop).not.toBeChecked();
    await expectNoSeriousA11yViolations(page, "read-only task list (es)");
  });
});

test.describe("an editor", () => {
  test.use({ account: "superintendent" });

  test("sees no read-only note over a task list they can tick", async ({ page }) => {
    await page.goto("/workspaces/family-budget-priorities");
    await page.getByRole("link", { name: "High-dosage tutoring: ROI review", exact: true }).click();
    await expect(page.locator('.plan-document ul[data-type="taskList"]')).toBeVisible();
    await expect(page.locator(".task-list-note")).toHaveCount(0);
  });

  test("sees each plan with who edited it last, and the data's headline findings linked to the diagnostic", async ({
    page,
  }) => {
    await page.goto("/workspaces/cabinet-strategic-plan");
    const plans = page.getByRole("region", { name: "Plans" });
    await expect(plans.getByRole("listitem").filter({ hasText: "2027–28 resource equity action plan" })).toContainText(
      "Edited by Elena Márquez",
    );
    const data = page.getByRole("region", { name: "District data" });
    // Other browser tests import corrected packages into the same demo, so any version.
    await expect(data).toContainText(/Version \d+, imported/);
    await data.getByRole("link", { name: "More on School funding" }).click();
    await expect(page).toHaveURL(/\/workspaces\/cabinet-strategic-plan\/diagnostic\/school_funding$/);
  });
});

for (const lang of ["en", "es"] as const) {
  test.describe(`signed out (${lang})`, () => {
    test.use({ lang, viewport: { width: 360, height: 740 } });

    test("the home page says what the product is, shows it, and how to join", async ({ page }) => {
      await page.goto("/");
      await waitForHydration(page);
      const picture = page.getByRole("img", {
        name: lang === "es" ? /Un plan que dos personas escriben/ : /A plan being written by two people/,
      });
      await expect(picture).toBeVisible();
      // The picture loads under the Content-Security-Policy (img-src 'self').
      expect(await picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      const main = page.getByRole("main");
      await expect(
        main.getByRole("link", { name: lang === "es" ? "Crear una cuenta" : "Create an account" }),
      ).toHaveAttribute("href", "/signup");
      await expect(
        page.getByRole("region", { name: lang === "es" ? "¿Le invitó su distrito?" : "Invited by your district?" }),
      ).toBeVisible();
      await expectNoHorizontalScroll(page, `home at 360px (${lang})`);
      await expectNoSeriousA11yViolations(page, `home (${lang})`);
    });
  });
}
