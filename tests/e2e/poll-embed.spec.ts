import { expect, test } from "@playwright/test";
import { BASE_URL, demo, expectNoSeriousA11yViolations, login, waitForHydration } from "./helpers";

test("the superintendent embeds a vote's results in a cabinet plan; they follow new ballots and publication live, and export", async ({
  browser,
}) => {
  const title = `Library hours ${Date.now()}`;
  const sup = await (await browser.newContext()).newPage();
  await login(sup, demo.superintendent);
  const api = (method: "post" | "patch" | "put", path: string, data: unknown, page = sup) =>
    page.request[method](`/api/v1${path}`, { headers: { Origin: BASE_URL }, data });

  // A vote of the family workspace with live results, and her own ballot in it.
  const created = await api("post", "/workspaces/family-budget-priorities/polls", {
    title,
    budget: 1000,
    ballot: { type: "approval", maxOptions: 1 },
    results: "live",
    options: [
      { title: "Saturday hours", cost: 600 },
      { title: "Evening hours", cost: 400 },
    ],
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect((await api("patch", `/polls/${id}`, { state: "open" })).status()).toBe(200);
  expect((await api("put", `/polls/${id}/ballot`, { choices: ["P2"] })).status()).toBe(200);

  // A plan of the cabinet's own, so no other test's plan changes.
  const plan = await api("post", "/workspaces/cabinet-strategic-plan/plans", { title: `Budget ${title}` });
  expect(plan.status()).toBe(201);
  const planId = ((await plan.json()) as { id: string }).id;
  await sup.goto(`/workspaces/cabinet-strategic-plan/plans/${planId}`);
  await waitForHydration(sup);
  await expect(sup.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
  await sup.getByRole("textbox", { name: "Plan text" }).click();
  await sup.keyboard.type("What families chose:");
  await sup.keyboard.press("Enter");
  await sup.getByRole("button", { name: "Vote results" }).click();
  const picker = sup.getByRole("dialog", { name: "Choose a vote whose results to insert" });
  await picker.getByRole("button", { name: new RegExp(title) }).click();
  await expect(picker).toHaveCount(0);

  const embed = sup.getByRole("figure", { name: title });
  await expect(embed).toContainText("1 ballot");
  await expect(embed).toContainText("Funded by equal shares: Evening hours");
  await expectNoSeriousA11yViolations(sup, "a plan embedding a vote's results");

  // A family member votes: the embed follows, without a reload.
  const rosa = await (await browser.newContext()).newPage();
  await login(rosa, demo.familyGarcia);
  expect((await api("put", `/polls/${id}/ballot`, { choices: ["P1"] }, rosa)).status()).toBe(200);
  await expect(embed).toContainText("2 ballots");

  // Closed and published: still there, and in the print and Markdown exports.
  expect((await api("patch", `/polls/${id}`, { state: "closed" })).status()).toBe(200);
  expect((await api("patch", `/polls/${id}`, { state: "published" })).status()).toBe(200);
  await expect(embed.getByRole("link", { name: "Open the vote" })).toHaveAttribute(
    "href",
    `/workspaces/family-budget-priorities/polls/${id}`,
  );
  const markdown = await (await sup.request.get(`/api/v1/plans/${planId}/export?format=md`)).text();
  expect(markdown).toContain(`**${title}**`);
  expect(markdown).toMatch(/\| Option \| Cost \| Votes \| Outcome \|/);
  const html = await (await sup.request.get(`/api/v1/plans/${planId}/export?format=html`)).text();
  expect(html).toContain(`data-embed="poll:${id}"`);
});
