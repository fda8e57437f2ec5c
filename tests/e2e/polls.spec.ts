import { expect, test } from "./fixtures";
import { BASE_URL, expectNoHorizontalScroll, expectNoSeriousA11yViolations, waitForHydration } from "./helpers";

const OPEN_POLL = /¿A dónde deben ir 1,5 millones/;
const LAST_YEAR = /Programas de verano 2026–27/;

test.describe("a family member on a phone, in Spanish", () => {
  test.use({ account: "familyGarcia", lang: "es", viewport: { width: 360, height: 740 } });

  test("votes on the budget ballot with the keyboard alone, sees the running total and her receipt", async ({
    page,
  }) => {
    await page.goto("/workspaces/family-budget-priorities");
    await page.getByRole("link", { name: "Votaciones del presupuesto" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 2, name: "Votaciones del presupuesto" })).toBeVisible();
    await expectNoSeriousA11yViolations(page, "the workspace's votes (es)");
    await page.getByRole("link", { name: OPEN_POLL }).focus();
    await page.keyboard.press("Enter");
    await waitForHydration(page);

    const ballot = page.getByRole("region", { name: "Su papeleta" });
    await expect(ballot).toContainText("Juntas deben caber en el presupuesto de $1,500,000.");
    const tutors = ballot.getByRole("checkbox", { name: /Tutores de lectura/ });
    await tutors.focus();
    await page.keyboard.press("Space");
    // Two options on, one each way from the first by Tab: the counselors are the third.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(ballot.getByRole("checkbox", { name: /Orientadores/ })).toBeFocused();
    await page.keyboard.press("Space");
    const total = ballot.locator(".ballot__total");
    await expect(total).toHaveText("Sus elecciones cuestan $900,000 de $1,500,000.");

    // Over the budget, the total says so at once, and the server refuses the ballot with the reason.
    for (const name of [/Álgebra 1/, /Incentivos/]) await ballot.getByRole("checkbox", { name }).check();
    await expect(total).toContainText("Eso supera el presupuesto en $210,000");
    await ballot.getByRole("button", { name: "Emitir mi voto" }).focus();
    await page.keyboard.press("Enter");
    await expect(ballot.getByRole("alert")).toContainText("Sus elecciones cuestan $1,710,000, más que el presupuesto");
    await expectNoSeriousA11yViolations(page, "a refused ballot (es)");

    await ballot.getByRole("checkbox", { name: /Incentivos/ }).focus();
    await page.keyboard.press("Space");
    await expect(total).toHaveText("Sus elecciones cuestan $1,260,000 de $1,500,000.");
    await ballot.getByRole("button", { name: "Emitir mi voto" }).focus();
    await page.keyboard.press("Enter");
    const counted = ballot.getByRole("status");
    await expect(counted).toContainText(/Su código de comprobante es [A-Z2-7]{5}-[A-Z2-7]{5}/);
    const receipt = /[A-Z2-7]{5}-[A-Z2-7]{5}/.exec((await counted.textContent()) ?? "")![0];
    await expectNoSeriousA11yViolations(page, "a counted ballot (es)");
    await expectNoHorizontalScroll(page, "the ballot at 360 px");

    // Back later: her ballot is as she left it, with the same receipt, and can be changed.
    await page.reload();
    await expect(ballot).toContainText(`Ya ha votado (comprobante ${receipt})`);
    await expect(ballot.getByRole("checkbox", { name: /Tutores de lectura/ })).toBeChecked();
    await expect(ballot.getByRole("checkbox", { name: /Incentivos/ })).not.toBeChecked();
    await expect(ballot.getByRole("button", { name: "Cambiar mi voto" })).toBeVisible();
    // The results are not shown while the vote runs.
    await expect(page.getByRole("region", { name: "Resultados" })).toContainText(
      "Los resultados se muestran cuando el distrito los publica.",
    );
  });

  test("reads last year's published results, explained, under the rule she picks", async ({ page }) => {
    await page.goto("/workspaces/family-budget-priorities/polls");
    await page.getByRole("link", { name: LAST_YEAR }).click();
    const results = page.getByRole("region", { name: "Resultados" });
    await expect(results).toContainText("Método de Partes Iguales");
    await expect(results).toContainText("160 papeletas");
    await expect(results.getByText(/Financiada: \d+ partidarios pagaron \$[\d,.]+ cada uno/).first()).toBeVisible();
    // Papers from families and students: both groups have ten ballots or more.
    await expect(results).toContainText("Familia: 128 papeletas");
    // Whose voices: the highest-poverty schools' share of ballots against their share of students.
    await expect(results).toContainText(
      /Las familias de las escuelas con más pobreza emitieron el \d+% de las papeletas que nombran una escuela; esas escuelas tienen el \d+% del alumnado/,
    );
    await results.getByLabel("Regla de recuento").selectOption("greedy");
    await results.getByRole("button", { name: "Mostrar" }).click();
    await expect(page).toHaveURL(/rule=greedy/);
    await expect(results).toContainText("se salta la que no cabe");
    await expectNoSeriousA11yViolations(page, "published results (es)");
    await expectNoHorizontalScroll(page, "results at 360 px");
  });
});

