import { expect, test, type Browser, type Page } from "@playwright/test";
import { demo, expectNoSeriousA11yViolations, login, useLanguage, waitForHydration } from "./helpers";

const cfo = "cfo@riverbend.example";

/** A person signed in in a browser context of their own. */
async function signIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, email);
  return page;
}

/** Opens a plan and waits until its editor is live. */
async function openPlan(browser: Browser, email: string, url: string): Promise<Page> {
  const page = await signIn(browser, email);
  await page.goto(url);
  await waitForHydration(page);
  await expect(page.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
  return page;
}

/** Creates a plan through the workspace page's form, as the superintendent, and returns its address. */
async function createPlan(page: Page, title: string, template: string): Promise<string> {
  await page.goto("/workspaces/cabinet-strategic-plan");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Start from").selectOption(template);
  await page.getByRole("button", { name: "Create a plan" }).click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  return new URL(page.url()).pathname;
}

const documentOf = (page: Page) => page.getByRole("textbox", { name: "Plan text" });

test("two people co-write a plan from the template, see each other, and export it", async ({ browser }) => {
  const elena = await signIn(browser, demo.superintendent);
  const url = await createPlan(elena, `Co-written plan ${Date.now()}`, "equity_action_plan");
  await expect(elena.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
  const marcus = await openPlan(browser, cfo, url);

  await expect(documentOf(marcus).getByRole("heading", { name: "School funding" })).toBeVisible();
  for (const page of [elena, marcus]) {
    const here = page.getByRole("group", { name: "Who's here" });
    await expect(here).toContainText("Elena Márquez");
    await expect(here).toContainText("Marcus Webb");
  }

  // Both type at the same moment, each in their own place.
  await documentOf(elena).getByText("Root causes").first().click();
  await elena.keyboard.press("End");
  await documentOf(marcus).getByText("Where we are").nth(1).click();
  await marcus.keyboard.press("End");
  await Promise.all([
    elena.keyboard.type(" — the cabinet agrees", { delay: 15 }),
    marcus.keyboard.type(" — funding follows need", { delay: 15 }),
  ]);
  for (const page of [elena, marcus]) {
    await expect(documentOf(page)).toContainText("the cabinet agrees");
    await expect(documentOf(page)).toContainText("funding follows need");
  }
  // Each sees the other's caret, labelled with their name.
  await expect(elena.locator(".collaboration-carets__label", { hasText: "Marcus Webb" })).toBeVisible();
  await expect(marcus.locator(".collaboration-carets__label", { hasText: "Elena Márquez" })).toBeVisible();

  const planId = url.split("/").pop()!;
  const md = await elena.request.get(`/api/v1/plans/${planId}/export?format=md`);
  const markdown = await md.text();
  expect(markdown).toContain("the cabinet agrees");
  expect(markdown).toContain("funding follows need");
  expect(markdown).toContain("| Action | Owner | Timeline | Cost | How we will know |");
  const print = await elena.request.get(`/api/v1/plans/${planId}/export?format=html`);
  expect(await print.text()).toContain("funding follows need");

  // Undo is per person: Elena's undo takes back her own typing (the undo manager may group it with
  // her typing just before), never Marcus's.
  await elena.keyboard.type(" draft");
  await expect(documentOf(marcus)).toContainText("agrees draft");
  await elena.getByRole("button", { name: "Undo" }).click();
  await expect(documentOf(marcus)).not.toContainText("draft");
  await expect(documentOf(marcus)).toContainText("funding follows need");

  await elena.context().close();
  await marcus.context().close();
});

test("a member who may not edit reads along, clearly read-only", async ({ browser }) => {
  const marcus = await signIn(browser, cfo);
  await marcus.goto("/workspaces/family-budget-priorities");
  await marcus.getByRole("link", { name: "High-dosage tutoring: ROI review", exact: true }).click();
  await expect(marcus.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
  const url = new URL(marcus.url()).pathname;
  const rosa = await openPlan(browser, demo.familyGarcia, url);

  await expect(rosa.getByText("Read only: your role lets you read this plan, not edit it.")).toBeVisible();
  await expect(documentOf(rosa)).toHaveAttribute("contenteditable", "false");
  await expect(rosa.getByRole("toolbar", { name: "Formatting" })).toHaveCount(0);
  await documentOf(rosa).getByText("The investment").click();
  await rosa.keyboard.type("ROSA WAS HERE /");
  await expect(documentOf(rosa)).not.toContainText("ROSA WAS HERE");
  await expect(rosa.getByRole("listbox")).toHaveCount(0);

  // She still sees the editor's words arrive live.
  await documentOf(marcus).getByText("Evidence so far").click();
  await marcus.keyboard.press("End");
  await marcus.keyboard.type(" (tutoring pilot, 6 schools)");
  await expect(documentOf(rosa)).toContainText("tutoring pilot, 6 schools");
  await expect(documentOf(marcus)).not.toContainText("ROSA WAS HERE");

  await marcus.context().close();
  await rosa.context().close();
});

test("edits made offline are kept and merge when the connection returns", async ({ browser }) => {
  const elena = await signIn(browser, demo.superintendent);
  const url = await createPlan(elena, `Offline plan ${Date.now()}`, "blank");
  await expect(elena.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();
  const marcus = await openPlan(browser, cfo, url);

  await documentOf(elena).click();
  await elena.keyboard.type("Online start.");
  await expect(documentOf(marcus)).toContainText("Online start.");

  await elena.context().setOffline(true);
  await expect(elena.getByRole("status")).toContainText("Offline");
  await expect(elena.getByRole("status")).toContainText("your edits are kept and will sync");
  await elena.keyboard.type(" Written on the bus.");
  await documentOf(marcus).click();
  await marcus.keyboard.press("Control+End");
  await marcus.keyboard.type(" Marcus meanwhile.");
  const planId = url.split("/").pop()!;
  const stored = async () => (await marcus.request.get(`/api/v1/plans/${planId}/export?format=md`)).text();
  // Marcus's words are on the server, yet Elena, offline, has only her own.
  await expect.poll(stored).toContain("Marcus meanwhile.");
  await expect(documentOf(elena)).toContainText("Written on the bus.");
  await expect(documentOf(elena)).not.toContainText("Marcus meanwhile.");
  expect(await stored()).not.toContain("Written on the bus.");

  await elena.context().setOffline(false);
  await expect(elena.getByRole("status").filter({ hasText: "Connected" })).toBeVisible({ timeout: 20_000 });
  for (const page of [elena, marcus]) {
    await expect(documentOf(page)).toContainText("Written on the bus.");
    await expect(documentOf(page)).toContainText("Marcus meanwhile.");
  }
  // And the server has it.
  await expect.poll(stored).toContain("Written on the bus.");

  await elena.context().close();
  await marcus.context().close();
});

/** The superintendent in a new blank plan, editor live, the caret at the end of its text. */
async function newBlankPlan(browser: Browser, lang: "en" | "es" = "en") {
  const elena = await signIn(browser, demo.superintendent);
  await createPlan(elena, `Slash plan ${Date.now()}`, "blank");
  if (lang === "es") {
    await useLanguage(elena.context(), "es");
    await elena.reload();
  }
  await waitForHydration(elena);
  await expect(elena.getByRole("status").filter({ hasText: lang === "es" ? "Conectado" : "Connected" })).toBeVisible();
  const doc = elena.getByRole("textbox", { name: lang === "es" ? "Texto del plan" : "Plan text" });
  await doc.click();
  await elena.keyboard.press("Control+End");
  return { elena, doc };
}

// The slash menu's behaviours, one per test, so each stays short on a busy machine.
test("the slash menu inserts blocks from the keyboard or the mouse", async ({ browser }) => {
  const { elena, doc } = await newBlankPlan(browser);
  const menu = elena.getByRole("listbox", { name: "Insert a block" });

  // After a space, "/" opens the menu; typing filters it; Escape closes it and keeps the text.
  await elena.keyboard.type("Next steps /quo");
  await expect(menu.getByRole("option")).toHaveText(["Quote"]);
  await elena.keyboard.press("Escape");
  await expect(menu).toHaveCount(0);
  await expect(doc).not.toHaveAttribute("aria-activedescendant");
  await elena.keyboard.type("te");
  await expect(doc).toContainText("Next steps /quote");
  await expect(menu).toHaveCount(0);

  // At the start of a line: every entry, the arrows move the highlight (wrapping), the document points at it.
  await elena.keyboard.press("Enter");
  await elena.keyboard.type("/");
  await expect(menu.getByRole("option")).toHaveCount(9);
  await elena.keyboard.press("ArrowDown");
  const heading3 = menu.getByRole("option", { name: "Heading 3" });
  await expect(heading3).toHaveAttribute("aria-selected", "true");
  await expect(doc).toHaveAttribute("aria-activedescendant", (await heading3.getAttribute("id"))!);
  await elena.keyboard.press("ArrowUp");
  await elena.keyboard.press("ArrowUp");
  await expect(menu.getByRole("option", { name: "Vote results" })).toHaveAttribute("aria-selected", "true");

  // "/che" + Enter: a checklist item, without the typed command.
  await elena.keyboard.type("che");
  await expect(menu.getByRole("option")).toHaveText(["Checklist"]);
  await elena.keyboard.press("Enter");
  await expect(menu).toHaveCount(0);
  await elena.keyboard.type("Publish the budget");
  const checklist = doc.locator('ul[data-type="taskList"]');
  await expect(checklist.locator("li")).toHaveCount(1);
  await expect(checklist).toContainText("Publish the budget");
  await expect(doc).not.toContainText("/che");

  // The mouse works too.
  await elena.keyboard.press("Enter");
  await elena.keyboard.press("Enter");
  await elena.keyboard.type("/");
  await menu.getByRole("option", { name: "Heading 2" }).click();
  await expect(menu).toHaveCount(0);
  await elena.keyboard.type("Budget");
  await expect(doc.getByRole("heading", { name: "Budget", level: 2 })).toBeVisible();

  await elena.context().close();
});

test("the slash menu, open, has no serious accessibility violations", async ({ browser }) => {
  const { elena } = await newBlankPlan(browser);
  await elena.keyboard.press("Enter");
  await elena.keyboard.type("/");
  await expect(elena.getByRole("listbox", { name: "Insert a block" }).getByRole("option")).toHaveCount(9);
  await expectNoSeriousA11yViolations(elena, "the plan editor with the slash menu open");
  await elena.context().close();
});

test("in Spanish, the slash menu finds blocks by their Spanish names", async ({ browser }) => {
  const { elena, doc } = await newBlankPlan(browser, "es");
  await elena.keyboard.press("Enter");
  await elena.keyboard.type("/tab");
  const menu = elena.getByRole("listbox", { name: "Insertar un bloque" });
  await expect(menu.getByRole("option")).toHaveText(["Tabla"]);
  await elena.keyboard.press("Enter");
  await expect(doc.locator("table")).toHaveCount(1);
  await expect(doc).not.toContainText("/tab");
  await elena.context().close();
});

test("archiving a plan turns every open editor read-only at once, and restoring it gives editing back", async ({
  browser,
}) => {
  const elena = await signIn(browser, demo.superintendent);
  const url = await createPlan(elena, `Plan to archive ${Date.now()}`, "blank");
  const marcus = await openPlan(browser, cfo, url);
  await expect(documentOf(marcus)).toHaveAttribute("contenteditable", "true");

  await elena.getByText("Plan settings").click();
  await elena.getByRole("button", { name: "Archive" }).click();
  await expect(elena.getByText("The plan was archived.", { exact: false })).toBeVisible();
  // Marcus did not reload: the server's "rights changed" close makes his page fetch its rights again.
  const archivedNote = "This plan is archived: it is read-only for everyone until it is restored.";
  for (const page of [elena, marcus]) {
    await expect(page.getByText(archivedNote)).toBeVisible();
    await expect(documentOf(page)).toHaveAttribute("contenteditable", "false");
    await expect(page.getByRole("toolbar", { name: "Formatting" })).toHaveCount(0);
  }

  await elena.getByRole("button", { name: "Restore from archive" }).click();
  await expect(documentOf(marcus)).toHaveAttribute("contenteditable", "true");
  await expect(marcus.getByText(archivedNote)).toHaveCount(0);
  await documentOf(marcus).click();
  await marcus.keyboard.type("Back to work");
  await expect(documentOf(elena)).toContainText("Back to work");

  await elena.context().close();
  await marcus.context().close();
});
