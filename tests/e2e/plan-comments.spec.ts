import { expect, test, type Browser, type Page } from "@playwright/test";
import {
  expectNoHorizontalScroll,
  expectNoSeriousA11yViolations,
  login,
  useLanguage,
  waitForHydration,
} from "./helpers";

// Demo accounts (db/seed/demo.ts): Marcus edits in the coalition's workspace, where Aisha comments and
// Elena is the owner;
// Rosa, a family member, comments (read-only) in the family workspace.
const cfo = "cfo@riverbend.example";
const superintendent = "superintendent@riverbend.example";
const coalition = "coalition@riverbend.example";
const familyGarcia = "rosa.garcia@riverbend.example";

async function signIn(browser: Browser, email: string, options: { lang?: "en" | "es"; width?: number } = {}) {
  const context = await browser.newContext(options.width ? { viewport: { width: options.width, height: 740 } } : {});
  if (options.lang) await useLanguage(context, options.lang);
  const page = await context.newPage();
  await login(page, email);
  return page;
}

/** Opens a plan and waits until its editor has the live document. */
async function openPlan(page: Page, url: string, connected = "Connected") {
  await page.goto(url);
  await waitForHydration(page);
  await expect(page.getByRole("status").filter({ hasText: connected })).toBeVisible();
}

const documentOf = (page: Page, name = "Plan text") => page.getByRole("textbox", { name });
const panelOf = (page: Page, name = "Comments") => page.getByRole("region", { name });

