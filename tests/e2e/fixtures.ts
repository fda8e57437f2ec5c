import { test as base, expect, type Cookie } from "@playwright/test";
import { BASE_URL, demo, login } from "./helpers";

export type Lang = "en" | "es";
export type Account = keyof typeof demo;

type Options = {
  /** The demo account the test's browser is signed in as, or null for signed out. */
  account: Account | null;
  /** The interface language, chosen the way a saved choice is: the `lang` cookie. */
  lang: Lang;
};
type WorkerFixtures = {
  /** The session cookie of a demo account, signed in once per worker and then shared. */
  sessionOf: (account: Account) => Promise<Cookie[]>;
  /** One valid invitation to cabinet-strategic-plan (viewer, community), made once per worker. */
  invitationPath: string;
};

const langCookie = (lang: Lang): Cookie => ({
  name: "lang",
  value: lang,
  domain: new URL(BASE_URL).hostname,
  path: "/",
  expires: -1,
  httpOnly: false,
  secure: false,
  sameSite: "Lax",
});

/**
 * Tests that start signed in and in a language, as Playwright's docs recommend:
 * sign in once per worker and hand each test a storage state, so a test is
 * only what it checks. (The server allows 5 sign-ins per account per 15 minutes.)
 */
export const test = base.extend<Options, WorkerFixtures>({
  account: [null, { option: true }],
  lang: ["en", { option: true }],

  sessionOf: [
    async ({ browser }, use) => {
      const sessions = new Map<Account, Promise<Cookie[]>>();
      const signIn = async (account: Account) => {
        const context = await browser.newContext({ baseURL: BASE_URL, locale: "en-US" });
        try {
          const page = await context.newPage();
          await login(page, demo[account]);
          return (await context.cookies()).filter((c) => c.name === "rq_session");
        } finally {
          await context.close();
        }
      };
      await use((account) => {
        const session = sessions.get(account) ?? signIn(account);
        sessions.set(account, session);
        return session;
      });
    },
    { scope: "worker" },
  ],

  invitationPath: [
    async ({ browser, sessionOf }, use) => {
      // Worker fixtures do not get the config's `use` options (locale among them): set the language here.
      const context = await browser.newContext({ baseURL: BASE_URL, locale: "en-US" });
      await context.addCookies([...(await sessionOf("superintendent")), langCookie("en")]);
      const page = await context.newPage();
      await page.goto("/workspaces/cabinet-strategic-plan");
      const invite = page.getByRole("region", { name: "Invite people" });
      await invite.getByLabel("Role").selectOption("viewer");
      await invite.getByLabel("Stakeholder group").selectOption("community");
      await invite.getByRole("button", { name: "Create invitation link" }).click();
      const link = invite.getByLabel("Invitation link");
      await expect(link).toHaveValue(/\/invite\//);
      const path = new URL(await link.inputValue()).pathname;
      await context.close();
      await use(path);
    },
    { scope: "worker" },
  ],

  storageState: async ({ account, lang, sessionOf }, use) => {
    const session = account ? await sessionOf(account) : [];
    await use({ cookies: [...session, langCookie(lang)], origins: [] });
  },
});

export { expect };
