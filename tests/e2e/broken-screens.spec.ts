import type { Page } from "@playwright/test";
import { SERIES_COLORS } from "../../app/domain/diagnostics/chart-colors";
import { expect, test } from "./fixtures";
import { expectNoHorizontalScroll, expectNoSeriousA11yViolations, waitForHydration, watchConsole } from "./helpers";

// Issue 11, part A: the screens every role found broken or contradictory. One page or state per test.
test.describe.configure({ mode: "parallel" });

const FAMILY_WS = "/workspaces/family-budget-priorities";
const CABINET_WS = "/workspaces/cabinet-strategic-plan";
const PHONE = { width: 360, height: 740 };

test.describe("data diagnostic", () => {
  test.use({ account: "familyGarcia" });

  test("a link to another dimension, followed from a dimension page, lands on that dimension", async ({ page }) => {
    await page.goto(`${FAMILY_WS}/diagnostic/teaching_quality`);
    const dimensions = page.getByRole("navigation", { name: "Dimensions of resource equity" });
    await expect(dimensions.getByRole("link", { name: "Teaching quality and diversity" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await dimensions.getByRole("link", { name: "Safe and supportive facilities" }).click();
    await expect(page).toHaveURL(new RegExp(`${FAMILY_WS}/diagnostic/facilities$`));
    await expect(page.getByRole("heading", { level: 3, name: "Safe and supportive facilities" })).toBeVisible();
    await expect(dimensions.getByRole("link", { name: "Safe and supportive facilities" })).toHaveAttribute(
      "aria-current",
      "page",
    );
    await expect(dimensions.locator('[aria-current="page"]')).toHaveCount(1);
  });

  test("the default dimension is marked current on the diagnostic's first page", async ({ page }) => {
    await page.goto(`${FAMILY_WS}/diagnostic`);
    await expect(
      page
        .getByRole("navigation", { name: "Dimensions of resource equity" })
        .getByRole("link", { name: "School funding" }),
    ).toHaveAttribute("aria-current", "page");
  });
});

/** Every checkbox of the view builder is small and sits beside its label, which stays on one line. */
async function expectTidyCheckboxes(page: Page) {
  const builder = page.getByRole("region", { name: "Build a view" });
  const options = builder.locator("label.checkbox");
  expect(await options.count()).toBeGreaterThan(10);
  for (const option of await options.all()) {
    // Both boxes in one read: measured apart, a layout shift between them (the page still
    // settling) would compare positions from two different layouts.
    const { input, label, name } = await option.evaluate((el) => {
      const rect = (e: Element) => {
        const r = e.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      };
      return {
        input: rect(el.querySelector('input[type="checkbox"]')!),
        label: rect(el),
        name: (el as HTMLElement).innerText,
      };
    });
    expect(input.width, `checkbox of "${name}"`).toBeLessThanOrEqual(24);
    expect(input.height, `checkbox of "${name}"`).toBeLessThanOrEqual(24);
    // One line of text (line height ~1.5 × 16 px), the box beside it rather than above it.
    expect(label.height, `label "${name}" wraps`).toBeLessThanOrEqual(30);
    expect(input.y + input.height / 2).toBeGreaterThan(label.y);
    expect(input.y + input.height / 2).toBeLessThan(label.y + label.height);
  }
}

test.describe("the view builder", () => {
  test.use({ account: "superintendent" });

  test("lays its checkboxes out small and beside one-line labels at 1280 px", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${CABINET_WS}/views`);
    await expectTidyCheckboxes(page);
  });

  test("lays its checkboxes out small and beside one-line labels at 360 px, without scrolling sideways", async ({
    page,
  }) => {
    await page.setViewportSize(PHONE);
    await page.goto(`${CABINET_WS}/views`);
    await expectTidyCheckboxes(page);
    await expectNoHorizontalScroll(page, "view builder on a phone");
  });
});

test.describe("districts for a family member", () => {
  test.use({ account: "familyGarcia" });

  test("lists the district she reaches through her workspace, with what she can do, and no district to found", async ({
    page,
  }) => {
    await page.goto("/districts");
    await expect(page.getByText("You are not part of a district yet")).toHaveCount(0);
    const card = page
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading", { name: "Riverbend Unified School District" }) });
    await expect(card.getByText("You take part through its workspaces.")).toBeVisible();
    await expect(card.getByText("Commenter · you can read plans and data, and comment")).toBeVisible();
    await card.getByRole("link", { name: "Family budget priorities" }).click();
    await expect(page).toHaveURL(new RegExp(`${FAMILY_WS}$`));
  });

  test("keeps the district form folded away rather than as the page's call to action", async ({ page }) => {
    await page.goto("/districts");
    await expect(page.getByRole("heading", { name: "Create a district" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Create a district" })).toBeHidden();
    await page.getByText("Create a new district").click();
    await expect(page.getByRole("button", { name: "Create a district" })).toBeVisible();
    await expectNoSeriousA11yViolations(page, "districts as family");
  });

  test("the district data page offers her no file she may not download, and says what the data is", async ({
    page,
  }) => {
    await page.goto("/districts/riverbend/data");
    await expect(page.locator('a[href$=".csv"]')).toHaveCount(0);
    await expect(page.getByText(/original files are not shared here/)).toBeVisible();
    await page.getByRole("link", { name: "Family budget priorities: Data diagnostic" }).click();
    await expect(page).toHaveURL(new RegExp(`${FAMILY_WS}/diagnostic$`));
  });

  test("every link on the district pages she sees leads to a page, not JSON", async ({ page }) => {
    for (const path of ["/districts", "/districts/riverbend", "/districts/riverbend/data"]) {
      await page.goto(path);
      const hrefs = await page
        .locator("main a[href^='/']")
        .evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
      for (const href of hrefs) {
        const response = await page.goto(href);
        expect(`${path} → ${href}: ${response?.headers()["content-type"]}`).toMatch(/text\/html/);
      }
    }
  });

  test("a data file she opens by its address answers with a page, not raw JSON", async ({ page }) => {
    const response = await page.goto("/api/v1/districts/riverbend/data/versions/1/schools.csv");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "Not allowed" })).toBeVisible();
    await page.getByRole("link", { name: "Back to the district data" }).click();
    await expect(page).toHaveURL(/\/districts\/riverbend\/data$/);
  });
});

test.describe("district data for the superintendent", () => {
  test.use({ account: "superintendent" });

  test("offers the files she may download", async ({ page }) => {
    await page.goto("/districts/riverbend/data");
    await expect(page.getByRole("link", { name: "schools.csv" })).toHaveAttribute(
      "href",
      "/api/v1/districts/riverbend/data/versions/1/schools.csv",
    );
    await expect(page.getByRole("link", { name: "measures.csv" })).toBeVisible();
  });
});

test.describe("charts", () => {
  test.use({ account: "superintendent" });

  test("write legend text in ink and keep the series colour in the swatch", async ({ page }) => {
    await page.goto(`${CABINET_WS}/diagnostic/rigorous_content`);
    const items = page.locator(".data-view").first().locator(".recharts-legend-item");
    await expect(items).toHaveCount(3);
    const colours = await items.evaluateAll((all) =>
      all.map((item) => ({
        text: getComputedStyle(item.querySelector(".recharts-legend-item-text span")!).color,
        swatch: item.querySelector("path, rect")?.getAttribute("fill")?.toUpperCase(),
      })),
    );
    expect(colours.map((c) => c.text)).toEqual(Array(3).fill("rgb(29, 36, 51)"));
    expect(colours.map((c) => c.swatch).sort()).toEqual([...SERIES_COLORS.slice(0, 3)].sort());
  });

  test("group CSV, SVG and PNG as alike buttons", async ({ page }) => {
    await page.goto(`${CABINET_WS}/diagnostic/school_funding`);
    await waitForHydration(page);
    const group = page.getByRole("group", { name: /^Download / }).first();
    const buttons = group.getByRole("button");
    await expect(buttons).toHaveText([/^Download CSV/, /^Download SVG/, /^Download PNG/]);
    const classes = await buttons.evaluateAll((all) => all.map((b) => b.className));
    expect(new Set(classes).size).toBe(1);
    await expect(group.getByRole("link")).toHaveCount(0);
  });
});

test.describe("on a phone, in Spanish", () => {
  test.use({ account: "superintendent", lang: "es", viewport: PHONE });

  test("wide tables scroll in a focusable, named region that says it scrolls", async ({ page }) => {
    const watcher = watchConsole(page);
    await page.goto(`${CABINET_WS}/diagnostic/school_funding`);
    await waitForHydration(page);
    const region = page.getByRole("region", {
      name: "Asignación actual y según necesidad por escuela, de la mayor ganancia a la mayor pérdida",
    });
    await expect(region).toHaveAttribute("tabindex", "0");
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await expect(page.getByText("Desplácese hacia los lados para ver toda la tabla →").last()).toBeVisible();
    // The keyboard scrolls it.
    await region.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await expectNoHorizontalScroll(page, "diagnostic on a phone");
    expect(watcher.problems()).toEqual([]);
  });

  test("the quartile chart's axis labels never overlap", async ({ page }) => {
    await page.goto(`${CABINET_WS}/diagnostic/school_funding`);
    const ticks = page.locator(".data-view").first().locator("text.chart-category");
    await expect(ticks).toHaveCount(4);
    await expect(ticks.first()).toContainText("Menor");
    const boxes = await ticks.evaluateAll((all) => all.map((t) => t.getBoundingClientRect().toJSON() as DOMRect));
    for (let i = 1; i < boxes.length; i++) {
      expect(boxes[i]!.left, `label ${i + 1} overlaps label ${i}`).toBeGreaterThanOrEqual(boxes[i - 1]!.right);
    }
  });

  test("writes every amount the same way, through the reader's locale", async ({ page }) => {
    await page.goto(`${CABINET_WS}/diagnostic/school_funding`);
    await waitForHydration(page);
    const main = page.locator("main");
    await expect(main).toContainText(/El gasto cambia [+-]\$\d[\d,]* por estudiante/);
    await expect(main).toContainText(/Con el mismo presupuesto total de \$\d{1,3}(,\d{3})+,/);
    const text = await main.innerText();
    expect(text).not.toMatch(/US\$|\$-|\d\.\d{3} ?\$/);
  });
});

test.describe("plans", () => {
  test.use({ account: "superintendent" });

  /** The cabinet plan's address, from its workspace. */
  async function planPath(page: Page) {
    await page.goto(CABINET_WS);
    return (await page.getByRole("link", { name: "2027–28 resource equity action plan" }).getAttribute("href"))!;
  }
  const overviewTab = (page: Page) =>
    page.getByRole("navigation", { name: "Workspace sections" }).getByRole("link", { name: "Overview" });

  test("keep the Overview tab current on a plan and its history", async ({ page }) => {
    const plan = await planPath(page);
    for (const path of [plan, `${plan}/history`]) {
      await page.goto(path);
      await expect(overviewTab(page), path).toHaveAttribute("aria-current", "page");
      await expect(
        page.getByRole("navigation", { name: "Workspace sections" }).locator('[aria-current="page"]'),
      ).toHaveCount(1);
    }
  });

  test("clear the version-name field after saving a version, and keep it on an error", async ({ page }) => {
    const plan = await planPath(page);
    await page.goto(`${plan}/history`);
    await waitForHydration(page);
    const name = page.getByLabel("Version name");
    const save = page.getByRole("button", { name: "Save the current text as a named version" });
    const title = `Checkpoint ${Date.now()}`;
    await name.fill(title);
    await save.click();
    await expect(page.locator(".form-message--success")).toBeVisible();
    await expect(page.getByText(title, { exact: true })).toBeVisible();
    await expect(name).toHaveValue("");

    // Only spaces: refused by the server, and what was typed stays to be corrected.
    await name.fill("   ");
    await save.click();
    await expect(page.locator(".field__error")).toBeVisible();
    await expect(name).toHaveValue("   ");

    // The version page keeps the tab too.
    await page.getByRole("link", { name: new RegExp(`^Preview: ${title}`) }).click();
    await expect(page.getByRole("heading", { level: 2, name: new RegExp(title) })).toBeVisible();
    await expect(overviewTab(page)).toHaveAttribute("aria-current", "page");
  });
});
