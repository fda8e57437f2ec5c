import { expect, test } from "@playwright/test";
import { demo, login } from "./helpers";

test("a stacked share chart draws one bar per category, its series stacked on one another", async ({ page }) => {
  await login(page, demo.superintendent);
  await page.goto(
    "/workspaces/cabinet-strategic-plan/views?chart=stacked_share&field=enrollment_by_group&group=black&group=latinx&groupBy=quartile",
  );
  const figure = page.locator("figure.data-view").last();
  const series = figure.locator(".recharts-bar");
  await expect(series).toHaveCount(2);
  const boxes = async (i: number) =>
    Promise.all((await series.nth(i).locator(".recharts-rectangle").all()).map(async (r) => (await r.boundingBox())!));
  const [lower, upper] = [await boxes(0), await boxes(1)];
  expect(lower).toHaveLength(4);
  expect(upper).toHaveLength(4);
  lower.forEach((a, i) => {
    const b = upper[i]!;
    // Same place and width, the second series sitting on top of the first…
    expect(b.x).toBeCloseTo(a.x, 0);
    expect(b.width).toBeCloseTo(a.width, 0);
    expect(b.y + b.height).toBeCloseTo(a.y, 0);
  });
  // …and the two shares of each quartile fill the axis to 100%.
  const tops = upper.map((b) => b.y);
  expect(Math.max(...tops) - Math.min(...tops)).toBeLessThan(1);
  const ticks = (await figure.locator(".data-view__chart text").allTextContents()).filter((s) => s.endsWith("%"));
  expect(ticks).toEqual(["0%", "25%", "50%", "75%", "100%"]);
});
