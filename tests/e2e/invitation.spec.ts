import { expect, test } from "@playwright/test";
import { BASE_URL, fillSignup, uniqueEmail, waitForHydration } from "./helpers";

test("an owner creates a district and workspace, invites someone, and they join", async ({ browser, page }) => {
  const run = Date.now().toString(36);
  const owner = { name: "Olivia Owner", email: uniqueEmail("owner"), password: "owner-password-123" };
  const guest = { name: `Gabriel Guest ${run}`, email: uniqueEmail("guest"), password: "guest-password-123" };
  const districtName = `Lakeside District ${run}`;
  const workspaceName = `Budget listening sessions ${run}`;

  // Person A signs up…
  await page.goto("/signup");
  await fillSignup(page, owner);
  await expect(page).toHaveURL(/\/workspaces$/);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  // …creates a district and lands on its page…
  await page.goto("/districts");
  await page.getByLabel("District name").fill(districtName);
  await page.getByRole("button", { name: "Create a district" }).click();
  await expect(page).toHaveURL(/\/districts\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1, name: districtName })).toBeVisible();

  // …creates a workspace in it…
  await page.getByLabel("Workspace name").fill(workspaceName);
  await page.getByLabel("Description (optional)").fill("Where families tell us what matters.");
  await page.getByRole("button", { name: "Create a workspace" }).click();
  await expect(page).toHaveURL(/\/workspaces\/[a-z0-9-]+$/);
  const workspaceUrl = page.url();
  await expect(page.getByRole("heading", { level: 1, name: workspaceName })).toBeVisible();
  await expect(page.getByText(/^You are Owner · /)).toBeVisible();

  // …and creates an invitation link for a family member who may comment.
  const invite = page.getByRole("region", { name: "Invite people" });
  await invite.getByLabel("Role").selectOption("commenter");
  await invite.getByLabel("Stakeholder group").selectOption("family");
  await invite.getByRole("button", { name: "Create invitation link" }).click();
  const linkInput = invite.getByLabel("Invitation link");
  await expect(linkInput).toHaveValue(new RegExp(`^${BASE_URL}/invite/[^/]+$`));
  await expect(linkInput).toHaveAttribute("readonly", "");
  await expect(invite.getByRole("status")).toContainText("Invitation link created");
  const invitationUrl = await linkInput.inputValue();

  // Person B, in a browser of their own, opens the link.
  const guestContext = await browser.newContext();
  try {
    const guestPage = await guestContext.newPage();
    await guestPage.goto(invitationUrl);
    await expect(guestPage.getByRole("heading", { level: 1, name: `Join ${workspaceName}` })).toBeVisible();
    await expect(
      guestPage.getByText(`You're invited to a ${districtName} workspace as Commenter (Family).`),
    ).toBeVisible();

    // They have no account yet, so they create one and come back to the invitation.
    await waitForHydration(guestPage);
    await guestPage.getByRole("main").getByRole("link", { name: "Create an account" }).click();
    await expect(guestPage).toHaveURL(/\/signup\?redirectTo=%2Finvite%2F/);
    await expect(guestPage.getByRole("heading", { level: 1, name: "Create your account" })).toBeVisible();
    await fillSignup(guestPage, guest);
    await expect(guestPage).toHaveURL(new URL(invitationUrl).pathname);

    // Signed in now: the page offers to join.
    await guestPage.getByRole("button", { name: "Join the workspace" }).click();
    await expect(guestPage).toHaveURL(workspaceUrl);
    await expect(guestPage.getByRole("heading", { level: 1, name: workspaceName })).toBeVisible();
    await expect(guestPage.getByText("You are Commenter · Family")).toBeVisible();
    // A commenter does not manage members.
    await expect(guestPage.getByRole("region", { name: "Invite people" })).toHaveCount(0);
  } finally {
    await guestContext.close();
  }

  // Person A sees the new member after reloading.
  await page.reload();
  const members = page.getByRole("region", { name: /^Members/ });
  await expect(members.getByRole("heading", { name: "Members (2)" })).toBeVisible();
  const guestRow = members.getByRole("listitem").filter({ hasText: guest.name });
  await expect(guestRow).toBeVisible();
  await expect(guestRow).toContainText(guest.email);
  await expect(guestRow).toContainText("Commenter · Family");
});
