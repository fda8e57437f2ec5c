import { expect, test } from "./fixtures";
import { BASE_URL, expectNoHorizontalScroll, expectNoSeriousA11yViolations, waitForHydration } from "./helpers";

const WORKSPACE = "family-budget-priorities";
const RECEIPT = /[A-Z2-7]{5}-[A-Z2-7]{5}/;

test.describe("voting without an account", () => {
  test.use({ account: "superintendent" });

  test("the owner prints codes with QR codes; people without accounts vote with them, with or without JavaScript", async ({
    page,
    browser,
  }) => {
    // The demo's open vote: the one families are voting in.
    const listed = await page.request.get(`/api/v1/workspaces/${WORKSPACE}/polls`);
    const { polls } = (await listed.json()) as { polls: { id: string; state: string; title: string }[] };
    const open = polls.find((p) => p.state === "open" && p.title.includes("$1.5 million"))!;
    await page.goto(`/workspaces/${WORKSPACE}/polls/${open.id}`);
    await page
      .getByRole("region", { name: "Manage this vote" })
      .getByRole("link", { name: "Access codes for voters without an account" })
      .click();
    await expect(
      page.getByRole("heading", { level: 2, name: "Access codes for voters without an account" }),
    ).toBeVisible();
    await page.getByLabel("How many codes (1 to 500)").fill("3");
    await page.getByRole("button", { name: "Make the codes" }).click();

    const sheet = page.getByRole("region", { name: "New codes to print" });
    await expect(sheet.getByRole("status")).toContainText("These codes are not shown again.");
    const qrCodes = sheet.getByRole("img", { name: "QR code that opens the vote with this code" });
    await expect(qrCodes).toHaveCount(3);
    // The QR codes are drawn: each image has loaded with a real size.
    await expect
      .poll(() => qrCodes.evaluateAll((imgs) => imgs.every((img) => (img as HTMLImageElement).naturalWidth > 0)))
      .toBe(true);
    await expect(sheet.locator(".code-card").first()).toContainText(`${BASE_URL}/vote`);
    const codes = await sheet.locator(".code-card__code").allTextContents();
    expect(codes).toHaveLength(3);
    for (const code of codes) expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    await expectNoSeriousA11yViolations(page, "the access code sheet");

    // On a phone, from the QR code's link, with the keyboard alone. A new context starts with the
    // test's cookies (its session, its language): these visitors have no account and no saved language.
    const phone = await browser.newContext({
      baseURL: BASE_URL,
      locale: "en-US",
      viewport: { width: 360, height: 740 },
    });
    await phone.clearCookies();
    try {
      const voter = await phone.newPage();
      await voter.goto(`/vote#${codes[0]}`);
      await waitForHydration(voter);
      await expect(voter.getByRole("link", { name: "Sign in" })).toBeVisible();
      const field = voter.getByLabel("Your code");
      await expect(field).toHaveValue(codes[0]!);
      // The code leaves the address bar once it is in the form.
      await expect(voter).toHaveURL(`${BASE_URL}/vote`);
      await expectNoSeriousA11yViolations(voter, "/vote");
      await expectNoHorizontalScroll(voter, "/vote at 360 px");
      await voter.getByRole("button", { name: "Open my ballot" }).focus();
      await voter.keyboard.press("Enter");

      const ballot = voter.getByRole("region", { name: "Your ballot" });
      await expect(ballot).toContainText("Together they must fit the budget of $1,500,000.");
      await ballot.getByRole("checkbox", { name: /Reading tutors/ }).focus();
      await voter.keyboard.press("Space");
      await ballot.getByRole("radio", { name: "Family" }).focus();
      await voter.keyboard.press("Space");
      await expect(ballot.getByRole("radio", { name: "Family" })).toBeChecked();
      await expectNoSeriousA11yViolations(voter, "a ballot opened with a code");
      await expectNoHorizontalScroll(voter, "a code's ballot at 360 px");
      await ballot.getByRole("button", { name: "Cast my ballot" }).focus();
      await voter.keyboard.press("Enter");
      const counted = voter.getByRole("status");
      await expect(counted).toContainText("your ballot is counted");
      await expect(counted).toContainText(RECEIPT);
      await expectNoSeriousA11yViolations(voter, "a ballot counted with a code");

      // The same code again opens nothing.
      await voter.getByRole("link", { name: "Vote with another code" }).click();
      await voter.getByLabel("Your code").fill(codes[0]!);
      await voter.getByRole("button", { name: "Open my ballot" }).click();
      await expect(voter.getByRole("alert")).toHaveText(
        "This code has already been used to vote. Each code opens one ballot.",
      );
    } finally {
      await phone.close();
    }

    // Without JavaScript, in Spanish, the code typed by hand in lower case.
    const plain = await browser.newContext({
      baseURL: BASE_URL,
      locale: "es-MX",
      javaScriptEnabled: false,
    });
    await plain.clearCookies();
    try {
      const voter = await plain.newPage();
      await voter.goto("/vote");
      await expect(voter.getByRole("heading", { level: 1, name: "Votar con un código" })).toBeVisible();
      await voter.getByLabel("Su código").fill(codes[1]!.toLowerCase().replaceAll("-", " "));
      await voter.getByRole("button", { name: "Abrir mi papeleta" }).click();
      const ballot = voter.getByRole("region", { name: "Su papeleta" });
      await ballot.getByRole("checkbox", { name: /Orientadores/ }).check();
      await ballot.getByRole("radio", { name: "Estudiante" }).check();
      await ballot.getByRole("button", { name: "Emitir mi voto" }).click();
      await expect(voter.getByRole("status")).toContainText(/Su código de comprobante es [A-Z2-7]{5}-[A-Z2-7]{5}/);
    } finally {
      await plain.close();
    }

    // The owner sees two codes used of three, and never the codes again.
    await page.reload();
    await expect(page.getByText("Codes made:")).toContainText("Used to vote: 2.");
    await expect(page.locator(".code-card")).toHaveCount(0);
  });

  test("staff enter a paper ballot and get the receipt to write on it", async ({ page }) => {
    // A vote of her own, so the demo's open vote keeps its count.
    const created = await page.request.post(`/api/v1/workspaces/${WORKSPACE}/polls`, {
      headers: { Origin: BASE_URL },
      data: {
        title: `Playground shade ${Date.now()}`,
        budget: 1000,
        ballot: { type: "approval", maxOptions: 1 },
        options: [
          { title: "Shade sails", cost: 600 },
          { title: "Trees", cost: 400 },
        ],
      },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    await page.goto(`/workspaces/${WORKSPACE}/polls/${id}`);
    const manage = page.getByRole("region", { name: "Manage this vote" });
    await manage.getByRole("button", { name: "Open the vote" }).click();
    await expect(manage.getByRole("status")).toHaveText("The vote is open.");
    await manage.getByRole("link", { name: "Enter paper ballots" }).click();

    const form = page.getByRole("region", { name: "One paper ballot" });
    await form.getByRole("checkbox", { name: "Trees" }).check();
    await form.getByRole("radio", { name: "Family" }).check();
    await form.getByLabel("The voter's school (optional)").selectOption({ label: "Aspen Elementary School" });
    await form.getByRole("button", { name: "Enter this ballot" }).click();
    await expect(page.getByRole("status")).toContainText(
      /Write its receipt code on the paper: [A-Z2-7]{5}-[A-Z2-7]{5}/,
    );
    // A fresh form for the next paper.
    await expect(form.getByRole("checkbox", { name: "Trees" })).not.toBeChecked();
    await expectNoSeriousA11yViolations(page, "the paper ballot page");
  });
});
