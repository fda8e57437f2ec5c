import { expect, test } from "./fixtures";
import { expectNoSeriousA11yViolations, fillSignup, uniqueEmail, waitForHydration, waitForMail } from "./helpers";

// An owner invites someone by e-mail from the workspace page, with the keyboard alone; the mail
// arrives at the run's mail server (tests/e2e/mail-sink.ts); the invitee signs up from its link and joins.

test.describe("inviting by e-mail", () => {
  test.use({ account: "superintendent" });

  test("the owner invites by keyboard, the invitee signs up from the mail's link and joins", async ({
    page,
    browser,
  }) => {
    const guest = {
      name: `Gloria Guest ${Date.now().toString(36)}`,
      email: uniqueEmail("gloria"),
      password: "gloria-password-1",
    };
    await page.goto("/workspaces/cabinet-strategic-plan");
    await waitForHydration(page);
    const section = page.getByRole("region", { name: "Invite by e-mail" });

    // A typo first: nothing is sent, the address is named, and what was typed stays.
    await section.getByLabel("E-mail addresses").focus();
    await page.keyboard.type(`${guest.email}, gloria-at-example`);
    await section.getByRole("button", { name: "Send invitations" }).focus();
    await page.keyboard.press("Enter");
    await expect(section.getByRole("alert")).toContainText("gloria-at-example: not an e-mail address");
    await expect(section.getByLabel("E-mail addresses")).toHaveValue(`${guest.email}, gloria-at-example`);
    await expectNoSeriousA11yViolations(page, "workspace page, invitation by e-mail refused");

    await section.getByLabel("E-mail addresses").focus();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type(guest.email);
    await section.getByRole("button", { name: "Send invitations" }).focus();
    await page.keyboard.press("Enter");
    await expect(section.getByRole("status")).toContainText("Invitations sent: 1.");
    const row = section.getByRole("listitem").filter({ hasText: guest.email });
    await expect(row).toContainText("Sent");
    await expect(row).toContainText("Commenter · Family");
    await expect(row.getByRole("button", { name: `Resend the invitation to ${guest.email}` })).toBeVisible();
    await expectNoSeriousA11yViolations(page, "workspace page, invitations by e-mail sent");

    // The invitee's mail, with a link of her own.
    const mail = await waitForMail(guest.email, /\/invite\//);
    expect(mail.decoded).toContain("invited you to Cabinet strategic plan");
    const invitePath = new URL(/https?:\/\/\S+?\/invite\/[a-z2-7]+/.exec(mail.decoded)![0]).pathname;

    // A browser of her own, signed out (the test's own context holds the owner's session).
    const guestContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    try {
      const guestPage = await guestContext.newPage();
      await guestPage.goto(invitePath);
      await expect(guestPage.getByRole("heading", { level: 1, name: "Join Cabinet strategic plan" })).toBeVisible();
      await expect(guestPage.getByText("This invitation was sent to g•••@e2e.example.")).toBeVisible();
      await expectNoSeriousA11yViolations(guestPage, "invitation by e-mail, signed out");
      await waitForHydration(guestPage);
      await guestPage.getByRole("main").getByRole("link", { name: "Create an account" }).focus();
      await guestPage.keyboard.press("Enter");
      await expect(guestPage).toHaveURL(/\/signup\?redirectTo=%2Finvite%2F/);
      await fillSignup(guestPage, guest);
      await expect(guestPage).toHaveURL(invitePath);
      await guestPage.getByRole("button", { name: "Join the workspace" }).focus();
      await guestPage.keyboard.press("Enter");
      await expect(guestPage).toHaveURL(/\/workspaces\/cabinet-strategic-plan$/);
      await expect(guestPage.getByText("You are Commenter · Family")).toBeVisible();
    } finally {
      await guestContext.close();
    }

    await page.reload();
    await expect(
      page.getByRole("region", { name: "Invite by e-mail" }).getByRole("listitem").filter({ hasText: guest.email }),
    ).toContainText("Accepted");
  });
});