test("a comment on a passage reaches a commenter live; replies, edits, deletion, moderation, removed text and the resolve follow", async ({
  browser,
}) => {
  const marcus = await signIn(browser, cfo);
  await marcus.goto("/workspaces/community-coalition-data-review");
  const title = `Commented plan ${Date.now()}`;
  await marcus.getByLabel("Title").fill(title);
  await marcus.getByLabel("Start from").selectOption("equity_action_plan");
  await marcus.getByRole("button", { name: "Create a plan" }).click();
  await expect(marcus).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
  const url = new URL(marcus.url()).pathname;
  await expect(marcus.getByRole("status").filter({ hasText: "Connected" })).toBeVisible();

  const aisha = await signIn(browser, coalition);
  await openPlan(aisha, url);

  // Marcus writes a sentence and selects it.
  const sentence = "Tutors need a quiet room.";
  await documentOf(marcus).getByText("Root causes").first().click();
  await marcus.keyboard.press("End");
  await marcus.keyboard.press("Enter");
  await marcus.keyboard.type(sentence);
  await marcus.keyboard.press("Shift+Home");
  await expect(documentOf(aisha)).toContainText(sentence);

  await marcus.locator(".comment-bar").getByRole("button", { name: "Comment" }).click();
  await marcus.getByLabel("Your comment").fill("Which room?\nSee https://example.org/rooms for options.");
  await marcus.getByRole("button", { name: "Post comment" }).click();
  await expect(panelOf(marcus).getByRole("link", { name: "https://example.org/rooms" })).toBeVisible();

  // Aisha sees the highlight and the thread without reloading.
  await expect(documentOf(aisha).locator(".thread-highlight")).toHaveText(sentence);
  const thread = panelOf(aisha).getByRole("button", { name: new RegExp(sentence.replace(".", "\\.")) });
  await expect(thread).toContainText("Which room?");
  await expect(thread).toContainText("No replies yet");
  // Choosing the highlight opens its thread.
  await documentOf(aisha).locator(".thread-highlight").click();
  await expect(thread).toHaveAttribute("aria-expanded", "true");
  await expect(panelOf(aisha).locator(".comment__body").first()).toContainText("See https://example.org/rooms");
  await panelOf(aisha).getByLabel("Reply to this thread").fill("The library, after lunch.");
  await panelOf(aisha).getByRole("button", { name: "Reply", exact: true }).click();

  // Marcus's open thread shows the reply live, counted in English.
  await expect(panelOf(marcus)).toContainText("The library, after lunch.");
  await expect(panelOf(marcus)).toContainText("1 reply");
  await expectNoSeriousA11yViolations(marcus, "the plan with a comment thread open");

  // Aisha edits her reply, then deletes it: Marcus sees each live; the deleted words are gone.
  const reply = panelOf(aisha).getByRole("listitem").filter({ hasText: "The library, after lunch." });
  await reply.getByRole("button", { name: "Edit" }).click();
  await panelOf(aisha).getByLabel("Edit your comment").fill("The library, after lunch (room 4).");
  await panelOf(aisha).getByRole("button", { name: "Save" }).click();
  await expect(panelOf(marcus)).toContainText("The library, after lunch (room 4).");
  await panelOf(aisha)
    .getByRole("listitem")
    .filter({ hasText: "room 4" })
    .getByRole("button", { name: "Delete" })
    .click();
  const confirm = aisha.getByRole("dialog", { name: "Delete your comment?" });
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(confirm).toBeHidden();
  await expect(panelOf(marcus)).toContainText("Comment deleted");
  await expect(panelOf(marcus)).not.toContainText("room 4");

  // The workspace's owner hides Marcus's comment with a reason: everyone sees it hidden.
  const elena = await signIn(browser, superintendent);
  await openPlan(elena, url);
  await panelOf(elena)
    .getByRole("button", { name: new RegExp(sentence.replace(".", "\\.")) })
    .click();
  await panelOf(elena)
    .getByRole("listitem")
    .filter({ hasText: "Which room?" })
    .getByRole("button", { name: "Hide" })
    .click();
  const hide = elena.getByRole("dialog", { name: "Hide this comment" });
  await hide.getByLabel("Reason (kept in the audit log)").fill("Off topic");
  await hide.getByRole("button", { name: "Hide" }).click();
  await expect(hide).toBeHidden();
  await expect(panelOf(aisha)).toContainText("Hidden by a moderator");
  await expect(panelOf(aisha)).not.toContainText("Which room?");
  await elena.context().close();

  // Marcus deletes the passage: the thread is kept, last, on removed text; his undo brings it back.
  await documentOf(marcus).getByText(sentence).click();
  await marcus.keyboard.press("End");
  await marcus.keyboard.press("Shift+Home");
  await marcus.keyboard.press("Backspace");
  await expect(documentOf(aisha)).not.toContainText(sentence);
  await expect(documentOf(aisha).locator(".thread-highlight")).toHaveCount(0);
  await expect(thread).toContainText("On removed text");
  await expect(thread).toContainText(sentence);
  await marcus.keyboard.press("Control+z");
  await expect(documentOf(aisha).locator(".thread-highlight")).toHaveText(sentence);
  await expect(thread).not.toContainText("On removed text");

  await panelOf(marcus).getByRole("button", { name: "Resolve" }).click();
  for (const page of [marcus, aisha]) {
    const toggle = panelOf(page).getByRole("button", { name: "Resolved (1)" });
    await expect(toggle).toBeVisible();
    await expect(documentOf(page).locator(".thread-highlight")).toHaveCount(0);
  }
  await panelOf(aisha).getByRole("button", { name: "Resolved (1)" }).click();
  await expect(panelOf(aisha).getByRole("button", { name: new RegExp(sentence.replace(".", "\\.")) })).toContainText(
    "resolved",
  );
  await marcus.context().close();
  await aisha.context().close();
});

