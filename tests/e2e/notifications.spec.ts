import { expect, test } from "./fixtures";
import { BASE_URL, DEMO_PASSWORD, demo, expectNoSeriousA11yViolations, waitForHydration } from "./helpers";

test.describe("notifications", () => {
  test.use({ account: "familyGarcia" });

  test("the bell says the unread count, the inbox lists a mention, and Mark all as read clears the badge, by keyboard", async ({
    page,
    browser,
  }) => {
    // The superintendent mentions Rosa on the Spanish tutoring review.
    const rosa = (await (await page.request.get("/api/v1/me")).json()) as { id: string };
    const sup = await browser.newContext({ baseURL: BASE_URL });
    const signedIn = await sup.request.post("/login", {
      headers: { Origin: BASE_URL },
      form: { email: demo.superintendent, password: DEMO_PASSWORD },
      maxRedirects: 0,
    });
    expect(signedIn.status()).toBe(302);
    const { plans } = await (await sup.request.get("/api/v1/workspaces/family-budget-priorities/plans")).json();
    const plan = plans.find((p: { title: string }) => p.title.startsWith("Tutoría"));
    const created = await sup.request.post(`/api/v1/plans/${plan.id}/threads`, {
      headers: { Origin: BASE_URL },
      data: {
        body: "Rosa, ¿podría contarnos qué ve en casa?",
        anchor: { quote: "¿Qué ven las familias en casa?" },
        mentions: [rosa.id],
      },
    });
    expect(created.status()).toBe(201);
    await sup.close();

    await page.goto("/workspaces");
    await waitForHydration(page);
    const bell = page.getByRole("banner").getByRole("link", { name: /^Notifications, \d+ unread$/ });
    await expect(bell).toBeVisible();
    // Keyboard only: Tab to the bell, Enter.
    for (let i = 0; i < 15 && !(await bell.evaluate((el) => el === document.activeElement)); i++)
      await page.keyboard.press("Tab");
    await expect(bell).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/notifications$/);
    await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Elena Márquez mentioned you" }).first()).toBeVisible();
    await expect(page.getByText("Rosa, ¿podría contarnos qué ve en casa?").first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, "the inbox");

    const markAll = page.getByRole("button", { name: "Mark all as read" });
    await markAll.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("banner").getByRole("link", { name: "Notifications", exact: true })).toBeVisible();
    await expect(page.locator(".notification-bell__badge")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Mark all as read" })).toHaveCount(0);
  });

  test("the bell's count follows plain navigation: a mention made meanwhile, a read in another tab", async ({
    page,
    browser,
  }) => {
    const rosa = (await (await page.request.get("/api/v1/me")).json()) as { id: string };
    await page.request.post("/api/v1/me/notifications/read", { headers: { Origin: BASE_URL }, data: { all: true } });
    await page.goto("/workspaces");
    await waitForHydration(page);
    const banner = page.getByRole("banner");
    await expect(banner.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();

    // Meanwhile the superintendent mentions her; she follows a link, no reload.
    const sup = await browser.newContext({ baseURL: BASE_URL });
    await sup.request.post("/login", {
      headers: { Origin: BASE_URL },
      form: { email: demo.superintendent, password: DEMO_PASSWORD },
      maxRedirects: 0,
    });
    const { plans } = await (await sup.request.get("/api/v1/workspaces/family-budget-priorities/plans")).json();
    const plan = plans.find((p: { title: string }) => p.title.startsWith("Tutoría"));
    const created = await sup.request.post(`/api/v1/plans/${plan.id}/threads`, {
      headers: { Origin: BASE_URL },
      data: {
        body: "Rosa, una pregunta más.",
        anchor: { quote: "¿Qué ven las familias en casa?" },
        mentions: [rosa.id],
      },
    });
    expect(created.status()).toBe(201);
    await sup.close();
    await page.getByRole("link", { name: "Family budget priorities" }).first().click();
    await expect(banner.getByRole("link", { name: "Notifications, 1 unread" })).toBeVisible();

    // Read in another tab: the next page she opens here shows none.
    await page.request.post("/api/v1/me/notifications/read", { headers: { Origin: BASE_URL }, data: { all: true } });
    await page.getByRole("link", { name: "Budget votes", exact: true }).click();
    await expect(banner.getByRole("link", { name: "Notifications", exact: true })).toBeVisible();
  });
});

test.describe("notifications in Spanish", () => {
  test.use({ account: "familyGarcia", lang: "es" });

  test("the inbox has no serious accessibility problems", async ({ page }) => {
    await page.goto("/notifications");
    await expect(page.getByRole("heading", { level: 1, name: "Notificaciones" })).toBeVisible();
    await expect(page.getByRole("banner").getByRole("link", { name: /^Notificaciones/ })).toBeVisible();
    await expectNoSeriousA11yViolations(page, "the inbox in Spanish");
  });
});