test.describe("the superintendent", () => {
  test.use({ account: "superintendent" });

  test("writes a new vote on its page: a draft with its options, no serious accessibility violations", async ({
    page,
  }) => {
    const title = `After-school buses ${Date.now()}`;
    await page.goto("/workspaces/family-budget-priorities/polls");
    await page.getByRole("link", { name: "New vote" }).click();
    await waitForHydration(page);
    await expectNoSeriousA11yViolations(page, "the New vote page");
    await page.getByLabel("Title", { exact: true }).fill(title);
    await page.getByLabel("Budget in dollars").fill("90000");
    await page.getByRole("radio", { name: /^Approval/ }).check();
    await expect(page.getByLabel("Most options to choose", { exact: true })).toBeVisible();
    await expect(page.getByLabel("Least share of the budget to spend", { exact: false })).toHaveCount(0);
    await page.getByLabel("Most options to choose", { exact: true }).fill("1");
    await page.getByLabel("Option 1: title").fill("Late bus on Tuesdays");
    await page.getByLabel("Option 1: cost in dollars").fill("40000");
    await page.getByLabel("Option 1: the dimension of equity it serves (optional)").selectOption("instructional_time");
    await page.getByLabel("Option 2: title").fill("Late bus on Thursdays");
    await page.getByLabel("Option 2: cost in dollars").fill("45000");
    await page.getByRole("button", { name: "Save the draft" }).click();
    await expect(page).toHaveURL(/\/polls\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 2, name: title })).toBeVisible();
    await expect(page.getByText("Draft", { exact: true }).first()).toBeVisible();
  });

  test("follows a running vote's count and moves it on: closes it, then publishes the results", async ({ page }) => {
    // A vote of her own, made through the API, so the demo's open vote stays open for families.
    const created = await page.request.post("/api/v1/workspaces/family-budget-priorities/polls", {
      headers: { Origin: BASE_URL },
      data: {
        title: `Library hours ${Date.now()}`,
        budget: 1000,
        ballot: { type: "approval", maxOptions: 1 },
        options: [
          { title: "Saturday hours", cost: 600 },
          { title: "Evening hours", cost: 400 },
        ],
      },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await page.goto(`/workspaces/family-budget-priorities/polls/${id}`);
    await waitForHydration(page);
    const manage = page.getByRole("region", { name: "Manage this vote" });
    await manage.getByRole("button", { name: "Open the vote" }).click();
    await expect(manage.getByRole("status")).toHaveText("The vote is open.");
    await page.getByRole("region", { name: "Your ballot" }).getByRole("checkbox", { name: "Evening hours" }).check();
    await page.getByRole("button", { name: "Cast my ballot" }).click();
    await expect(page.getByRole("region", { name: "Your ballot" }).getByRole("status")).toContainText("receipt code");
    // An editor follows the count while the vote runs.
    await expect(page.getByRole("region", { name: "Results" })).toContainText("1 ballot");
    await manage.getByRole("button", { name: "Close the vote" }).click();
    await expect(manage.getByRole("status")).toHaveText("The vote is closed.");
    await manage.getByRole("button", { name: "Publish the results" }).click();
    await expect(manage.getByRole("status")).toHaveText("The results are published.");
    await expect(page.getByRole("region", { name: "Results" })).toContainText("Evening hours");
    await expectNoSeriousA11yViolations(page, "a published vote, for its editor");
  });
});
