import { expect, test } from "@playwright/test";
import {
  demo,
  expectNoHorizontalScroll,
  expectNoSeriousA11yViolations,
  login,
  useLanguage,
  waitForHydration,
} from "./helpers";

const page0 = "/workspaces/cabinet-strategic-plan/diagnostic/school_funding";

test("the need-weighted funding simulator answers a change of weights, and refuses a bad one next to its field", async ({
  page,
}) => {
  await login(page, demo.superintendent);
  await page.goto(page0);
  await waitForHydration(page);
  const simulator = page.getByRole("region", { name: "Need-weighted funding simulator" });
  await expect(simulator.getByText(/^At the same total budget of \$[\d,]+, \d+ of 40 schools/)).toBeVisible();
  // One bar per school, drawn from 0 to the left or the right.
  await expect(simulator.locator(".simulator__chart .recharts-bar-rectangle")).toHaveCount(40);

  const lowIncome = simulator.getByLabel("Students from low-income families");
  await lowIncome.fill("lots");
  await simulator.getByRole("button", { name: "Simulate" }).click();
  await expect(lowIncome).toHaveAttribute("aria-invalid", "true");
  await expect(simulator.getByText("Enter a number, for example 0.3.")).toBeVisible();
  await expect(simulator.getByRole("alert")).toContainText("Nothing was simulated");
  await expectNoSeriousA11yViolations(page, "simulator with an error");

  await lowIncome.fill("1");
  await simulator.getByRole("button", { name: "Simulate" }).click();
  // The weights are in the link, so the same simulation can be shared.
  await expect(page).toHaveURL(/low_income=1&english_learner=0.2&disability=0.9#simulator$/);
  await expect(simulator.getByRole("alert")).toHaveCount(0);
  await expect(simulator.getByRole("table")).toContainText("Per student, need-weighted");
  await expectNoSeriousA11yViolations(page, "simulator with results");

  const shared = page.url();
  await page.getByRole("link", { name: "Back to the default weights" }).click();
  await expect(lowIncome).toHaveValue("0.3");
  await page.goto(shared);
  await expect(simulator.getByLabel("Students from low-income families")).toHaveValue("1");
});

test("the simulator works without JavaScript and fits a phone, in Spanish", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 740 } });
  const page = await context.newPage();
  await useLanguage(context, "es");
  await login(page, demo.superintendent);
  await page.goto(page0);
  const simulator = page.getByRole("region", { name: "Simulador de financiación según necesidad" });
  await simulator.getByLabel("Estudiantes con discapacidad").fill("2,5");
  await simulator.getByRole("button", { name: "Simular" }).click();
  await expect(page).toHaveURL(/disability=2%2C5#simulator$/);
  await expect(simulator.getByLabel("Estudiantes con discapacidad")).toHaveValue("2,5");
  await expect(simulator.getByText(/^Con el mismo presupuesto total de/)).toBeVisible();
  await expectNoHorizontalScroll(page, "simulator on a phone");
  await context.close();
});
