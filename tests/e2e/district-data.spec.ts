import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { demo, login, waitForHydration } from "./helpers";

const riverbend = path.resolve(import.meta.dirname, "../../db/seed/data/riverbend");

test("the superintendent reads the diagnostic, then imports a data package after checking its preview", async ({
  page,
}) => {
  await login(page, demo.superintendent);
  await page.goto("/workspaces/cabinet-strategic-plan");
  await page.getByRole("link", { name: "Data diagnostic", exact: true }).click();
  await expect(
    page.getByText(/spend \d+% (less|more) per student than schools in the lowest-poverty quarter/),
  ).toBeVisible();
  await page.getByRole("link", { name: "Teaching quality and diversity" }).click();
  await expect(page.getByText(/times as likely to have a novice teacher/)).toBeVisible();
  // The chart's numbers are also a table, for screen readers and without JavaScript.
  await page.getByText("Show the data as a table").first().click();
  await expect(page.getByRole("table").first().getByRole("rowheader", { name: "Highest poverty (Q4)" })).toBeVisible();

  // The drawing itself can be saved, as SVG and as PNG.
  const figure = page.locator("figure.data-view").first();
  const [svg] = await Promise.all([
    page.waitForEvent("download"),
    figure.getByRole("button", { name: /^Download SVG/ }).click(),
  ]);
  expect(svg.suggestedFilename()).toMatch(/\.svg$/);
  expect(readFileSync(await svg.path(), "utf8")).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  const [png] = await Promise.all([
    page.waitForEvent("download"),
    figure.getByRole("button", { name: /^Download PNG/ }).click(),
  ]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  expect(
    readFileSync(await png.path())
      .subarray(1, 4)
      .toString("latin1"),
  ).toBe("PNG");

  await page.goto("/districts/riverbend/data");
  await waitForHydration(page);
  // Other tests import into the same demo district meanwhile: versions are named, not counted.
  await page.getByLabel("Schools file (schools.csv)").setInputFiles(path.join(riverbend, "schools.csv"));
  await page.getByLabel("Measures file (measures.csv)").setInputFiles(path.join(riverbend, "measures.csv"));
  await page.getByRole("button", { name: "Check the files" }).click();
  await expect(page.getByText("40 schools")).toBeVisible();
  // Checking imports nothing: the import is still offered, and nothing says it happened.
  await expect(page.getByText(/was imported/)).toHaveCount(0);
  await page.getByRole("button", { name: "Import this data as a new version" }).click();
  const imported = page.getByText(/Version \d+ was imported/);
  await expect(imported).toBeVisible();
  const version = (await imported.textContent())!.match(/Version (\d+)/)![1]!;
  await expect(page.locator("table").last().getByRole("rowheader", { name: version, exact: true })).toBeVisible();
});

test("a package with errors lists each problem with its line and imports nothing", async ({ page }) => {
  await login(page, demo.superintendent);
  await page.goto("/districts/riverbend/data");
  await waitForHydration(page);
  await page.getByLabel("Schools file (schools.csv)").setInputFiles(path.join(riverbend, "schools.csv"));
  await page.getByLabel("Measures file (measures.csv)").setInputFiles({
    name: "measures.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(
      "school_id,measure,student_group,value\nRUSD-001,per_pupil_spending,all,\nNOPE,teachers_fte,all,3\n",
    ),
  });
  await page.getByRole("button", { name: "Check the files" }).click();
  const problems = page.getByRole("table", { name: "Problems to fix" });
  await expect(problems.getByRole("row")).toHaveCount(3);
  await expect(problems).toContainText("Missing value");
  await expect(problems).toContainText("NOPE");
  await expect(page.getByRole("button", { name: "Import this data as a new version" })).toHaveCount(0);
});
