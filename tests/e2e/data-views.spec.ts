import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { BASE_URL, demo, login, waitForHydration } from "./helpers";

test("a saved scatter of spending vs poverty, embedded in a plan, reaches a family member and follows a corrected import", async ({
  browser,
}) => {
  const title = `Spending and poverty ${Date.now()}`;
  const sup = await (await browser.newContext()).newPage();
  await login(sup, demo.superintendent);
  await sup.goto("/workspaces/family-budget-priorities/views");
  await waitForHydration(sup);
  await sup.getByLabel("Chart").selectOption("scatter");
  await sup.getByLabel("Measure (for a scatter: the horizontal axis)").selectOption("pct_low_income");
  await sup.getByLabel("Second measure (for a scatter: the vertical axis)").selectOption("per_pupil_spending");
  await sup.getByLabel("Title").fill(title);
  await sup.getByRole("button", { name: "Preview" }).click();
  await expect(sup.locator(".recharts-scatter-symbol").first()).toBeVisible();
  await sup.getByRole("button", { name: "Save the view" }).click();
  await expect(sup.getByRole("heading", { name: title, level: 3 })).toBeVisible();

  // Embed it in the family workspace's plan from the editor's toolbar.
  await sup.goto("/workspaces/family-budget-priorities");
  await sup.getByRole("link", { name: "High-dosage tutoring: ROI review", exact: true }).click();
  await expect(sup.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
  await sup.getByRole("textbox", { name: "Plan text" }).getByText("Evidence so far").click();
  await sup.keyboard.press("End");
  await sup.getByRole("button", { name: "Data view" }).click();
  await sup.getByRole("dialog", { name: "Choose a saved view to insert" }).getByRole("button", { name: title }).click();
  await expect(sup.locator(".data-view-embed").getByRole("heading", { name: title })).toBeVisible();

  // A family member reading the plan sees the same view, computed for them.
  const rosa = await (await browser.newContext()).newPage();
  await login(rosa, demo.familyGarcia);
  await rosa.goto(new URL(sup.url()).pathname);
  const embedded = rosa.locator(".data-view-embed");
  await expect(embedded.getByRole("heading", { name: title })).toBeVisible();
  await expect(embedded.locator(".recharts-scatter-symbol").first()).toBeVisible();

  // The export carries the view as its data table.
  const planId = new URL(sup.url()).pathname.split("/").pop()!;
  const markdown = await (await rosa.request.get(`/api/v1/plans/${planId}/export?format=md`)).text();
  expect(markdown).toContain(`**${title}**`);
  expect(markdown).toMatch(
    /\| School \| Students from low-income families \(%\) \| Per-pupil spending \(\$\) \| Enrollment \|/,
  );

  // A corrected package reaches both open plans without a reload.
  const dir = path.resolve(import.meta.dirname, "../../db/seed/data/riverbend");
  const schools = readFileSync(path.join(dir, "schools.csv"));
  const measures = readFileSync(path.join(dir, "measures.csv"), "utf8");
  const corrected = measures.replace("RUSD-001,per_pupil_spending,all,12442", "RUSD-001,per_pupil_spending,all,19999");
  expect(corrected).not.toBe(measures);
  const importPackage = (measuresCsv: string) =>
    sup.request.post("/api/v1/districts/riverbend/data", {
      headers: { Origin: BASE_URL },
      multipart: {
        schools: { name: "schools.csv", mimeType: "text/csv", buffer: schools },
        measures: { name: "measures.csv", mimeType: "text/csv", buffer: Buffer.from(measuresCsv) },
      },
    });
  const alderGrove = (page: typeof sup) =>
    page.locator(".data-view-embed tbody tr").filter({ hasText: "Alder Grove Elementary School" });
  for (const page of [sup, rosa]) await expect(alderGrove(page)).toContainText("12,442");
  expect((await importPackage(corrected)).status()).toBe(201);
  for (const page of [sup, rosa]) await expect(alderGrove(page)).toContainText("19,999");
  // The other tests read the demo data as shipped.
  expect((await importPackage(measures)).status()).toBe(201);

  // A second view with a small cell, in the same plan: Alder Grove reports 5 Pacific Islander
  // students, 40% of them chronically absent. The superintendent sees 40%; Rosa, a family member,
  // gets the hidden marker, and the number never reaches her browser.
  const smallTitle = `Pacific Islander absence ${Date.now()}`;
  const saved = await sup.request.post("/api/v1/workspaces/family-budget-priorities/views", {
    headers: { Origin: BASE_URL },
    data: {
      title: smallTitle,
      spec: {
        chart: "scatter",
        fields: ["pct_low_income", "chronic_absence_pct"],
        groups: ["pacific_islander"],
        groupBy: "school",
      },
    },
  });
  expect(saved.status()).toBe(201);
  await sup.getByRole("textbox", { name: "Plan text" }).getByText("Evidence so far").click();
  await sup.keyboard.press("End");
  await sup.getByRole("button", { name: "Data view" }).click();
  await sup
    .getByRole("dialog", { name: "Choose a saved view to insert" })
    .getByRole("button", { name: smallTitle })
    .click();
  const smallView = (page: typeof sup) =>
    page.locator(".data-view-embed").filter({ has: page.getByRole("heading", { name: smallTitle }) });
  const alderGroveCells = (page: typeof sup) =>
    smallView(page).locator("tbody tr").filter({ hasText: "Alder Grove Elementary School" }).locator("td");
  // Columns: low-income share, chronic absence, enrollment.
  await expect(alderGroveCells(sup).nth(1)).toHaveText("40%");
  await expect(alderGroveCells(rosa).nth(1)).toHaveText("—");
  // A hidden point keeps no size either: the enrollment beside a hidden rate would help recover it.
  await expect(alderGroveCells(rosa).nth(2)).toHaveText("—");
  await expect(smallView(rosa).locator("tbody tr").filter({ hasText: "Alder Grove" })).not.toContainText("40");
  // Nor is it in the CSV she can download.
  const [download] = await Promise.all([
    rosa.waitForEvent("download"),
    smallView(rosa)
      .getByRole("button", { name: /Download CSV/ })
      .click(),
  ]);
  const csv = readFileSync((await download.path())!, "utf8");
  const alderLine = csv.split(/\r?\n/).find((line) => line.startsWith("Alder Grove Elementary School"));
  expect(alderLine).toBeDefined();
  expect(alderLine).not.toMatch(/,40(,|$)/);

  await sup.context().close();
  await rosa.context().close();
});

test("typing /dat in a plan inserts a saved view where the command was typed", async ({ browser }) => {
  const title = `Slash view ${Date.now()}`;
  const page = await (await browser.newContext()).newPage();
  await login(page, demo.superintendent);
  await page.goto("/workspaces/cabinet-strategic-plan/views");
  await waitForHydration(page);
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Save the view" }).click();
  await expect(page.getByRole("heading", { name: title, level: 3 })).toBeVisible();

  // A plan of its own, so no one else's edits move the caret; in the cabinet's workspace, so the
  // families' home keeps inviting them to the demo's own plans.
  const created = await page.request.post("/api/v1/workspaces/cabinet-strategic-plan/plans", {
    headers: { Origin: BASE_URL },
    data: { title: `Slash plan ${Date.now()}`, template: "blank" },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  await page.goto(`/workspaces/cabinet-strategic-plan/plans/${id}`);
  await waitForHydration(page);
  await expect(page.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
  const doc = page.getByRole("textbox", { name: "Plan text" });
  await doc.click();
  await page.keyboard.type("Before the chart");
  await page.keyboard.press("Enter");
  await page.keyboard.type("/");
  const menu = page.getByRole("listbox", { name: "Insert a block" });
  await expect(menu).toBeVisible();
  await page.keyboard.type("dat");
  await expect(menu.getByRole("option")).toHaveText(["Data view"]);
  await page.keyboard.press("Enter");
  await expect(menu).toHaveCount(0);
  await page
    .getByRole("dialog", { name: "Choose a saved view to insert" })
    .getByRole("button", { name: title })
    .click();
  const embedded = doc.locator(".data-view-embed");
  await expect(embedded.getByRole("heading", { name: title })).toBeVisible();
  await expect(doc).not.toContainText("/dat");
  // Right after the paragraph where "/dat" was typed.
  const next = doc.locator("p", { hasText: "Before the chart" }).locator("xpath=following-sibling::*[1]");
  await expect(next.locator(".data-view-embed")).toHaveCount(1);

  await page.context().close();
});