test("a family member comments on the Spanish plan at 360 px with the keyboard alone", async ({ browser }) => {
  const rosa = await signIn(browser, familyGarcia, { lang: "es", width: 360 });
  await rosa.goto("/workspaces/family-budget-priorities");
  await rosa
    .getByRole("link", { name: "Tutoría intensiva: revisión del retorno de la inversión", exact: true })
    .click();
  await waitForHydration(rosa);
  await expect(rosa.getByRole("status").filter({ hasText: "Conectado" })).toBeVisible();
  const doc = documentOf(rosa, "Texto del plan");
  await expect(doc).toHaveAttribute("aria-readonly", "true");
  await expect(doc).toContainText("tutoría");

  // Into the document with Tab from the comment button, then Shift+Arrow keys select its first words.
  await rosa.locator(".comment-bar").getByRole("button", { name: "Comentar" }).focus();
  await rosa.keyboard.press("Tab");
  await expect(doc).toBeFocused();
  await rosa.keyboard.press("Control+Home");
  await rosa.keyboard.press("ArrowRight");
  for (let i = 0; i < 8; i++) await rosa.keyboard.press("Shift+ArrowRight");
  await rosa.keyboard.press("Control+Alt+KeyM");
  const box = rosa.getByLabel("Su comentario");
  await expect(box).toBeFocused();
  const words = `Mi hija espera al tutor cada martes ${Date.now()}`;
  await rosa.keyboard.type(words);
  await rosa.keyboard.press("Control+Enter");

  const panel = panelOf(rosa, "Comentarios");
  const created = panel.getByRole("listitem").filter({ hasText: words }).first();
  await expect(created).toBeVisible();
  await expect(created).toContainText("Aún no hay respuestas");
  await expect(doc.locator(".thread-highlight--active")).toHaveCount(1);
  await expectNoHorizontalScroll(rosa, "the Spanish plan with its comments at 360 px");
  await rosa.context().close();
});

test("the comments panel and an open thread have no serious accessibility violations", async ({ browser }) => {
  const rosa = await signIn(browser, familyGarcia);
  await rosa.goto("/workspaces/family-budget-priorities");
  const href = await rosa
    .getByRole("link", { name: "High-dosage tutoring: ROI review", exact: true })
    .getAttribute("href");
  await openPlan(rosa, href!);
  await expect(panelOf(rosa)).toBeVisible();
  await expectNoSeriousA11yViolations(rosa, "the plan with its comments panel");

  // A thread of her own, opened, with a mention offered while she types.
  // From the document's first words: where focus puts the caret depends on what other tests
  // have added to this shared demo plan (an embedded chart, a trailing empty paragraph).
  await documentOf(rosa).focus();
  await rosa.keyboard.press("Control+Home");
  await rosa.keyboard.press("ArrowRight");
  for (let i = 0; i < 5; i++) await rosa.keyboard.press("Shift+ArrowRight");
  await rosa.keyboard.press("Control+Alt+KeyM");
  await expect(rosa.getByLabel("Your comment")).toBeFocused();
  await rosa.keyboard.type("Thanks @To");
  const members = rosa.getByRole("listbox", { name: "Workspace members" });
  await expect(members.getByRole("option", { name: "Tom Nguyen" })).toHaveAttribute("aria-selected", "true");
  await expectNoSeriousA11yViolations(rosa, "the comment box offering members to mention");
  await rosa.keyboard.press("Enter");
  await expect(rosa.getByLabel("Your comment")).toHaveValue("Thanks @Tom Nguyen ");
  // A failed post says so and keeps the words in the box.
  await rosa.route("**/api/v1/plans/*/threads", (route) =>
    route.request().method() === "POST" ? route.abort() : route.continue(),
  );
  await rosa.keyboard.press("Control+Enter");
  await expect(panelOf(rosa).getByRole("alert")).toContainText("Your comment was not saved");
  await expect(rosa.getByLabel("Your comment")).toHaveValue("Thanks @Tom Nguyen ");
  await rosa.unroute("**/api/v1/plans/*/threads");
  await rosa.keyboard.press("Control+Enter");
  const created = panelOf(rosa).locator(".thread--open");
  await expect(created).toContainText("Thanks @Tom Nguyen");
  await expect(created.getByLabel("Reply to this thread")).toBeVisible();
  await expectNoSeriousA11yViolations(rosa, "the plan with a thread open");
  await rosa.context().close();
});
